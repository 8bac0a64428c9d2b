/// Averaged SGD, exactly as `torch.optim.ASGD` (single-tensor path).
///
/// For each parameter θ with gradient g at its step t = 1, 2, …
/// (γ = `lr`, λ = `lambd`, α = `alpha`, t₀ = `t0`, w = `weightDecay`), with
/// a step size ηₜ and an averaging weight μₜ that start at η₁ = γ, μ₁ = 1:
///
///     g  ← −g                           if maximize
///     g  ← g + wθ                       if w ≠ 0
///     θ  ← θ(1 − ληₜ) − ηₜ·g
///     θ̄  ← θ̄ + μₜ(θ − θ̄)               (θ̄ ← θ while μₜ = 1)
///     ηₜ₊₁ = γ / (1 + λγt)^α
///     μₜ₊₁ = 1 / max(1, t − t₀)
///
/// θ̄ (torch's `ax`, here `averagedParameters`) is the running mean of the
/// iterates θₜ from step t₀ + 2 on, and θ itself until then; the optimizer
/// steps θ, and θ̄ is what the averaging theory says to evaluate.
///
/// Paper: Polyak & Juditsky, "Acceleration of Stochastic Approximation by
/// Averaging" (SIAM J. Control Optim. 30(4), 1992). The step-size schedule
/// and the decay term λ follow Bottou's averaged-SGD recipe ("Stochastic
/// Gradient Descent Tricks", 2012), where λ is an L2 regularization strength.
///
/// Where frameworks differ: torch keeps ηₜ and μₜ as one-element tensors of
/// the default dtype, so they are rounded to `Scalar` after each step (the
/// recordings were made with the default dtype equal to the parameters').
/// Changing `lr` takes effect one step late: ηₜ₊₁ is computed at the end of
/// step t from the `lr` then in force, and the first η is the `lr` when the
/// parameter takes its first step. Keras has no ASGD; its SGD has no
/// averaging.
public final class ASGD<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, ASGDOptions, ASGDParameterState<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `ASGDParameterState`.
    public typealias State = ASGDParameterState<Scalar>

    /// Builds the optimizer; refuses, as torch does, negative or NaN `lr`
    /// and `weight_decay`. torch leaves `lambd`, `alpha` and `t0` unchecked;
    /// optnb refuses NaN there.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.01, lambd: Double = 1e-4,
        alpha: Double = 0.75, t0: Double = 1e6, weightDecay: Double = 0, maximize: Bool = false
    ) throws(InvalidOption) {
        try InvalidOption.requireLearningRate(lr)
        try InvalidOption.requireNonNegative("weight_decay", weightDecay, "Invalid weight_decay value")
        try InvalidOption.requireNumber("lambd", lambd)
        try InvalidOption.requireNumber("alpha", alpha)
        try InvalidOption.requireNumber("t0", t0)
        let options = ASGDOptions(
            lr: lr, lambd: lambd, alpha: alpha, t0: t0, weightDecay: weightDecay, maximize: maximize)
        super.init(parameters, options, state: { _ in State() })
    }

    /// The averaged parameters θ̄, in the order of `parameters`; a parameter
    /// that has not stepped yet is its own average, its current value.
    public var averagedParameters: [[Scalar]] {
        zip(parameters, state).map { p, s in s.step == 0 ? p.value : s.ax }
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> ASGDCoefficients<Scalar> {
        if s.step == 0 { s.eta = Scalar(options.lr) }
        s.step += 1
        ensureBuffer(&s.ax, count: count)
        return ASGDCoefficients(eta: s.eta, mu: s.mu, options)
    }

    /// ηₜ₊₁ and μₜ₊₁ in Python floats, stored back into tensors of the
    /// parameters' dtype. Where Python's `**` would raise OverflowError (and
    /// torch's step with it), ∞ stands in: `step()` cannot throw, and η
    /// becomes 0.
    func finish(_ s: inout State) {
        let t = Double(s.step), o = options
        s.eta = Scalar(o.lr / (pythonPow(1 + o.lambd * o.lr * t, o.alpha) ?? .infinity))
        s.mu = Scalar(1 / Swift.max(1, t - o.t0))
    }
}

/// The options of `ASGD` (torch's `lr`, `lambd`, `alpha`, `t0`,
/// `weight_decay`, `maximize`), read as the optimizer's properties.
public struct ASGDOptions: StepOptions {
    /// The learning rate γ (torch's `lr`): the first η, and the γ in later ηs
    /// (changes take effect one step late, see `ASGD`).
    public var lr: Double
    /// λ (torch's `lambd`): the decay term in θ(1 − ληₜ) and in ηₜ's schedule.
    public let lambd: Double
    /// α (torch's `alpha`): the power in ηₜ₊₁ = γ / (1 + λγt)^α.
    public let alpha: Double
    /// t₀ (torch's `t0`): the step after which averaging starts.
    public let t0: Double
    /// w (torch's `weight_decay`): the L2 penalty added to the gradient as wθ; 0 turns it off.
    public let weightDecay: Double
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
}

/// Per-parameter state of `ASGD` (torch's `step`, `eta`, `mu`, `ax`).
public struct ASGDParameterState<Scalar: OptimizerScalar>: Sendable, StepState {
    /// Steps taken by this parameter (steps where its gradient was `nil` do not count).
    public internal(set) var step = 0
    /// The step size for the next step, ηₜ₊₁.
    public internal(set) var eta: Scalar = 0
    /// The averaging weight for the next step, μₜ₊₁.
    public internal(set) var mu: Scalar = 1
    /// The averaged parameter θ̄; empty until the first step.
    public internal(set) var ax: [Scalar] = []

    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&ax, body)
    }
}

/// The scalars of one ASGD step, from the state's ηₜ and μₜ.
struct ASGDCoefficients<S: OptimizerScalar> {
    let gradient: SignedGradient<S>
    let decayFactor, negEta, mu: S

    /// `eta` is `_get_value(eta)`: the stored tensor read back as a Python float.
    init(eta: S, mu: S, _ o: ASGDOptions) {
        gradient = SignedGradient(maximize: o.maximize, weightDecay: o.weightDecay)
        decayFactor = S(1 - o.lambd * Double(eta))
        negEta = S(-Double(eta))
        self.mu = mu
    }
}

extension ASGDCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, false, false) }
    var flags: LoopFlags { LoopFlags(a: gradient.decay, b: mu != 1) }

    /// One fused pass of `_single_tensor_asgd` over a chunk:
    /// `param.mul_(1 − λη)`, `param.add_(g, alpha=−η)`, then
    /// `ax.add_(param.sub(ax).mul_(μ))`, or `ax.copy_(param)` when μ = 1.
    /// Flags: weight decay, averaging (μ ≠ 1).
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        let p = x.param, a = x.first
        for i in 0..<x.count {
            let d = k.gradient(x.grad[i], p[i], decay: f.a)
            let theta = p[i] * k.decayFactor + k.negEta * d
            p[i] = theta
            a[i] = f.b ? a[i] + (theta - a[i]) * k.mu : theta
        }
    }
}
