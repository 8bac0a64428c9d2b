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
public final class RMSprop<Scalar: OptimizerScalar>: ThreadedOptimizer, ElementwiseOptimizer {
    /// Per-parameter state (torch's `step`, `square_avg`, `momentum_buffer`
    /// when μ > 0, `grad_avg` when centered).
    public struct State: Sendable, StepState {
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

    /// The parameters, in the order given at construction.
    public let parameters: [Parameter<Scalar>]
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// α (torch's `alpha`): the decay of the running average v.
    public let alpha: Double
    /// ε (torch's `eps`), added for numerical stability as the type's doc comment shows.
    public let eps: Double
    /// λ (torch's `weight_decay`): the L2 penalty added to the gradient as λθ; 0 turns it off.
    public let weightDecay: Double
    /// torch's `group["momentum"]`. Changing it between steps (`CyclicLR` and
    /// `OneCycleLR` do) keeps all state; the next `step()` uses the new value.
    public var momentum: Double
    /// Divide by the root of the variance estimate v − ḡ² instead of v (Graves 2013).
    public let centered: Bool
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// The square root taken in the update: `.ieee` (correctly rounded, the
    /// default) or `.torchMKL` (the recorded torch host's bits; see `SquareRoot`).
    public let squareRoot: SquareRoot
    /// See `ThreadedOptimizer.threads`.
    public var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    public internal(set) var state: [State]

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
        self.parameters = parameters
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        self.maximize = maximize
        self.squareRoot = squareRoot
        self.state = Array(repeating: State(), count: parameters.count)
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    public func step() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> RMSpropCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.squareAvg, count: count)
        // torch makes the zero buffer on a parameter's first step only, if
        // μ > 0 then, and fails (KeyError) if μ later rises from 0; starting
        // it at zero whenever μ first turns positive is the same buffer
        // torch's first step would have made.
        if momentum > 0 { ensureBuffer(&s.momentumBuffer, count: count) }
        if centered { ensureBuffer(&s.gradAvg, count: count) }
        return RMSpropCoefficients(
            lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay, momentum: momentum,
            centered: centered, maximize: maximize)
    }

    static func update<R: RootFunction>(_ t: StepTensors<Scalar>, _ k: RMSpropCoefficients<Scalar>, root: R.Type) {
        rmspropKernel(t.param, t.grad, t.state.first, t.state.second, t.state.third, k, root)
    }
}

/// The scalars of one RMSprop step, rounded once to the parameters' precision.
struct RMSpropCoefficients<S: OptimizerScalar> {
    let negLR, alpha, oneMinusAlpha: S
    let gradAvgWeight: LerpWeight<S>
    let eps, weightDecay, momentum, sign: S
    let useMomentum, centered, decay: Bool

    init(
        lr: Double, alpha: Double, eps: Double, weightDecay: Double, momentum: Double, centered: Bool,
        maximize: Bool
    ) {
        negLR = S(-lr)
        self.alpha = S(alpha)
        oneMinusAlpha = S(1 - alpha)
        gradAvgWeight = LerpWeight(1 - alpha)
        self.eps = S(eps)
        self.weightDecay = S(weightDecay)
        self.momentum = S(momentum)
        sign = maximize ? -1 : 1
        useMomentum = momentum > 0
        self.centered = centered
        decay = weightDecay != 0
    }
}

/// One fused pass of `_single_tensor_rmsprop` over a tensor.
@inline(__always)
func rmspropKernel<S: OptimizerScalar, R: RootFunction>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ squareAvg: UnsafeMutableBufferPointer<S>, _ momentumBuffer: UnsafeMutableBufferPointer<S>,
    _ gradAvg: UnsafeMutableBufferPointer<S>, _ k: RMSpropCoefficients<S>, _ root: R.Type
) {
    let n = param.count
    precondition(grad.count == n && squareAvg.count == n)
    precondition(!k.useMomentum || momentumBuffer.count == n)
    precondition(!k.centered || gradAvg.count == n)
    guard n > 0, let p = param.baseAddress, let g = grad.baseAddress, let v = squareAvg.baseAddress
    else { return }
    // Buffers a variant does not use are never touched; any address will do.
    let bf = momentumBuffer.baseAddress ?? v, ga = gradAvg.baseAddress ?? v
    // One call per combination of flags, each with literal arguments, so each
    // inlined loop is branch-free and vectorizes.
    switch (k.decay, k.centered, k.useMomentum, k.centered && k.gradAvgWeight.small) {
    case (false, false, false, false):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: false, centered: false, useMomentum: false,
            smallWeight: false, root: root)
    case (false, false, true, false):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: false, centered: false, useMomentum: true,
            smallWeight: false, root: root)
    case (false, true, false, false):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: false, centered: true, useMomentum: false,
            smallWeight: false, root: root)
    case (false, true, false, true):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: false, centered: true, useMomentum: false,
            smallWeight: true, root: root)
    case (false, true, true, false):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: false, centered: true, useMomentum: true,
            smallWeight: false, root: root)
    case (false, true, true, true):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: false, centered: true, useMomentum: true,
            smallWeight: true, root: root)
    case (true, false, false, false):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: true, centered: false, useMomentum: false,
            smallWeight: false, root: root)
    case (true, false, true, false):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: true, centered: false, useMomentum: true,
            smallWeight: false, root: root)
    case (true, true, false, false):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: true, centered: true, useMomentum: false,
            smallWeight: false, root: root)
    case (true, true, false, true):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: true, centered: true, useMomentum: false,
            smallWeight: true, root: root)
    case (true, true, true, false):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: true, centered: true, useMomentum: true,
            smallWeight: false, root: root)
    case (true, true, true, true):
        rmspropLoop(
            p, g, v, bf, ga, n, k, decay: true, centered: true, useMomentum: true,
            smallWeight: true, root: root)
    default: preconditionFailure("unreachable RMSprop flag combination")
    }
}

@inline(__always)
private func rmspropLoop<S: OptimizerScalar, R: RootFunction>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ v: UnsafeMutablePointer<S>,
    _ b: UnsafeMutablePointer<S>, _ ga: UnsafeMutablePointer<S>, _ n: Int, _ k: RMSpropCoefficients<S>,
    decay: Bool, centered: Bool, useMomentum: Bool, smallWeight: Bool, root: R.Type
) {
    let sign = k.sign, weightDecay = k.weightDecay, alpha = k.alpha, oneMinusAlpha = k.oneMinusAlpha
    let w = k.gradAvgWeight.weight, oneMinusW = k.gradAvgWeight.oneMinusWeight
    let eps = k.eps, momentum = k.momentum, negLR = k.negLR
    for i in 0..<n {
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
