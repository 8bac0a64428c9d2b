/// Adadelta, exactly as `torch.optim.Adadelta` (single-tensor path).
///
/// For each parameter θ with gradient g (γ = `lr`, ρ = `rho`, ε = `eps`,
/// λ = `weightDecay`):
///
///     g ← −g                             if maximize
///     g ← g + λθ                         if λ ≠ 0
///     v ← ρv + (1 − ρ)g²                 (running average of g²)
///     Δ = √(u + ε) / √(v + ε) · g        (u from the previous step)
///     u ← ρu + (1 − ρ)Δ²                 (running average of Δ²)
///     θ ← θ − γΔ
///
/// Paper: Zeiler, "ADADELTA: An Adaptive Learning Rate Method"
/// (arXiv:1212.5701, 2012), Algorithm 1. The ratio of the two RMS values
/// gives each step the units of θ, so the paper needs no learning rate.
///
/// Where frameworks differ: the paper applies Δ as it is (γ = 1, torch's
/// default); torch's `lr` scales only the applied step, never the average u,
/// which always accumulates the unscaled Δ. Keras's `Adadelta` does the
/// same but defaults to γ = 0.001, ρ = 0.95 and ε = 1e-7, so "Adadelta with
/// default options" takes steps a thousand times smaller there. Both put ε
/// inside the square roots, as the paper does.
public final class Adadelta<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, AdadeltaOptions, AdadeltaParameterState<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `AdadeltaParameterState`.
    public typealias State = AdadeltaParameterState<Scalar>

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`,
    /// `rho` outside [0, 1], and negative or NaN `eps` and `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6,
        weightDecay: Double = 0, maximize: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        try InvalidOption.requireLearningRate(lr)
        guard rho >= 0 && rho <= 1 else {
            throw InvalidOption(option: "rho", value: "\(rho)", reason: "Invalid rho value (must be in [0, 1])")
        }
        try InvalidOption.requireNonNegative("eps", eps, "Invalid epsilon value")
        try InvalidOption.requireNonNegative("weight_decay", weightDecay, "Invalid weight_decay value")
        let options = AdadeltaOptions(
            lr: lr, rho: rho, eps: eps, weightDecay: weightDecay, maximize: maximize, squareRoot: squareRoot)
        super.init(parameters, options, state: { _ in State() })
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> AdadeltaCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.squareAvg, count: count)
        ensureBuffer(&s.accDelta, count: count)
        return AdadeltaCoefficients(options)
    }
}

/// The options of `Adadelta` (torch's `lr`, `rho`, `eps`, `weight_decay`,
/// `maximize`), read as the optimizer's properties.
public struct AdadeltaOptions: StepOptions, RootOption {
    /// The learning rate γ (torch's `lr`, 1 by default) scaling the applied
    /// step only; changing it between steps keeps all state.
    public var lr: Double
    /// ρ (torch's `rho`): the decay of both running averages.
    public let rho: Double
    /// ε (torch's `eps`), inside both square roots as `Adadelta`'s doc comment shows.
    public let eps: Double
    /// λ (torch's `weight_decay`): the L2 penalty added to the gradient as λθ; 0 turns it off.
    public let weightDecay: Double
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// The square root taken in the update (see `SquareRoot`).
    public let squareRoot: SquareRoot
}

/// Per-parameter state of `Adadelta` (torch's `square_avg`, `acc_delta`, `step`).
public struct AdadeltaParameterState<Scalar: OptimizerScalar>: Sendable, StepState {
    /// Running average of squared gradients, v.
    public internal(set) var squareAvg: [Scalar] = []
    /// Running average of squared updates, u.
    public internal(set) var accDelta: [Scalar] = []
    /// Steps taken by this parameter (steps without a gradient do not count).
    public internal(set) var step = 0

    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&squareAvg, &accDelta, body)
    }
}

/// The scalars of one Adadelta step, rounded once to the parameters' precision.
struct AdadeltaCoefficients<S: OptimizerScalar> {
    let gradient: SignedGradient<S>
    let negLR, rho, oneMinusRho, eps: S

    init(_ o: AdadeltaOptions) {
        gradient = SignedGradient(maximize: o.maximize, weightDecay: o.weightDecay)
        negLR = S(-o.lr)
        rho = S(o.rho)
        oneMinusRho = S(1 - o.rho)
        eps = S(o.eps)
    }
}

extension AdadeltaCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, true, false) }
    var flags: LoopFlags { LoopFlags(a: gradient.decay) }

    /// One fused pass of `_single_tensor_adadelta` over a chunk:
    /// `acc_delta.add(ε).sqrt_().div_(std).mul_(g)` is (√(u + ε)/std)·g, and
    /// `param.add_(Δ, alpha=−γ)` is θ + (−γ)·Δ. Flag: weight decay.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        let p = x.param, v = x.first, u = x.second
        for i in 0..<x.count {
            let d = k.gradient(x.grad[i], p[i], decay: f.a)
            let vi = v[i] * k.rho + (k.oneMinusRho * d) * d
            v[i] = vi
            let std = R.root(vi + k.eps)
            let delta = (R.root(u[i] + k.eps) / std) * d
            u[i] = u[i] * k.rho + (k.oneMinusRho * delta) * delta
            p[i] = p[i] + k.negLR * delta
        }
    }
}
