/// Adamax, exactly as `torch.optim.Adamax` (single-tensor path).
///
/// For each parameter θ with gradient g at its step t = 1, 2, …
/// (γ = `lr`, (β₁, β₂) = `betas`, ε = `eps`, λ = `weightDecay`):
///
///     g ← −g                       if maximize
///     g ← g + λθ                   if λ ≠ 0   (L2 penalty in the gradient)
///     m ← lerp(m, g, 1 − β₁)       = β₁m + (1 − β₁)g
///     u ← max(β₂u, |g| + ε)        (exponentially weighted infinity norm)
///     θ ← θ − γ/(1 − β₁ᵗ) · m / u
///
/// Paper: Kingma & Ba, "Adam: A Method for Stochastic Optimization"
/// (ICLR 2015), §7.1 and Algorithm 2: Adam with the L² norm of past
/// gradients replaced by the L^∞ norm, which needs no bias correction.
///
/// Where frameworks differ: the paper has no ε (u = 0 while every gradient
/// has been 0, and then m/u = 0/0); torch adds ε to |g| *inside* the maximum,
/// so u ≥ ε always. Keras's `Adamax` instead adds ε to u outside, in
/// `m / (u + ε)`, and defaults to ε = 1e-7. `torch.maximum` propagates NaN,
/// so one NaN gradient makes u NaN for good.
public final class Adamax<Scalar: OptimizerScalar>: ThreadedOptimizer, ElementwiseOptimizer {
    /// Per-parameter state (torch's `step`, `exp_avg`, `exp_inf`).
    public struct State: Sendable, StepState {
        /// Steps taken by this parameter (steps where its gradient was `nil`
        /// do not count).
        public internal(set) var step = 0
        /// First moment m.
        public internal(set) var expAvg: [Scalar] = []
        /// Infinity norm u.
        public internal(set) var expInf: [Scalar] = []

        mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
            Optimizers.withBuffers(&expAvg, &expInf, body)
        }
    }

    /// The parameters, in the order given at construction.
    public let parameters: [Parameter<Scalar>]
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// torch's `group["betas"]`. Changing them between steps (`CyclicLR` and
    /// `OneCycleLR` move β₁) keeps all state; the next `step()` uses the new values.
    public var betas: (Double, Double)
    /// ε (torch's `eps`), added for numerical stability as the type's doc comment shows.
    public let eps: Double
    /// λ (torch's `weight_decay`): the L2 penalty added to the gradient as λθ; 0 turns it off.
    public let weightDecay: Double
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// See `ThreadedOptimizer.threads`.
    public var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    public internal(set) var state: [State]

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.002,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0,
        maximize: Bool = false
    ) throws(InvalidOption) {
        try InvalidOption.requireAdamFamily(lr: lr, eps: eps, betas: betas, weightDecay: weightDecay)
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.maximize = maximize
        self.state = Array(repeating: State(), count: parameters.count)
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    public func step() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> AdamaxCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.expAvg, count: count)
        ensureBuffer(&s.expInf, count: count)
        return AdamaxCoefficients(
            step: s.step, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, maximize: maximize)
    }

    static func update<R: RootFunction>(_ t: StepTensors<Scalar>, _ k: AdamaxCoefficients<Scalar>, root: R.Type) {
        adamaxKernel(t.param, t.grad, t.state.first, t.state.second, k)
    }
}

/// The scalars of Adamax's step t, rounded once to the parameters' precision.
struct AdamaxCoefficients<S: OptimizerScalar> {
    let beta1: LerpWeight<S>
    let beta2, eps, negCLR, weightDecay, sign: S
    let decay: Bool

    /// Python float arithmetic: `clr = lr / (1 - beta1 ** step)`.
    init(step: Int, lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double, maximize: Bool) {
        let clr = lr / biasCorrection(betas.0, Double(step))
        beta1 = LerpWeight(1 - betas.0)
        beta2 = S(betas.1)
        self.eps = S(eps)
        negCLR = S(-clr)
        self.weightDecay = S(weightDecay)
        sign = maximize ? -1 : 1
        decay = weightDecay != 0
    }
}

/// One fused pass of `_single_tensor_adamax` over a tensor:
/// `torch.maximum(exp_inf.mul_(β₂), grad.abs().add_(ε))` is max(u·β₂, |g| + ε)
/// and `addcdiv_(m, u, value=−clr)` is θ + (−clr·m)/u.
func adamaxKernel<S: OptimizerScalar>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ expAvg: UnsafeMutableBufferPointer<S>, _ expInf: UnsafeMutableBufferPointer<S>,
    _ k: AdamaxCoefficients<S>
) {
    let n = param.count
    precondition(grad.count == n && expAvg.count == n && expInf.count == n)
    guard n > 0, let p = param.baseAddress, let g = grad.baseAddress,
        let m = expAvg.baseAddress, let u = expInf.baseAddress
    else { return }
    // Literal flags per call: each inlined loop is branch-free and vectorizes.
    switch (k.decay, k.beta1.small) {
    case (false, false): adamaxLoop(p, g, m, u, n, k, decay: false, smallWeight: false)
    case (false, true): adamaxLoop(p, g, m, u, n, k, decay: false, smallWeight: true)
    case (true, false): adamaxLoop(p, g, m, u, n, k, decay: true, smallWeight: false)
    case (true, true): adamaxLoop(p, g, m, u, n, k, decay: true, smallWeight: true)
    }
}

@inline(__always)
private func adamaxLoop<S: OptimizerScalar>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ m: UnsafeMutablePointer<S>,
    _ u: UnsafeMutablePointer<S>, _ n: Int, _ k: AdamaxCoefficients<S>, decay: Bool, smallWeight: Bool
) {
    let sign = k.sign, weightDecay = k.weightDecay
    let w = k.beta1.weight, oneMinusW = k.beta1.oneMinusWeight
    let beta2 = k.beta2, eps = k.eps, negCLR = k.negCLR
    for i in 0..<n {
        var d = sign * g[i]
        if decay { d = d + weightDecay * p[i] }
        let mi = torchLerp(m[i], d, weight: w, oneMinusWeight: oneMinusW, small: smallWeight)
        m[i] = mi
        let ui = torchMaximum(u[i] * beta2, abs(d) + eps)
        u[i] = ui
        p[i] = p[i] + (negCLR * mi) / ui
    }
}
