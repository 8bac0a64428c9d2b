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

    static func update<R: RootFunction>(_ t: StepTensors<Scalar>, _ k: RMSpropCoefficients<Scalar>, root: R.Type) {
        guard let x = t.pointers(second: k.useMomentum, third: k.centered) else { return }
        // One call per combination of flags, each with literal arguments, so
        // each inlined loop is branch-free and vectorizes.
        switch (k.decay, k.centered, k.useMomentum, k.centered && k.gradAvgWeight.small) {
        case (false, false, false, false): rmspropLoop(x, k, false, false, false, false, root)
        case (false, false, true, false): rmspropLoop(x, k, false, false, true, false, root)
        case (false, true, false, false): rmspropLoop(x, k, false, true, false, false, root)
        case (false, true, false, true): rmspropLoop(x, k, false, true, false, true, root)
        case (false, true, true, false): rmspropLoop(x, k, false, true, true, false, root)
        case (false, true, true, true): rmspropLoop(x, k, false, true, true, true, root)
        case (true, false, false, false): rmspropLoop(x, k, true, false, false, false, root)
        case (true, false, true, false): rmspropLoop(x, k, true, false, true, false, root)
        case (true, true, false, false): rmspropLoop(x, k, true, true, false, false, root)
        case (true, true, false, true): rmspropLoop(x, k, true, true, false, true, root)
        case (true, true, true, false): rmspropLoop(x, k, true, true, true, false, root)
        case (true, true, true, true): rmspropLoop(x, k, true, true, true, true, root)
        default: preconditionFailure("unreachable RMSprop flag combination")
        }
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
    let negLR, alpha, oneMinusAlpha: S
    let gradAvgWeight: LerpWeight<S>
    let eps, weightDecay, momentum, sign: S
    let useMomentum, centered, decay: Bool

    init(_ o: RMSpropOptions) {
        negLR = S(-o.lr)
        alpha = S(o.alpha)
        oneMinusAlpha = S(1 - o.alpha)
        gradAvgWeight = LerpWeight(1 - o.alpha)
        eps = S(o.eps)
        weightDecay = S(o.weightDecay)
        momentum = S(o.momentum)
        sign = o.maximize ? -1 : 1
        useMomentum = o.momentum > 0
        centered = o.centered
        decay = o.weightDecay != 0
    }
}

/// One fused pass of `_single_tensor_rmsprop` over a chunk.
@inline(__always)
private func rmspropLoop<S: OptimizerScalar, R: RootFunction>(
    _ x: StepPointers<S>, _ k: RMSpropCoefficients<S>, _ decay: Bool, _ centered: Bool, _ useMomentum: Bool,
    _ smallWeight: Bool, _ root: R.Type
) {
    let p = x.param, g = x.grad, v = x.first, b = x.second, ga = x.third
    let sign = k.sign, weightDecay = k.weightDecay, alpha = k.alpha, oneMinusAlpha = k.oneMinusAlpha
    let w = k.gradAvgWeight.weight, oneMinusW = k.gradAvgWeight.oneMinusWeight
    let eps = k.eps, momentum = k.momentum, negLR = k.negLR
    for i in 0..<x.count {
        var d = sign * g[i]
        if decay { d = d + weightDecay * p[i] }
        let vi = v[i] * alpha + (oneMinusAlpha * d) * d
        v[i] = vi
        var avg: S
        if centered {
            let mean = torchLerp(ga[i], d, weight: w, oneMinusWeight: oneMinusW, small: smallWeight)
            ga[i] = mean
            // addcmul(ḡ, ḡ, value=-1): (−1·ḡ)·ḡ is exactly −ḡ². Rounding can
            // make this negative; the square root is then NaN, as in torch.
            avg = R.root(vi - mean * mean)
        } else {
            avg = R.root(vi)
        }
        avg = avg + eps
        if useMomentum {
            let bi = b[i] * momentum + d / avg
            b[i] = bi
            p[i] = p[i] + negLR * bi
        } else {
            p[i] = p[i] + (negLR * d) / avg
        }
    }
}
