/// RMSprop, exactly as `torch.optim.RMSprop` (single-tensor path).
///
/// For each parameter θ with gradient g (γ = `lr`, α = `alpha`, ε = `eps`,
/// λ = `weightDecay`, μ = `momentum`):
///
///     g ← −g                         if maximize
///     g ← g + λθ                     if λ ≠ 0
///     v ← α·v + (1 − α)·g²
///     ḡ ← lerp(ḡ, g, 1 − α)          if centered   (ḡ: mean gradient)
///     d ← √(v − ḡ²) + ε   if centered,  else  √v + ε
///     b ← μ·b + g / d;  θ ← θ − γ·b  if μ > 0
///     θ ← θ − γ·g / d                otherwise
///
/// Source: Tieleman & Hinton, "Lecture 6.5 — RMSProp", COURSERA: Neural
/// Networks for Machine Learning (2012); the centered form is from Graves,
/// "Generating Sequences With Recurrent Neural Networks" (2013).
///
/// Where frameworks differ: torch adds ε after the square root; TensorFlow
/// and Keras put it inside (`√(v + ε)`) and default to ρ = 0.9, ε = 1e-7.
/// TensorFlow also folds γ into the momentum buffer (`b ← μb + γg/d`), which
/// differs from torch whenever γ changes.
public final class RMSprop<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, RMSpropOptions, RMSpropParameterState<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `RMSpropParameterState`.
    public typealias State = RMSpropParameterState<Scalar>

    /// Builds the optimizer; refuses negative or NaN `lr`, `eps`, `momentum`,
    /// `weight_decay` and `alpha`, in torch's order.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.01, alpha: Double = 0.99,
        eps: Double = 1e-8, weightDecay: Double = 0, momentum: Double = 0,
        centered: Bool = false, maximize: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        try InvalidOption.requireLearningRate(lr)
        try InvalidOption.requireNonNegative("eps", eps, "Invalid epsilon value")
        try InvalidOption.requireNonNegative("momentum", momentum, "Invalid momentum value")
        try InvalidOption.requireNonNegative("weight_decay", weightDecay, "Invalid weight_decay value")
        try InvalidOption.requireNonNegative("alpha", alpha, "Invalid alpha value")
        let options = RMSpropOptions(
            lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay, momentum: momentum, centered: centered,
            maximize: maximize, squareRoot: squareRoot)
        super.init(parameters, options, state: { _ in State() })
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> RMSpropCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.squareAvg, count: count)
        // torch makes the zero buffer on a parameter's first step only, if
        // μ > 0 then, and fails (KeyError) if μ later rises from 0; starting
        // it at zero whenever μ first turns positive is the same buffer
        // torch's first step would have made.
        if options.momentum > 0 { ensureBuffer(&s.momentumBuffer, count: count) }
        if options.centered { ensureBuffer(&s.gradAvg, count: count) }
        return RMSpropCoefficients(options)
    }
}

/// The options of `RMSprop` (torch's `lr`, `alpha`, `eps`, `weight_decay`,
/// `momentum`, `centered`, `maximize`), read as the optimizer's properties.
public struct RMSpropOptions: StepOptions, RootOption {
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it
    /// between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// α (torch's `alpha`): the decay of the running average v.
    public let alpha: Double
    /// ε (torch's `eps`), added to the root as `RMSprop`'s doc comment shows.
    public let eps: Double
    /// λ (torch's `weight_decay`): the L2 penalty added to the gradient as λθ; 0 turns it off.
    public let weightDecay: Double
    /// μ, torch's `group["momentum"]`. Changing it between steps (`CyclicLR`
    /// and `OneCycleLR` do) keeps all state; the next `step()` uses the new value.
    public var momentum: Double
    /// Divide by the root of the variance estimate v − ḡ² instead of v (Graves 2013).
    public let centered: Bool
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// The square root taken in the update (see `SquareRoot`).
    public let squareRoot: SquareRoot
}

/// Per-parameter state of `RMSprop` (torch's `step`, `square_avg`,
/// `momentum_buffer` when μ > 0, `grad_avg` when centered).
public struct RMSpropParameterState<Scalar: OptimizerScalar>: Sendable, StepState {
    /// Steps taken by this parameter (steps where its gradient was `nil` do not count).
    public internal(set) var step = 0
    /// Running average of squared gradients v.
    public internal(set) var squareAvg: [Scalar] = []
    /// The momentum buffer b (empty until a step with μ > 0).
    public internal(set) var momentumBuffer: [Scalar] = []
    /// The mean gradient ḡ (centered only; empty otherwise).
    public internal(set) var gradAvg: [Scalar] = []

    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&squareAvg, &momentumBuffer, &gradAvg, body)
    }
}

/// The scalars of one RMSprop step, rounded once to the parameters' precision.
struct RMSpropCoefficients<S: OptimizerScalar> {
    let gradient: SignedGradient<S>
    let negLR, alpha, oneMinusAlpha: S
    let gradAvgWeight: LerpWeight<S>
    let eps, momentum: S
    let useMomentum, centered: Bool

    init(_ o: RMSpropOptions) {
        gradient = SignedGradient(maximize: o.maximize, weightDecay: o.weightDecay)
        negLR = S(-o.lr)
        alpha = S(o.alpha)
        oneMinusAlpha = S(1 - o.alpha)
        gradAvgWeight = LerpWeight(1 - o.alpha)
        eps = S(o.eps)
        momentum = S(o.momentum)
        useMomentum = o.momentum > 0
        centered = o.centered
    }
}

extension RMSpropCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, useMomentum, centered) }
    /// The lerp weight's form matters only when centered.
    var flags: LoopFlags {
        LoopFlags(a: gradient.decay, b: centered, c: useMomentum, d: centered && gradAvgWeight.small)
    }

    /// One fused pass of `_single_tensor_rmsprop` over a chunk. Flags:
    /// weight decay, centered, momentum, the small lerp weight.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        let p = x.param, v = x.first, b = x.second, ga = x.third
        for i in 0..<x.count {
            let d = k.gradient(x.grad[i], p[i], decay: f.a)
            let vi = v[i] * k.alpha + (k.oneMinusAlpha * d) * d
            v[i] = vi
            var avg: S
            if f.b {
                let mean = torchLerp(
                    ga[i], d, weight: k.gradAvgWeight.weight, oneMinusWeight: k.gradAvgWeight.oneMinusWeight, small: f.d)
                ga[i] = mean
                // addcmul(ḡ, ḡ, value=-1): (−1·ḡ)·ḡ is exactly −ḡ². Rounding can
                // make this negative; the square root is then NaN, as in torch.
                avg = R.root(vi - mean * mean)
            } else {
                avg = R.root(vi)
            }
            avg = avg + k.eps
            if f.c {
                let bi = b[i] * k.momentum + d / avg
                b[i] = bi
                p[i] = p[i] + k.negLR * bi
            } else {
                p[i] = p[i] + (k.negLR * d) / avg
            }
        }
    }
}
