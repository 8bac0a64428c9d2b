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
///
/// The options are the family's `AdamFamilyOptions` (`decoupledWeightDecay`
/// stays `false`, `squareRoot` `.ieee`: Adamax takes no root).
public final class Adamax<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, AdamFamilyOptions, AdamaxParameterState<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `AdamaxParameterState`.
    public typealias State = AdamaxParameterState<Scalar>

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.002, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 0, maximize: Bool = false
    ) throws(InvalidOption) {
        let options = AdamFamilyOptions(
            lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, decoupledWeightDecay: false,
            maximize: maximize, squareRoot: .ieee)
        super.init(parameters, try options.checked(), state: { _ in State() })
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> AdamaxCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.expAvg, count: count)
        ensureBuffer(&s.expInf, count: count)
        return AdamaxCoefficients(step: s.step, options)
    }
}

/// Per-parameter state of `Adamax` (torch's `exp_avg`, `exp_inf`, `step`).
public struct AdamaxParameterState<Scalar: OptimizerScalar>: Sendable, StepState {
    /// First moment m, as in `AdamMoments`.
    public internal(set) var expAvg: [Scalar] = []
    /// Infinity norm u, which takes the place of Adam's v.
    public internal(set) var expInf: [Scalar] = []
    /// Steps taken, counted as `AdamMoments.step` counts them.
    public internal(set) var step = 0

    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&expAvg, &expInf, body)
    }
}

/// The scalars of Adamax's step t, rounded once to the parameters' precision.
struct AdamaxCoefficients<S: OptimizerScalar> {
    let moments: MomentScalars<S>
    let eps, negCLR: S

    /// Python float arithmetic: `clr = lr / (1 - beta1 ** step)`.
    init(step: Int, _ o: AdamFamilyOptions) {
        moments = MomentScalars(o)
        eps = S(o.eps)
        negCLR = S(-(o.lr / biasCorrection(o.betas.0, Double(step))))
    }
}

extension AdamaxCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, true, false) }
    var flags: LoopFlags { LoopFlags(a: moments.coupledDecay, b: moments.beta1.small) }

    /// One fused pass of `_single_tensor_adamax` over a chunk:
    /// `torch.maximum(exp_inf.mul_(β₂), grad.abs().add_(ε))` is
    /// max(u·β₂, |g| + ε) and `addcdiv_(m, u, value=−clr)` is θ + (−clr·m)/u.
    /// Flags: coupled decay, the small lerp weight.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        let u = x.second
        for i in 0..<x.count {
            let (d, theta, m) = k.moments.firstMoment(i, x, coupledDecay: f.a, small: f.b, decays: false)
            let ui = torchMaximum(u[i] * k.moments.beta2, abs(d) + k.eps)
            u[i] = ui
            x.param[i] = theta + (k.negCLR * m) / ui
        }
    }
}
