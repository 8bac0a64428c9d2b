import Foundation  // pow, for βᵗ

/// RAdam's state is Adam's: the moments m and v and the step count t, as
/// torch's RAdam keeps `exp_avg`, `exp_avg_sq` and `step` like Adam; ρₜ and
/// the rectification use t + 1 at the next step.
public typealias RAdamState = AdamState

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
    requireOneEntryPerParameter("radamStep", θ, g, state.m, state.v, holding: "moments")
    let η = lr, β1 = beta1, β2 = beta2, ε = eps
    let t = nextStep(&state.t)
    let ρInf = 2 / (1 - β2) - 1
    let ρt = ρInf - 2 * t * pow(β2, t) / (1 - pow(β2, t))
    for i in θ.indices {
        movingAverage(&state.m[i], g[i], β1)
        movingAverageOfSquares(&state.v[i], g[i], β2)
        let mHat = biasCorrected(state.m[i], β1, t)
        if ρt > 5 {
            let l = (1 - pow(β2, t)).squareRoot() / (state.v[i].squareRoot() + ε)
            let r = ((ρt - 4) * (ρt - 2) * ρInf / ((ρInf - 4) * (ρInf - 2) * ρt)).squareRoot()
            θ[i] -= η * r * l * mHat
        } else {
            θ[i] -= η * mHat
        }
    }
}
