import Foundation  // pow, for βᵗ

/// RAdam's moments m and v and the step count t.
public struct RAdamState: Sendable, Equatable {
    /// m, the first-moment estimate (torch's `exp_avg`).
    public var m: [Double]
    /// v, the second-moment estimate (torch's `exp_avg_sq`).
    public var v: [Double]
    /// Steps taken so far; ρₜ and the rectification use t + 1 at the next step.
    public var t: Int

    /// Zero moments and t = 0 for `count` parameters.
    public init(count: Int) {
        m = Array(repeating: 0, count: max(count, 0))
        v = m
        t = 0
    }
}

/// RAdam, rectified Adam (Liu et al., "On the Variance of the Adaptive
/// Learning Rate and Beyond", ICLR 2020, Algorithm 2):
///
///     t ← t + 1
///     m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
///     m̂ = m / (1 − β₁ᵗ)
///     ρ∞ = 2/(1 − β₂) − 1;     ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
///     if ρₜ > 5:  l = √(1 − β₂ᵗ)/(√v + ε)
///                 r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
///                 θ ← θ − η·r·l·m̂
///     else:       θ ← θ − η·m̂
///
/// ρₜ estimates how many gradients the average v effectively holds; while
/// it is small v's variance is too large to trust, so the step is plain
/// momentum, and r scales the adaptive step up as v settles.
///
/// The paper's Algorithm 2 switches at ρₜ > 4 and has no ε
/// (l = √((1 − β₂ᵗ)/v)); this rule follows torch's
/// `RAdam(lr:, betas:, eps:)` (and the authors' code) in switching at
/// ρₜ > 5 and adding ε to √v, and equals it up to rounding: torch forms m by
/// `lerp` and l as `reciprocal(√v + ε)·√(1 − β₂ᵗ)`. torch's `weight_decay`,
/// `decoupled_weight_decay` and `maximize` are not part of this rule.
///
/// - Precondition: `θ`, `g`, `state.m` and `state.v` have the same count.
public func radamStep(
    _ θ: inout [Double], _ g: [Double], state: inout RAdamState,
    lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8
) {
    precondition(
        θ.count == g.count && θ.count == state.m.count && θ.count == state.v.count,
        "radamStep: \(θ.count) parameters, \(g.count) gradients, \(state.m.count)/\(state.v.count) moments")
    let η = lr, β1 = beta1, β2 = beta2, ε = eps
    state.t += 1
    let t = Double(state.t)
    let ρInf = 2 / (1 - β2) - 1
    let ρt = ρInf - 2 * t * pow(β2, t) / (1 - pow(β2, t))
    for i in θ.indices {
        state.m[i] = β1 * state.m[i] + (1 - β1) * g[i]
        state.v[i] = β2 * state.v[i] + (1 - β2) * g[i] * g[i]
        let mHat = state.m[i] / (1 - pow(β1, t))
        if ρt > 5 {
            let l = (1 - pow(β2, t)).squareRoot() / (state.v[i].squareRoot() + ε)
            let r = ((ρt - 4) * (ρt - 2) * ρInf / ((ρInf - 4) * (ρInf - 2) * ρt)).squareRoot()
            θ[i] -= η * r * l * mHat
        } else {
            θ[i] -= η * mHat
        }
    }
}
