/// Adagrad's running sum of squared gradients G, one entry per parameter.
public struct AdagradState: Sendable, Equatable {
    /// G, the sum of squared gradients so far (torch's `sum`).
    public var sumOfSquares: [Double]

    /// Starts G at `initialAccumulator` (torch's
    /// `initial_accumulator_value`, default 0).
    public init(count: Int, initialAccumulator: Double = 0) {
        sumOfSquares = Array(repeating: initialAccumulator, count: max(count, 0))
    }
}

/// Adagrad (Duchi, Hazan and Singer, JMLR 2011), diagonal form:
///
///     G ← G + g²
///     θ ← θ − η·g / (√G + ε)
///
/// Each coordinate's step shrinks with the gradients it has seen, so rarely
/// active coordinates keep large steps. ε sits outside the root, as in
/// torch's `Adagrad(lr:, eps:)`; some texts write η/√(G + ε) instead, which
/// differs when G is near ε. torch's `lr_decay` (η/(1 + (t − 1)·decay)) and
/// `weight_decay` are not part of this rule.
///
/// - Precondition: `θ`, `g` and `state.sumOfSquares` have the same count.
public func adagradStep(
    _ θ: inout [Double], _ g: [Double], state: inout AdagradState,
    lr: Double, eps: Double = 1e-10
) {
    requireOneEntryPerParameter("adagradStep", θ, g, state.sumOfSquares, holding: "sums")
    let η = lr, ε = eps
    for i in θ.indices {
        state.sumOfSquares[i] += g[i] * g[i]
        θ[i] -= η * g[i] / (state.sumOfSquares[i].squareRoot() + ε)
    }
}

/// RMSprop's moving average of squared gradients E[g²], one entry per
/// parameter, zero at the start.
public struct RMSpropState: Sendable, Equatable {
    /// E[g²], the moving average of squared gradients (torch's `square_avg`).
    public var squareAverage: [Double]

    /// Zero averages for `count` parameters.
    public init(count: Int) { squareAverage = zeros(count) }
}

/// RMSprop (Hinton, Coursera lecture 6e, 2012):
///
///     E[g²] ← α·E[g²] + (1 − α)·g²
///     θ ← θ − η·g / (√E[g²] + ε)
///
/// Like Adagrad, but the sum is replaced by an exponential moving average,
/// so old gradients are forgotten. There is no bias correction: E[g²]
/// starts at 0, so early steps are larger than η (at step 1 the step is
/// η/√(1 − α) for |g| ≫ ε). ε sits outside the root, as in torch's
/// `RMSprop(lr:, alpha:, eps:)`; TensorFlow 1 put it inside, √(E[g²] + ε).
/// torch's `momentum`, `centered` and `weight_decay` are not part of this
/// rule.
///
/// - Precondition: `θ`, `g` and `state.squareAverage` have the same count.
public func rmsPropStep(
    _ θ: inout [Double], _ g: [Double], state: inout RMSpropState,
    lr: Double, alpha: Double = 0.99, eps: Double = 1e-8
) {
    requireOneEntryPerParameter("rmsPropStep", θ, g, state.squareAverage, holding: "averages")
    let η = lr, α = alpha, ε = eps
    for i in θ.indices {
        movingAverageOfSquares(&state.squareAverage[i], g[i], α)
        θ[i] -= η * g[i] / (state.squareAverage[i].squareRoot() + ε)
    }
}
