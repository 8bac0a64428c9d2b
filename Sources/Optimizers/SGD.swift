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
public final class SGD<Scalar: OptimizerScalar>: ThreadedOptimizer, ElementwiseOptimizer {
    /// Per-parameter state: the momentum buffer `b`, created on the
    /// parameter's first step with a gradient and μ ≠ 0 (torch's
    /// `momentum_buffer`). A scheduler that raises μ from 0 (`OneCycleLR` on
    /// a plain SGD, as in torch) therefore starts the buffer at that step's g;
    /// a step with μ = 0 leaves an existing buffer as it is.
    public struct State: Sendable, StepState {
        /// `nil` until the first step with momentum.
        public var momentumBuffer: [Scalar]? { hasBuffer ? buffer : nil }
        var buffer: [Scalar] = []
        var hasBuffer = false

        mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
            Optimizers.withBuffers(&buffer, body)
        }
    }

    /// The parameters, in the order given at construction.
    public let parameters: [Parameter<Scalar>]
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// torch's `group["momentum"]`. Changing it between steps (`CyclicLR` and
    /// `OneCycleLR` do) keeps all state; the next `step()` uses the new value.
    public var momentum: Double
    /// τ (torch's `dampening`): the buffer adds (1 − τ)·g after the first step.
    public let dampening: Double
    /// λ (torch's `weight_decay`): the L2 penalty added to the gradient as λθ; 0 turns it off.
    public let weightDecay: Double
    /// Use the Nesterov form g + μb instead of b (torch's `nesterov`).
    public let nesterov: Bool
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// See `ThreadedOptimizer.threads`.
    public var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    public internal(set) var state: [State]

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
            throw InvalidOption(
                option: "nesterov", value: "true",
                reason: "Nesterov momentum requires a momentum and zero dampening "
                    + "(momentum \(momentum), dampening \(dampening))")
        }
        self.parameters = parameters
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        self.maximize = maximize
        self.state = Array(repeating: State(), count: parameters.count)
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    public func step() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> SGDCoefficients<Scalar> {
        let k = SGDCoefficients<Scalar>(
            firstStep: !s.hasBuffer, lr: lr, momentum: momentum, dampening: dampening,
            weightDecay: weightDecay, nesterov: nesterov, maximize: maximize)
        if k.useMomentum && k.firstStep {
            s.buffer = [Scalar](repeating: 0, count: count)
            s.hasBuffer = true
        }
        return k
    }

    static func update<R: RootFunction>(_ t: StepTensors<Scalar>, _ k: SGDCoefficients<Scalar>, root: R.Type) {
        sgdKernel(t.param, t.grad, t.state.first, k)
    }
}

/// The scalars of one SGD step, rounded once to the parameters' precision
/// (torch's Python floats meeting a tensor).
struct SGDCoefficients<S: OptimizerScalar> {
    let negLR, momentum, oneMinusDampening, weightDecay, sign: S
    let useMomentum, nesterov, decay: Bool
    /// The parameter's first step with momentum: the buffer starts as g.
    let firstStep: Bool

    init(
        firstStep: Bool, lr: Double, momentum: Double, dampening: Double, weightDecay: Double,
        nesterov: Bool, maximize: Bool
    ) {
        negLR = S(-lr)
        self.momentum = S(momentum)
        oneMinusDampening = S(1 - dampening)
        self.weightDecay = S(weightDecay)
        sign = maximize ? -1 : 1
        useMomentum = momentum != 0
        self.nesterov = nesterov
        decay = weightDecay != 0
        self.firstStep = firstStep
    }
}

/// One fused pass of torch's SGD over a tensor: `grad.add(param, alpha=λ)`
/// is g + λθ, `buf.mul_(μ).add_(g, alpha=1−τ)` is b·μ + (1−τ)·g,
/// `param.add_(g, alpha=−γ)` is θ + (−γ)·g.
func sgdKernel<S: OptimizerScalar>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ buffer: UnsafeMutableBufferPointer<S>, _ k: SGDCoefficients<S>
) {
    let firstStep = k.firstStep
    let n = param.count
    precondition(grad.count == n && (!k.useMomentum || buffer.count == n))
    guard n > 0, let p = param.baseAddress, let g = grad.baseAddress else { return }
    // Without momentum the buffer is never touched; any valid address will do.
    let b = buffer.baseAddress ?? p
    // One call per combination of flags, each with literal arguments, so each
    // inlined loop is branch-free and vectorizes. Without momentum the
    // first-step and Nesterov flags are irrelevant.
    switch (k.decay, k.useMomentum, k.useMomentum && firstStep, k.useMomentum && k.nesterov) {
    case (false, false, false, false):
        sgdLoop(p, g, b, n, k, decay: false, useMomentum: false, firstStep: false, nesterov: false)
    case (false, true, false, false):
        sgdLoop(p, g, b, n, k, decay: false, useMomentum: true, firstStep: false, nesterov: false)
    case (false, true, false, true):
        sgdLoop(p, g, b, n, k, decay: false, useMomentum: true, firstStep: false, nesterov: true)
    case (false, true, true, false):
        sgdLoop(p, g, b, n, k, decay: false, useMomentum: true, firstStep: true, nesterov: false)
    case (false, true, true, true):
        sgdLoop(p, g, b, n, k, decay: false, useMomentum: true, firstStep: true, nesterov: true)
    case (true, false, false, false):
        sgdLoop(p, g, b, n, k, decay: true, useMomentum: false, firstStep: false, nesterov: false)
    case (true, true, false, false):
        sgdLoop(p, g, b, n, k, decay: true, useMomentum: true, firstStep: false, nesterov: false)
    case (true, true, false, true):
        sgdLoop(p, g, b, n, k, decay: true, useMomentum: true, firstStep: false, nesterov: true)
    case (true, true, true, false):
        sgdLoop(p, g, b, n, k, decay: true, useMomentum: true, firstStep: true, nesterov: false)
    case (true, true, true, true):
        sgdLoop(p, g, b, n, k, decay: true, useMomentum: true, firstStep: true, nesterov: true)
    default: preconditionFailure("unreachable SGD flag combination")
    }
}

@inline(__always)
private func sgdLoop<S: OptimizerScalar>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ b: UnsafeMutablePointer<S>, _ n: Int,
    _ k: SGDCoefficients<S>, decay: Bool, useMomentum: Bool, firstStep: Bool, nesterov: Bool
) {
    let sign = k.sign, weightDecay = k.weightDecay, momentum = k.momentum
    let oneMinusDampening = k.oneMinusDampening, negLR = k.negLR
    for i in 0..<n {
        // −g is exactly g·(−1), so maximize costs no branch.
        var d = sign * g[i]
        if decay { d = d + weightDecay * p[i] }
        if useMomentum {
            // torch's first step clones g into the buffer: no dampening.
            let bi = firstStep ? d : b[i] * momentum + oneMinusDampening * d
            b[i] = bi
            d = nesterov ? d + momentum * bi : bi
        }
        p[i] = p[i] + negLR * d
    }
}
