/// Rprop's per-coordinate step sizes Δ and the gradients used on the
/// previous step.
public struct RpropState: Sendable, Equatable {
    /// Δ, each coordinate's own step size (torch's `step_size`), kept within
    /// the step-size bounds.
    public var stepSizes: [Double]
    /// The gradient of the previous step (torch's `prev`), 0 where a sign change
    /// skipped the step.
    public var previousGradient: [Double]

    /// Starts every step size at `initialStepSize` (torch's `lr`) and the
    /// previous gradient at 0.
    public init(count: Int, initialStepSize: Double) {
        stepSizes = Array(repeating: initialStepSize, count: max(count, 0))
        previousGradient = zeros(count)
    }
}

/// Rprop (Riedmiller and Braun, IEEE ICNN 1993) without weight-backtracking,
/// the variant Igel and Hüsken (2000) call iRprop⁻. Per coordinate, with g′
/// the gradient used last time:
///
///     if g·g′ > 0:  Δ ← min(Δ·η₊, Δmax)
///     if g·g′ < 0:  Δ ← max(Δ·η₋, Δmin);  g ← 0
///     θ ← θ − sign(g)·Δ
///     g′ ← g
///
/// Only signs move θ: a coordinate whose gradient keeps its sign speeds up
/// geometrically, one that flips slows down and sits out one step. This is
/// what torch's `Rprop(lr:, etas:, step_sizes:)` computes (`lr` is the
/// initial Δ). The 1993 paper differs after a sign flip: it also undoes the
/// previous step (θ ← θ + its last change), which torch does not. torch's
/// `maximize` is not part of this rule.
///
/// - Precondition: `θ`, `g` and the state's vectors have the same count.
public func rpropStep(
    _ θ: inout [Double], _ g: [Double], state: inout RpropState,
    etaMinus: Double = 0.5, etaPlus: Double = 1.2, minStepSize: Double = 1e-6, maxStepSize: Double = 50
) {
    requireOneEntryPerParameter(
        "rpropStep", θ, g, state.stepSizes, state.previousGradient, holding: "step sizes/previous gradients")
    for i in θ.indices {
        var gi = g[i]
        let agreement = gi * state.previousGradient[i]
        if agreement > 0 {
            state.stepSizes[i] = min(state.stepSizes[i] * etaPlus, maxStepSize)
        } else if agreement < 0 {
            state.stepSizes[i] = max(state.stepSizes[i] * etaMinus, minStepSize)
            gi = 0
        }
        let sign: Double = gi > 0 ? 1 : (gi < 0 ? -1 : 0)
        θ[i] -= sign * state.stepSizes[i]
        state.previousGradient[i] = gi
    }
}
