import Foundation  // pow, for βᵗ

// The pieces several of the hand-written rules share, each written once and
// named after what the papers call it. Like the rules, they are plain scalar
// arithmetic in the order the formula is written, and share nothing with the
// library optimizers' kernels (see ManualSGD.swift for why).

/// The contract every step rule checks first: θ, g and the state's vectors
/// (one or two) hold one entry per parameter. Traps otherwise, naming the
/// rule and every count (`adamStep: 2 parameters, 2 gradients, 3/3 moments`),
/// at the caller's line.
func requireOneEntryPerParameter(
    _ rule: String, _ θ: [Double], _ g: [Double], _ state: [Double], _ more: [Double]? = nil,
    holding what: String, file: StaticString = #fileID, line: UInt = #line
) {
    precondition(
        θ.count == g.count && state.count == θ.count && (more?.count ?? θ.count) == θ.count,
        "\(rule): \(θ.count) parameters, \(g.count) gradients, "
            + "\(state.count)\(more.map { "/\($0.count)" } ?? "") \(what)",
        file: file, line: line)
}

/// t ← t + 1: counts the step about to be taken and returns its number, as
/// the bias corrections βᵗ use it (the first step is t = 1).
func nextStep(_ t: inout Int) -> Double {
    t += 1
    return Double(t)
}

/// One step of an exponential moving average started at 0, the first moment
/// of the Adam family: m ← β·m + (1 − β)·g. With β = 0 it is the latest g.
func movingAverage(_ m: inout Double, _ g: Double, _ β: Double) {
    m = β * m + (1 - β) * g
}

/// One step of an exponential moving average of squares started at 0, the
/// second moment of the Adam family and RMSprop's and Adadelta's E[g²]:
/// v ← β·v + (1 − β)·g², rounded as (1 − β)·g·g.
func movingAverageOfSquares(_ v: inout Double, _ g: Double, _ β: Double) {
    v = β * v + (1 - β) * g * g
}

/// Bias correction of an average started at 0 after t steps of decay β:
/// x̂ = x / (1 − βᵗ). The average is pulled towards its zero start by the
/// factor 1 − βᵗ; dividing by it makes x̂ an unbiased estimate. Adamax
/// corrects its step size the same way, η/(1 − β₁ᵗ), rather than m.
func biasCorrected(_ x: Double, _ β: Double, _ t: Double) -> Double {
    x / (1 - pow(β, t))
}

/// `count` zeros, no entries for a negative count: a state's vectors at the start.
func zeros(_ count: Int) -> [Double] {
    Array(repeating: 0, count: max(count, 0))
}
