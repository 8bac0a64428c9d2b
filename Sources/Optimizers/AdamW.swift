/// AdamW, exactly as `torch.optim.AdamW` (single-tensor path): Adam with
/// decoupled weight decay.
///
/// For each parameter θ with gradient g at its step t = 1, 2, …
/// (γ = `lr`, (β₁, β₂) = `betas`, ε = `eps`, λ = `weightDecay`):
///
///     g ← −g                          if maximize
///     θ ← θ·(1 − γλ)                  (decay, outside the gradient)
///     m ← lerp(m, g, 1 − β₁)
///     v ← β₂v + (1 − β₂)g²
///     v̂ ← max(v̂, v)                   if amsgrad (else v̂ = v)
///     θ ← θ − γ/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
///
/// Paper: Loshchilov & Hutter, "Decoupled Weight Decay Regularization"
/// (ICLR 2019).
///
/// Where frameworks differ: torch multiplies λ by the scheduled γ, so the
/// decay follows the learning-rate schedule; the paper writes it as
/// θ ← θ − ηₜλθ with a separate schedule multiplier ηₜ, and optax's
/// `adamw` likewise scales λ by the learning rate. torch's default λ is
/// 0.01 (Keras: 0.004, optax: 1e-4). ε is outside the square root, as in
/// `Adam`.
public final class AdamW<Scalar: OptimizerScalar>: Optimizer {
    public typealias State = AdamMoments<Scalar>

    public let parameters: [Parameter<Scalar>]
    public var lr: Double
    /// torch's `group["betas"]`. Changing them between steps (`CyclicLR` and
    /// `OneCycleLR` move β₁) keeps all state; the next `step()` uses the new values.
    public var betas: (Double, Double)
    public let eps: Double
    public let weightDecay: Double
    public let amsgrad: Bool
    public let maximize: Bool
    /// Threads one `step()` may use on each tensor of at least
    /// `parallelThreshold` elements (default: every processor). The result
    /// is bitwise the same for any value; values below 1 mean 1.
    public var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    public private(set) var state: [State]

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.001,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0.01,
        amsgrad: Bool = false, maximize: Bool = false
    ) throws(InvalidOption) {
        try InvalidOption.requireAdamFamily(lr: lr, eps: eps, betas: betas, weightDecay: weightDecay)
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.maximize = maximize
        self.state = Array(repeating: State(), count: parameters.count)
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    // Specialized so a step on a small tensor does not pay for generic
    // metadata lookups (measured: 1.4 µs of a 1.6 µs SGD step on 1,000
    // elements).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step() {
        adamStep(
            parameters, &state, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            mode: .decoupled, amsgrad: amsgrad, maximize: maximize, threads: threads)
    }
}
