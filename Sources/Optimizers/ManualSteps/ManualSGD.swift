// The study's hand-written update rules, on flat vectors of parameters θ and
// gradients g. Each is the textbook formula in plain loops and shares no code
// with the library optimizers (SGD, Adam, …): agreement between the two is
// evidence only because they were written apart. The pieces several rules
// share (moving averages, bias correction, the count check) are written once,
// with their math, in TextbookPieces.swift. State is an explicit value the
// caller keeps, as in optax, so a rule is a pure function of
// (θ, g, state, hyper-parameters).

/// Plain gradient descent: θᵢ ← θᵢ − η·gᵢ.
///
/// torch's `SGD(lr:)` without momentum, weight decay or `maximize`.
///
/// - Precondition: `θ.count == g.count`.
public func sgdStep(_ θ: inout [Double], _ g: [Double], lr: Double) {
    precondition(θ.count == g.count, "sgdStep: \(θ.count) parameters but \(g.count) gradients")
    let η = lr
    for i in θ.indices {
        θ[i] -= η * g[i]
    }
}

/// The velocity b of the momentum methods, one entry per parameter, zero at
/// the start.
public struct MomentumState: Sendable, Equatable {
    /// b, the momentum buffer (torch's `momentum_buffer`). Starting from 0,
    /// the first step gives b = μ·0 + g = g, what torch stores directly.
    public var velocity: [Double]

    /// Zero velocity for `count` parameters.
    public init(count: Int) { velocity = zeros(count) }
}

/// Heavy-ball momentum (Polyak 1964), in the form that accumulates gradients:
///
///     b ← μ·b + g
///     θ ← θ − η·b
///
/// This is torch's `SGD(lr:, momentum:)`. torch stores b = g on the first
/// step rather than computing μ·0 + g; without dampening the two are equal.
/// (torch's `dampening` τ would scale g by 1 − τ from the second step on;
/// this rule has no dampening.) Sutskever et al. (2013) write the same method
/// as v ← μ·v − η·g, θ ← θ + v, i.e. v = −η·b: identical while η is
/// constant, but when η changes between steps torch's b keeps gradients
/// unscaled and the new η applies to the whole of b.
///
/// - Precondition: `θ`, `g` and `state.velocity` have the same count.
public func momentumStep(
    _ θ: inout [Double], _ g: [Double], state: inout MomentumState,
    lr: Double, momentum: Double
) {
    requireOneEntryPerParameter("momentumStep", θ, g, state.velocity, holding: "velocities")
    let η = lr, μ = momentum
    for i in θ.indices {
        state.velocity[i] = μ * state.velocity[i] + g[i]
        θ[i] -= η * state.velocity[i]
    }
}

/// Nesterov momentum, in the form of Bengio, Boulanger-Lewandowski and
/// Pascanu (2013) that torch's `SGD(lr:, momentum:, nesterov: true)` uses:
///
///     b ← μ·b + g
///     θ ← θ − η·(g + μ·b)
///
/// Sutskever et al. (2013) state Nesterov's method with a look-ahead
/// gradient, v ← μ·v − η·∇f(θ + μ·v), θ ← θ + v. A step function is handed
/// the gradient at the point it stores, so it stores the look-ahead point
/// φ = θ + μ·v itself; with v = −η·b that recursion becomes exactly the
/// update above, with g = ∇f(φ). The trajectories are the look-ahead points,
/// not Sutskever's θ.
///
/// - Precondition: `θ`, `g` and `state.velocity` have the same count.
public func nesterovStep(
    _ θ: inout [Double], _ g: [Double], state: inout MomentumState,
    lr: Double, momentum: Double
) {
    requireOneEntryPerParameter("nesterovStep", θ, g, state.velocity, holding: "velocities")
    let η = lr, μ = momentum
    for i in θ.indices {
        state.velocity[i] = μ * state.velocity[i] + g[i]
        θ[i] -= η * (g[i] + μ * state.velocity[i])
    }
}
