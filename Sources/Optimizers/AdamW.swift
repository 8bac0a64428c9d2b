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
public final class AdamW<Scalar: OptimizerScalar>: Adam<Scalar> {
    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.001,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0.01,
        amsgrad: Bool = false, maximize: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        try super.init(
            parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
            maximize: maximize, decoupledWeightDecay: true, squareRoot: squareRoot)
    }
}
