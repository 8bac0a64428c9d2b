/// Adagrad, exactly as `torch.optim.Adagrad` (single-tensor path, dense
/// gradients).
///
/// For each parameter θ with gradient g at its step t = 1, 2, …
/// (γ = `lr`, η = `lrDecay`, λ = `weightDecay`, ε = `eps`,
/// s₀ = `initialAccumulatorValue`):
///
///     g  ← −g                       if maximize
///     g  ← g + λθ                   if λ ≠ 0
///     γₜ = γ / (1 + (t − 1)·η)
///     s  ← s + g²
///     θ  ← θ − γₜ·g / (√s + ε)
///
/// Paper: Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online
/// Learning and Stochastic Optimization" (JMLR 2011).
///
/// Where frameworks differ: torch adds ε outside the square root and starts
/// the accumulator at 0 by default; TensorFlow/Keras start it at 0.1 and
/// Keras puts ε inside (`√(s + ε)` in older versions). Sparse gradients
/// (torch's `sparse_coo` path) are not modelled: a zero entry here is an
/// ordinary zero gradient, which torch's dense path treats the same way.
public final class Adagrad<Scalar: OptimizerScalar>: ThreadedOptimizer, ElementwiseOptimizer {
    /// Per-parameter state: step count and the sum of squared gradients
    /// (torch's `step` and `sum`).
    public struct State: Sendable, StepState {
        /// Steps taken by this parameter (steps where its gradient was `nil` do not count).
        public internal(set) var step = 0
        /// The sum of squared gradients s, started at `initialAccumulatorValue`.
        public internal(set) var sum: [Scalar] = []

        mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
            Optimizers.withBuffers(&sum, body)
        }
    }

    /// The parameters, in the order given at construction.
    public let parameters: [Parameter<Scalar>]
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// η (torch's `lr_decay`): step t uses γ / (1 + (t − 1)η).
    public let lrDecay: Double
    /// λ (torch's `weight_decay`): the L2 penalty added to the gradient as λθ; 0 turns it off.
    public let weightDecay: Double
    /// s₀ (torch's `initial_accumulator_value`): the accumulator's start.
    public let initialAccumulatorValue: Double
    /// ε (torch's `eps`), added for numerical stability as the type's doc comment shows.
    public let eps: Double
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// The square root taken in the update: `.ieee` (correctly rounded, the
    /// default) or `.torchMKL` (the recorded torch host's bits; see `SquareRoot`).
    public let squareRoot: SquareRoot
    /// See `ThreadedOptimizer.threads`.
    public var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    public internal(set) var state: [State]

    /// Builds the optimizer; refuses negative or NaN `lr`, `lr_decay`,
    /// `weight_decay`, `initial_accumulator_value` and `eps`, as torch does.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.01, lrDecay: Double = 0,
        weightDecay: Double = 0, initialAccumulatorValue: Double = 0, eps: Double = 1e-10,
        maximize: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        try InvalidOption.requireLearningRate(lr)
        try InvalidOption.requireNonNegative("lr_decay", lrDecay, "Invalid lr_decay value")
        try InvalidOption.requireNonNegative("weight_decay", weightDecay, "Invalid weight_decay value")
        try InvalidOption.requireNonNegative(
            "initial_accumulator_value", initialAccumulatorValue,
            "Invalid initial_accumulator_value value")
        try InvalidOption.requireNonNegative("eps", eps, "Invalid epsilon value")
        self.parameters = parameters
        self.lr = lr
        self.lrDecay = lrDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.eps = eps
        self.maximize = maximize
        self.squareRoot = squareRoot
        // torch fills the accumulator in the constructor, in the tensor's dtype.
        self.state = parameters.map {
            State(step: 0, sum: [Scalar](repeating: Scalar(initialAccumulatorValue), count: $0.count))
        }
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    public func step() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> AdagradCoefficients<Scalar> {
        s.step += 1
        return AdagradCoefficients(
            step: s.step, lr: lr, lrDecay: lrDecay, weightDecay: weightDecay, eps: eps, maximize: maximize)
    }

    static func update<R: RootFunction>(_ t: StepTensors<Scalar>, _ k: AdagradCoefficients<Scalar>, root: R.Type) {
        adagradKernel(t.param, t.grad, t.state.first, k, root)
    }
}

/// The scalars of Adagrad's step t, rounded once to the parameters' precision.
struct AdagradCoefficients<S: OptimizerScalar> {
    let negCLR, weightDecay, eps, sign: S
    let decay: Bool

    /// Python float arithmetic, as torch's `clr = lr / (1 + (step - 1) * lr_decay)`.
    init(step: Int, lr: Double, lrDecay: Double, weightDecay: Double, eps: Double, maximize: Bool) {
        let clr = lr / (1 + Double(step - 1) * lrDecay)
        negCLR = S(-clr)
        self.weightDecay = S(weightDecay)
        self.eps = S(eps)
        sign = maximize ? -1 : 1
        decay = weightDecay != 0
    }
}

/// One fused pass of torch's dense Adagrad update over a tensor.
@inline(__always)
func adagradKernel<S: OptimizerScalar, R: RootFunction>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ sum: UnsafeMutableBufferPointer<S>, _ k: AdagradCoefficients<S>, _ root: R.Type
) {
    let n = param.count
    precondition(grad.count == n && sum.count == n)
    guard n > 0, let p = param.baseAddress, let g = grad.baseAddress, let s = sum.baseAddress else { return }
    // Literal flags per call: each inlined loop is branch-free and vectorizes.
    if k.decay { adagradLoop(p, g, s, n, k, decay: true, root: root) } else { adagradLoop(p, g, s, n, k, decay: false, root: root) }
}

@inline(__always)
private func adagradLoop<S: OptimizerScalar, R: RootFunction>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ s: UnsafeMutablePointer<S>, _ n: Int,
    _ k: AdagradCoefficients<S>, decay: Bool, root: R.Type
) {
    let sign = k.sign, weightDecay = k.weightDecay, eps = k.eps, negCLR = k.negCLR
    for i in 0..<n {
        var d = sign * g[i]
        if decay { d = d + weightDecay * p[i] }
        // addcmul_(g, g, value=1): 1·g is exact, so s + g·g.
        let si = s[i] + d * d
        s[i] = si
        let std = R.root(si) + eps
        p[i] = p[i] + (negCLR * d) / std
    }
}
