/// Stochastic gradient descent with optional momentum and Nesterov momentum,
/// exactly as `torch.optim.SGD` (single-tensor path).
///
/// For each parameter θ with gradient g (γ = `lr`, μ = `momentum`,
/// τ = `dampening`, λ = `weightDecay`):
///
///     g ← −g                        if maximize
///     g ← g + λθ                    if λ ≠ 0      (L2 penalty, coupled)
///     b ← g                         on the first step (a copy, no dampening)
///     b ← μ·b + (1 − τ)·g           afterwards    (if μ ≠ 0)
///     g ← g + μ·b  (Nesterov)  or  g ← b          (if μ ≠ 0)
///     θ ← θ − γ·g
///
/// Momentum: Polyak (1964); the Nesterov form follows Sutskever, Martens,
/// Dahl & Hinton, "On the importance of initialization and momentum in deep
/// learning" (ICML 2013), rewritten as torch does.
///
/// Where frameworks differ: torch keeps the learning rate out of the buffer
/// (`b ← μb + g; θ ← θ − γb`), while Sutskever et al. and TensorFlow 1's
/// `MomentumOptimizer` fold it in (`v ← μv + γg; θ ← θ − v`); the two agree
/// only while γ is constant. torch's first step stores g itself in the
/// buffer, so `dampening` has no effect on step 1. Nesterov here is the
/// "look-ahead gradient" form `g + μb`, not a gradient at a shifted point.
public final class SGD<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, SGDOptions, SGDParameterState<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `SGDParameterState`.
    public typealias State = SGDParameterState<Scalar>

    /// Builds the optimizer; refuses the options torch refuses (negative or
    /// NaN `lr`, `momentum`, `weight_decay`; Nesterov without momentum or
    /// with dampening), naming torch's keyword.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.001, momentum: Double = 0,
        dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false,
        maximize: Bool = false
    ) throws(InvalidOption) {
        try InvalidOption.requireLearningRate(lr)
        try InvalidOption.requireNonNegative("momentum", momentum, "Invalid momentum value")
        try InvalidOption.requireNonNegative("weight_decay", weightDecay, "Invalid weight_decay value")
        try InvalidOption.requireNumber("dampening", dampening)
        if nesterov && (momentum <= 0 || dampening != 0) {
            let reason = "(momentum \(momentum), dampening \(dampening))"
            throw InvalidOption(
                option: "nesterov", value: "true",
                reason: "Nesterov momentum requires a momentum and zero dampening " + reason)
        }
        let options = SGDOptions(
            lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov,
            maximize: maximize)
        super.init(parameters, options, state: { _ in State() })
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> SGDCoefficients<Scalar> {
        let k = SGDCoefficients<Scalar>(firstStep: !s.hasBuffer, options)
        if k.useMomentum && k.firstStep {
            s.buffer = [Scalar](repeating: 0, count: count)
            s.hasBuffer = true
        }
        return k
    }
}

/// The options of `SGD` (torch's `lr`, `momentum`, `dampening`,
/// `weight_decay`, `nesterov`, `maximize`), read as the optimizer's
/// properties.
public struct SGDOptions: StepOptions {
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it
    /// between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// μ, torch's `group["momentum"]`. Changing it between steps (`CyclicLR`
    /// and `OneCycleLR` do) keeps all state; the next `step()` uses the new value.
    public var momentum: Double
    /// τ (torch's `dampening`): the buffer adds (1 − τ)·g after the first step.
    public let dampening: Double
    /// λ (torch's `weight_decay`): the L2 penalty added to the gradient as λθ; 0 turns it off.
    public let weightDecay: Double
    /// Use the Nesterov form g + μb instead of b (torch's `nesterov`).
    public let nesterov: Bool
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
}

/// Per-parameter state of `SGD`: the momentum buffer `b`, created on the
/// parameter's first step with a gradient and μ ≠ 0 (torch's
/// `momentum_buffer`). A scheduler that raises μ from 0 (`OneCycleLR` on
/// a plain SGD, as in torch) therefore starts the buffer at that step's g;
/// a step with μ = 0 leaves an existing buffer as it is.
public struct SGDParameterState<Scalar: OptimizerScalar>: Sendable, StepState {
    /// `nil` until the first step with momentum.
    public var momentumBuffer: [Scalar]? { hasBuffer ? buffer : nil }
    var buffer: [Scalar] = []
    var hasBuffer = false

    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&buffer, body)
    }
}

/// The scalars of one SGD step, rounded once to the parameters' precision
/// (torch's Python floats meeting a tensor).
struct SGDCoefficients<S: OptimizerScalar> {
    let gradient: SignedGradient<S>
    let negLR, momentum, oneMinusDampening: S
    let useMomentum, nesterov: Bool
    /// The parameter's first step with momentum: the buffer starts as g.
    let firstStep: Bool

    init(firstStep: Bool, _ o: SGDOptions) {
        gradient = SignedGradient(maximize: o.maximize, weightDecay: o.weightDecay)
        negLR = S(-o.lr)
        momentum = S(o.momentum)
        oneMinusDampening = S(1 - o.dampening)
        useMomentum = o.momentum != 0
        nesterov = o.nesterov
        self.firstStep = firstStep
    }
}

extension SGDCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (useMomentum, false, false) }
    /// Without momentum the first-step and Nesterov flags are irrelevant.
    var flags: LoopFlags {
        LoopFlags(a: gradient.decay, b: useMomentum, c: useMomentum && firstStep, d: useMomentum && nesterov)
    }

    /// One fused pass of torch's SGD over a chunk: `grad.add(param,
    /// alpha=λ)` is g + λθ, `buf.mul_(μ).add_(g, alpha=1−τ)` is
    /// b·μ + (1−τ)·g, `param.add_(g, alpha=−γ)` is θ + (−γ)·g. Flags: weight
    /// decay, momentum, the first step with momentum, Nesterov.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        let p = x.param, b = x.first
        for i in 0..<x.count {
            var d = k.gradient(x.grad[i], p[i], decay: f.a)
            if f.b {
                // torch's first step clones g into the buffer: no dampening.
                let bi = f.c ? d : b[i] * k.momentum + k.oneMinusDampening * d
                b[i] = bi
                d = f.d ? d + k.momentum * bi : bi
            }
            p[i] = p[i] + k.negLR * d
        }
    }
}
