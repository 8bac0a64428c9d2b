/// Adamax's first moment m, infinity norm u, and the step count t.
public struct AdamaxState: Sendable, Equatable {
    /// m, the first-moment estimate (torch's `exp_avg`).
    public var m: [Double]
    /// u, the exponentially weighted infinity norm max(β₂·u, |g| + ε) (torch's `exp_inf`).
    public var u: [Double]
    /// Steps taken so far.
    public var t = 0

    /// Zero m and u and t = 0 for `count` parameters.
    public init(count: Int) {
        m = zeros(count)
        u = m
    }
}

/// Adamax (Kingma and Ba, ICLR 2015, §7.1, Algorithm 2): Adam with the
/// second moment replaced by an exponentially weighted infinity norm,
///
///     t ← t + 1
///     m ← β₁·m + (1 − β₁)·g
///     u ← max(β₂·u, |g| + ε)
///     θ ← θ − (η/(1 − β₁ᵗ))·m / u
///
/// u needs no bias correction: a maximum is not pulled towards its zero
/// start the way an average is. The paper has no ε (u = max(β₂·u, |g|));
/// this rule adds it to |g| inside the maximum as torch's
/// `Adamax(lr:, betas:, eps:)` does, so u ≥ ε and a coordinate whose
/// gradients were all 0 stays put instead of computing 0/0. torch forms m by
/// `lerp` and applies the step with `addcdiv`; only the rounding differs.
/// torch's `weight_decay` and `maximize` are not part of this rule.
///
/// - Precondition: `θ`, `g`, `state.m` and `state.u` have the same count.
public func adamaxStep(
    _ θ: inout [Double], _ g: [Double], state: inout AdamaxState,
    lr: Double = 0.002, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8
) {
    requireOneEntryPerParameter("adamaxStep", θ, g, state.m, state.u, holding: "moments")
    let η = lr, β1 = beta1, β2 = beta2, ε = eps
    let t = nextStep(&state.t)
    for i in θ.indices {
        movingAverage(&state.m[i], g[i], β1)
        state.u[i] = max(β2 * state.u[i], abs(g[i]) + ε)
        θ[i] -= biasCorrected(η, β1, t) * state.m[i] / state.u[i]
    }
}
