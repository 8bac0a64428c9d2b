import Foundation  // pow, for βᵗ and 0.96^(t·ψ)

/// NAdam's moments m and v, the step count t, and the running product of
/// the momentum schedule, μ₁·μ₂·…·μₜ (1 before the first step).
public struct NAdamState: Sendable, Equatable {
    /// m, the first-moment estimate (torch's `exp_avg`).
    public var m: [Double]
    /// v, the second-moment estimate (torch's `exp_avg_sq`).
    public var v: [Double]
    /// Steps taken so far.
    public var t = 0
    /// μ₁·μ₂·…·μₜ (torch's `mu_product`), 1 before the first step.
    public var muProduct: Double = 1

    /// Zero moments, t = 0 and a μ product of 1 for `count` parameters.
    public init(count: Int) {
        m = zeros(count)
        v = m
    }
}

/// NAdam, Adam with Nesterov momentum (Dozat, ICLR workshop 2016), as
/// torch's `NAdam(lr:, betas:, eps:, momentum_decay:)` and Keras state it:
///
///     t ← t + 1
///     μₜ = β₁·(1 − ½·0.96^(t·ψ)),  μₜ₊₁ = β₁·(1 − ½·0.96^((t+1)·ψ))
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     m̂ = μₜ₊₁·m / (1 − μ₁⋯μₜ₊₁) + (1 − μₜ)·g / (1 − μ₁⋯μₜ)
///     v̂ = v / (1 − β₂ᵗ)
///     θ ← θ − η·m̂ / (√v̂ + ε)
///
/// ψ is `momentumDecay`. The schedule μₜ warms up from about β₁/2 towards β₁
/// (0.96^(t·ψ) halves every ln 2/(ψ·ln(1/0.96)) ≈ 4,245 steps at ψ = 0.004),
/// so for the first thousands of steps the look-ahead weight is well below
/// β₁; with ψ = 0 it stays at β₁/2. The average m itself uses the constant
/// β₁; μ enters only the look-ahead mix and its bias correction. This rule
/// differs from "Adam with m̂ replaced by β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ)",
/// a simplified NAdam found in some texts, which has no schedule.
///
/// torch computes the same formula with lerp for m, √(v/(1 − β₂ᵗ)) for √v̂,
/// and the two terms of m̂ as two separate `addcdiv` updates of θ; only the
/// rounding differs. torch's `weight_decay`, `decoupled_weight_decay` and
/// `maximize` are not part of this rule.
///
/// - Precondition: `θ`, `g`, `state.m` and `state.v` have the same count.
public func nadamStep(
    _ θ: inout [Double], _ g: [Double], state: inout NAdamState,
    lr: Double = 0.002, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
    momentumDecay: Double = 0.004
) {
    requireOneEntryPerParameter("nadamStep", θ, g, state.m, state.v, holding: "moments")
    let η = lr, β1 = beta1, β2 = beta2, ε = eps, ψ = momentumDecay
    let t = nextStep(&state.t)
    let μt = β1 * (1 - 0.5 * pow(0.96, t * ψ))
    let μnext = β1 * (1 - 0.5 * pow(0.96, (t + 1) * ψ))
    state.muProduct *= μt
    let productNext = state.muProduct * μnext
    for i in θ.indices {
        movingAverage(&state.m[i], g[i], β1)
        movingAverageOfSquares(&state.v[i], g[i], β2)
        let mHat = μnext * state.m[i] / (1 - productNext) + (1 - μt) * g[i] / (1 - state.muProduct)
        let vHat = biasCorrected(state.v[i], β2, t)
        θ[i] -= η * mHat / (vHat.squareRoot() + ε)
    }
}
