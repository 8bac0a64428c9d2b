import Foundation  // pow, for the step-size schedule

/// Averaged SGD's state: the average θ̄ of the iterates, the step size η and
/// averaging weight μ for the next step, and the step count t.
public struct ASGDState: Sendable, Equatable {
    /// θ̄, the running average of the iterates (torch's `ax`), one per parameter.
    public var average: [Double]
    /// η, the step size for the next step (torch's `eta`).
    public var eta: Double
    /// μ, the averaging weight for the next step (torch's `mu`); 1 until
    /// averaging starts at step `t0`.
    public var mu: Double = 1
    /// Steps taken so far.
    public var t = 0

    /// Starts with η = `lr`, μ = 1 and θ̄ = 0 (the first step sets θ̄ = θ).
    public init(count: Int, lr: Double) {
        average = zeros(count)
        eta = lr
    }
}

/// Averaged SGD (Polyak and Juditsky, SIAM J. Control Optim. 1992), with
/// the step-size schedule and L2 term of Bottou's recipe ("Stochastic
/// Gradient Descent Tricks", 2012), as torch's
/// `ASGD(lr:, lambd:, alpha:, t0:)` uses them:
///
///     t ← t + 1
///     θ ← θ − η·(g + λ·θ)
///     θ̄ ← θ̄ + μ·(θ − θ̄)
///     η ← γ / (1 + λ·γ·t)^α,   μ ← 1 / max(1, t − t₀)
///
/// γ is `lr`. The iterates θ are plain (regularized) SGD; the theory's
/// answer is the average θ̄, which equals θ until step t₀ + 2 and is then
/// the mean of the iterates from that step on. torch writes the first line
/// as θ·(1 − λη) followed by θ − η·g, and keeps η and μ in tensors of the
/// default dtype; only the rounding differs. torch's `weight_decay` (a
/// second L2 term, added to g) and `maximize` are not part of this rule.
///
/// - Precondition: `θ`, `g` and `state.average` have the same count.
public func asgdStep(
    _ θ: inout [Double], _ g: [Double], state: inout ASGDState,
    lr: Double = 0.01, lambd: Double = 1e-4, alpha: Double = 0.75, t0: Double = 1e6
) {
    requireOneEntryPerParameter("asgdStep", θ, g, state.average, holding: "averages")
    let γ = lr, λ = lambd, α = alpha
    state.t += 1
    for i in θ.indices {
        θ[i] -= state.eta * (g[i] + λ * θ[i])
        state.average[i] += state.mu * (θ[i] - state.average[i])
    }
    let t = Double(state.t)
    state.eta = γ / pow(1 + λ * γ * t, α)
    state.mu = 1 / max(1, t - t0)
}
