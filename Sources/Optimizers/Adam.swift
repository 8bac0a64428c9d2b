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
///
/// The options (`lr`, `betas`, `eps`, `weightDecay`, `decoupledWeightDecay`,
/// `maximize`, `squareRoot`) are the family's `AdamFamilyOptions`, read and
/// set as properties.
public class Adam<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, AdamFamilyOptions, AdamMoments<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `AdamMoments`.
    public typealias State = AdamMoments<Scalar>

    /// Keep the running maximum of v and divide by its root (torch's `amsgrad`).
    public let amsgrad: Bool

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.001, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false,
        decoupledWeightDecay: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        let options = try AdamFamilyOptions(
            lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, decoupledWeightDecay: decoupledWeightDecay,
            maximize: maximize, squareRoot: squareRoot
        ).checked()
        self.amsgrad = amsgrad
        super.init(parameters, options, state: { _ in State() })
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> AdamCoefficients<Scalar> {
        s.start(count: count, amsgrad: amsgrad)
        return AdamCoefficients(step: s.step, options, amsgrad: amsgrad)
    }
}
