/// Adam's moment estimates m and v, one entry per parameter, and the number
/// of steps taken, t.
public struct AdamState: Sendable, Equatable {
    /// m, the first-moment estimate (torch's `exp_avg`), not bias-corrected.
    public var m: [Double]
    /// v, the second-moment estimate (torch's `exp_avg_sq`), not bias-corrected.
    public var v: [Double]
    /// Steps taken so far; the next step's bias corrections use t + 1.
    public var t = 0

    /// Zero moments and t = 0 for `count` parameters.
    public init(count: Int) {
        m = zeros(count)
        v = m
    }
}

/// Adam (Kingma and Ba, ICLR 2015, Algorithm 1):
///
///     t ← t + 1
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
///     θ ← θ − η·m̂ / (√v̂ + ε)
///
/// How torch's `Adam(lr:, betas:, eps:)` computes the same thing: m by
/// `lerp` (m + (1 − β₁)·(g − m)), and the step as
/// θ − (η/(1 − β₁ᵗ))·m / (√v/√(1 − β₂ᵗ) + ε). That equals the formula above
/// in exact arithmetic (ε is added after the bias correction in both); only
/// the rounding differs. It is not the paper's "more efficient" variant,
/// η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε̂), whose ε̂ acts on the uncorrected √v.
/// torch's `weight_decay` (L2 added to g), `amsgrad` and `maximize` are not
/// part of this rule.
///
/// - Precondition: `θ`, `g`, `state.m` and `state.v` have the same count.
public func adamStep(
    _ θ: inout [Double], _ g: [Double], state: inout AdamState,
    lr: Double, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8
) {
    requireOneEntryPerParameter("adamStep", θ, g, state.m, state.v, holding: "moments")
    let η = lr, β1 = beta1, β2 = beta2, ε = eps
    let t = nextStep(&state.t)
    for i in θ.indices {
        movingAverage(&state.m[i], g[i], β1)
        movingAverageOfSquares(&state.v[i], g[i], β2)
        let mHat = biasCorrected(state.m[i], β1, t), vHat = biasCorrected(state.v[i], β2, t)
        θ[i] -= η * mHat / (vHat.squareRoot() + ε)
    }
}

/// AdamW (Loshchilov and Hutter, ICLR 2019, Algorithm 2): Adam with weight
/// decay taken out of the gradient and applied to θ directly:
///
///     (m, v, m̂, v̂ as in `adamStep`)
///     θ ← θ − η·(m̂ / (√v̂ + ε) + λ·θ)
///
/// The decay term uses θ from before the step, so this is the same as
/// torch's `AdamW(lr:, betas:, eps:, weight_decay:)`, which first scales
/// θ ← θ·(1 − η·λ) and then takes the Adam step. One difference of
/// convention: the paper multiplies λ by a schedule multiplier ηₜ separate
/// from Adam's α, while torch (and this rule) multiplies it by the learning
/// rate itself, so torch's λ is the paper's λ divided by α. With g = 0,
/// m̂ = 0 and each step is θ ← θ·(1 − η·λ). `amsgrad` and `maximize` are not
/// part of this rule.
///
/// - Precondition: `θ`, `g`, `state.m` and `state.v` have the same count.
public func adamwStep(
    _ θ: inout [Double], _ g: [Double], state: inout AdamState,
    lr: Double, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
    weightDecay: Double = 0.01
) {
    requireOneEntryPerParameter("adamwStep", θ, g, state.m, state.v, holding: "moments")
    let η = lr, β1 = beta1, β2 = beta2, ε = eps, λ = weightDecay
    let t = nextStep(&state.t)
    for i in θ.indices {
        movingAverage(&state.m[i], g[i], β1)
        movingAverageOfSquares(&state.v[i], g[i], β2)
        let mHat = biasCorrected(state.m[i], β1, t), vHat = biasCorrected(state.v[i], β2, t)
        θ[i] -= η * (mHat / (vHat.squareRoot() + ε) + λ * θ[i])
    }
}
