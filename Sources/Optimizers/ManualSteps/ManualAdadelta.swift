/// Adadelta's two running averages, of squared gradients E[g²] and of
/// squared updates E[Δx²], one entry per parameter, zero at the start.
public struct AdadeltaState: Sendable, Equatable {
    /// E[g²], the decaying average of squared gradients (torch's `square_avg`).
    public var squaredGradients: [Double]
    /// E[Δx²], the decaying average of squared updates (torch's `acc_delta`).
    public var squaredUpdates: [Double]

    /// Zero state for `count` parameters (a negative count gives none).
    public init(count: Int) {
        squaredGradients = zeros(count)
        squaredUpdates = squaredGradients
    }
}

/// Adadelta (Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012,
/// Algorithm 1), with RMS[y] = √(E[y²] + ε):
///
///     E[g²]  ← ρ·E[g²] + (1 − ρ)·g²
///     Δx     = −(RMS[Δx]ₜ₋₁ / RMS[g]ₜ)·g
///     E[Δx²] ← ρ·E[Δx²] + (1 − ρ)·Δx²
///     θ      ← θ + η·Δx
///
/// The ratio of RMS values gives Δx the units of θ, so the paper has no
/// learning rate: η = 1, torch's default. With η ≠ 1 this is torch's
/// `Adadelta(lr:, rho:, eps:)`: η scales the applied step only, and E[Δx²]
/// accumulates the unscaled Δx. At the first step E[Δx²] = 0, so the step is
/// −√ε/√((1 − ρ)·g² + ε)·g: ε sets the initial step size, not just a guard.
/// torch's `weight_decay` and `maximize` are not part of this rule.
///
/// - Precondition: `θ`, `g` and both averages have the same count.
public func adadeltaStep(
    _ θ: inout [Double], _ g: [Double], state: inout AdadeltaState,
    lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6
) {
    requireOneEntryPerParameter(
        "adadeltaStep", θ, g, state.squaredGradients, state.squaredUpdates, holding: "averages")
    let η = lr, ρ = rho, ε = eps
    for i in θ.indices {
        movingAverageOfSquares(&state.squaredGradients[i], g[i], ρ)
        let rmsUpdate = (state.squaredUpdates[i] + ε).squareRoot()
        let rmsGradient = (state.squaredGradients[i] + ε).squareRoot()
        let Δx = -(rmsUpdate / rmsGradient) * g[i]
        movingAverageOfSquares(&state.squaredUpdates[i], Δx, ρ)
        θ[i] += η * Δx
    }
}
