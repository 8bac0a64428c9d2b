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
public final class Adagrad<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, AdagradOptions, AdagradParameterState<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `AdagradParameterState`.
    public typealias State = AdagradParameterState<Scalar>

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
        let options = AdagradOptions(
            lr: lr, lrDecay: lrDecay, weightDecay: weightDecay, initialAccumulatorValue: initialAccumulatorValue,
            eps: eps, maximize: maximize, squareRoot: squareRoot)
        // torch fills the accumulator in the constructor, in the tensor's dtype.
        super.init(parameters, options) {
            State(step: 0, sum: [Scalar](repeating: Scalar(initialAccumulatorValue), count: $0.count))
        }
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> AdagradCoefficients<Scalar> {
        s.step += 1
        return AdagradCoefficients(step: s.step, options)
    }
}

/// The options of `Adagrad` (torch's `lr`, `lr_decay`, `weight_decay`,
/// `initial_accumulator_value`, `eps`, `maximize`), read as the optimizer's
/// properties.
public struct AdagradOptions: StepOptions, RootOption {
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it
    /// between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// η (torch's `lr_decay`): step t uses γ / (1 + (t − 1)η).
    public let lrDecay: Double
    /// λ (torch's `weight_decay`): the L2 penalty added to the gradient as λθ; 0 turns it off.
    public let weightDecay: Double
    /// s₀ (torch's `initial_accumulator_value`): the accumulator's start.
    public let initialAccumulatorValue: Double
    /// ε (torch's `eps`), added to √s as `Adagrad`'s doc comment shows.
    public let eps: Double
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// The square root taken in the update (see `SquareRoot`).
    public let squareRoot: SquareRoot
}

/// Per-parameter state of `Adagrad`: step count and the sum of squared
/// gradients (torch's `step` and `sum`).
public struct AdagradParameterState<Scalar: OptimizerScalar>: Sendable, StepState {
    /// Steps taken by this parameter (steps where its gradient was `nil` do not count).
    public internal(set) var step = 0
    /// The sum of squared gradients s, started at `initialAccumulatorValue`.
    public internal(set) var sum: [Scalar] = []

    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&sum, body)
    }
}

/// The scalars of Adagrad's step t, rounded once to the parameters' precision.
struct AdagradCoefficients<S: OptimizerScalar> {
    let gradient: SignedGradient<S>
    let negCLR, eps: S

    /// Python float arithmetic, as torch's `clr = lr / (1 + (step - 1) * lr_decay)`.
    init(step: Int, _ o: AdagradOptions) {
        gradient = SignedGradient(maximize: o.maximize, weightDecay: o.weightDecay)
        negCLR = S(-(o.lr / (1 + Double(step - 1) * o.lrDecay)))
        eps = S(o.eps)
    }
}

extension AdagradCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, false, false) }
    var flags: LoopFlags { LoopFlags(a: gradient.decay) }

    /// One fused pass of torch's dense Adagrad update over a chunk. Flag:
    /// weight decay.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        let p = x.param, s = x.first
        for i in 0..<x.count {
            let d = k.gradient(x.grad[i], p[i], decay: f.a)
            // addcmul_(g, g, value=1): 1·g is exact, so s + g·g.
            let si = s[i] + d * d
            s[i] = si
            p[i] = p[i] + (k.negCLR * d) / (R.root(si) + k.eps)
        }
    }
}
