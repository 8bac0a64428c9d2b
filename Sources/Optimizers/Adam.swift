/// Adam, exactly as `torch.optim.Adam` (single-tensor path).
///
/// For each parameter θ with gradient g at its step t = 1, 2, …
/// (γ = `lr`, (β₁, β₂) = `betas`, ε = `eps`, λ = `weightDecay`):
///
///     g ← −g                          if maximize
///     g ← g + λθ                      if λ ≠ 0   (L2 penalty in the gradient)
///     m ← lerp(m, g, 1 − β₁)          = β₁m + (1 − β₁)g
///     v ← β₂v + (1 − β₂)g²
///     v̂ ← max(v̂, v)                   if amsgrad (else v̂ = v)
///     θ ← θ − γ/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
///
/// Paper: Kingma & Ba, "Adam: A Method for Stochastic Optimization"
/// (ICLR 2015); amsgrad: Reddi, Kale & Kumar, "On the Convergence of Adam
/// and Beyond" (ICLR 2018).
///
/// Where frameworks differ: ε is added to √v̂ after dividing by √(1 − β₂ᵗ),
/// i.e. to the bias-corrected root, as in the paper's Algorithm 1.
/// TensorFlow 1's `AdamOptimizer` uses the paper's "efficient" form
/// `γ·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε̂)`, whose ε̂ is ε·√(1 − β₂ᵗ) in these
/// terms, so the same `eps` weighs more early on. torch's amsgrad takes the
/// maximum of the raw v (before bias correction), unlike the paper's v̂.
/// Weight decay is the coupled L2 kind unless `decoupledWeightDecay` is
/// set (torch 2.6's `decoupled_weight_decay`), which makes this `AdamW`:
/// torch's `AdamW` is a subclass of `Adam` with that flag on, and so is ours.
public class Adam<Scalar: OptimizerScalar>: ThreadedOptimizer, ElementwiseOptimizer {
    /// The per-parameter state, `AdamMoments`.
    public typealias State = AdamMoments<Scalar>

    /// The parameters, in the order given at construction.
    public let parameters: [Parameter<Scalar>]
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// torch's `group["betas"]`. Changing them between steps (`CyclicLR` and
    /// `OneCycleLR` move β₁) keeps all state; the next `step()` uses the new values.
    public var betas: (Double, Double)
    /// ε (torch's `eps`), added for numerical stability as the type's doc comment shows.
    public let eps: Double
    /// λ (torch's `weight_decay`): added to the gradient as λθ, or shrinking θ
    /// by (1 − γλ) with `decoupledWeightDecay`; 0 turns it off.
    public let weightDecay: Double
    /// Keep the running maximum of v and divide by its root (torch's `amsgrad`).
    public let amsgrad: Bool
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// Shrink θ by (1 − γλ) before the moment updates instead of adding λθ
    /// to the gradient (`AdamW`'s rule).
    public let decoupledWeightDecay: Bool
    /// The square root of v: `.ieee` (correctly rounded, the default) or
    /// `.torchMKL` (the recorded torch host's bits; see `SquareRoot`).
    public let squareRoot: SquareRoot
    /// See `ThreadedOptimizer.threads`.
    public var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    public internal(set) var state: [State]

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.001,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0,
        amsgrad: Bool = false, maximize: Bool = false, decoupledWeightDecay: Bool = false,
        squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        try InvalidOption.requireAdamFamily(lr: lr, eps: eps, betas: betas, weightDecay: weightDecay)
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.maximize = maximize
        self.decoupledWeightDecay = decoupledWeightDecay
        self.squareRoot = squareRoot
        self.state = Array(repeating: State(), count: parameters.count)
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    public func step() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> AdamCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.expAvg, count: count)
        ensureBuffer(&s.expAvgSq, count: count)
        if amsgrad { ensureBuffer(&s.maxExpAvgSq, count: count) }
        return AdamCoefficients(
            step: s.step, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            mode: decoupledWeightDecay ? .decoupled : .coupled, amsgrad: amsgrad, maximize: maximize)
    }

    static func update<R: RootFunction>(_ t: StepTensors<Scalar>, _ k: AdamCoefficients<Scalar>, root: R.Type) {
        adamKernel(t.param, t.grad, t.state.first, t.state.second, t.state.third, k, root)
    }
}
