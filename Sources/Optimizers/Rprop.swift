/// Rprop (resilient backpropagation), exactly as `torch.optim.Rprop`
/// (single-tensor path).
///
/// Each coordinate keeps its own step size η (started at `lr`) and the
/// gradient it used last, g′ (started at 0). With (η₋, η₊) = `etas` and
/// [η_min, η_max] = `stepSizes`, per coordinate:
///
///     g ← −g                               if maximize
///     if g·g′ > 0:  η ← min(η·η₊, η_max)   (same sign: speed up)
///     if g·g′ < 0:  η ← max(η·η₋, η_min);  g ← 0   (sign flip: slow down, skip)
///     if g·g′ = 0:  η unchanged
///     θ ← θ − sign(g)·η;   g′ ← g
///
/// Only the sign of the gradient moves θ; its size only steers η. The first
/// step is therefore θ − sign(g)·`lr`.
///
/// Paper: Riedmiller & Braun, "A Direct Adaptive Method for Faster
/// Backpropagation Learning: The RPROP Algorithm" (IEEE ICNN 1993).
///
/// Where frameworks differ: the 1993 algorithm also *reverts* the previous
/// step after a sign flip ("weight-backtracking"); torch does not: it only
/// skips the step and forgets the gradient, the variant Igel & Hüsken call
/// iRprop⁻ (2000). Rprop is a full-batch method, and `lr` is only the
/// initial step size: torch reads it when a parameter takes its first step,
/// so changing `lr` afterwards (a scheduler) has no effect. `torch.sign` is
/// 0 for NaN, so a NaN gradient leaves θ and η unchanged but is kept as g′.
public final class Rprop<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, RpropOptions, RpropParameterState<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `RpropParameterState`.
    public typealias State = RpropParameterState<Scalar>

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and etas that break 0 < η₋ < 1 < η₊. torch leaves `step_sizes`
    /// unchecked (η_min > η_max clamps every step size to η_max); optnb
    /// refuses only NaN there.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.01, etas: (Double, Double) = (0.5, 1.2),
        stepSizes: (Double, Double) = (1e-6, 50), maximize: Bool = false
    ) throws(InvalidOption) {
        try InvalidOption.requireLearningRate(lr)
        guard 0 < etas.0 && etas.0 < 1 && 1 < etas.1 else {
            throw InvalidOption(
                option: "etas", value: "(\(etas.0), \(etas.1))",
                reason: "Invalid eta values (must be 0 < etaminus < 1 < etaplus)")
        }
        try InvalidOption.requireNumber("step_sizes", stepSizes.0)
        try InvalidOption.requireNumber("step_sizes", stepSizes.1)
        super.init(
            parameters, RpropOptions(lr: lr, etas: etas, stepSizes: stepSizes, maximize: maximize),
            state: { _ in State() })
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> RpropCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.prev, count: count)
        ensureBuffer(&s.stepSize, count: count, fill: Scalar(options.lr))
        return RpropCoefficients(options)
    }
}

/// The options of `Rprop` (torch's `lr`, `etas`, `step_sizes`, `maximize`),
/// read as the optimizer's properties.
public struct RpropOptions: StepOptions {
    /// The initial step size of a parameter that has not stepped yet.
    public var lr: Double
    /// (η₋, η₊): the factors that shrink and grow a step size.
    public let etas: (Double, Double)
    /// (η_min, η_max): the bounds of a step size.
    public let stepSizes: (Double, Double)
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
}

/// Per-parameter state of `Rprop` (torch's `step`, `prev`, `step_size`).
public struct RpropParameterState<Scalar: OptimizerScalar>: Sendable, StepState {
    /// The gradient used on the previous step, g′ (0 after a sign flip).
    public internal(set) var prev: [Scalar] = []
    /// Each coordinate's step size η.
    public internal(set) var stepSize: [Scalar] = []
    /// Steps taken by this parameter (steps without a gradient do not count).
    public internal(set) var step = 0

    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&prev, &stepSize, body)
    }
}

struct RpropCoefficients<S: OptimizerScalar> {
    /// The factor for g·g′ > 0 and g·g′ < 0.
    let grow, shrink: S
    /// η₋ as torch compares with it to find the flipped coordinates.
    let etaMinus: S
    let minStep, maxStep, sign: S

    /// torch overwrites `sign(g·g′)` in place: > 0 becomes η₊, then < 0
    /// becomes η₋, then 0 becomes 1, and later zeroes g where the factor
    /// equals η₋. In the parameters' precision η₋ may round to 0 (then it
    /// is replaced by 1 and nothing is skipped) or to 1 (then unchanged
    /// coordinates are skipped too); keeping both rules reproduces that.
    init(_ o: RpropOptions) {
        etaMinus = S(o.etas.0)
        grow = S(o.etas.1)
        shrink = etaMinus == 0 ? 1 : etaMinus
        minStep = S(o.stepSizes.0)
        maxStep = S(o.stepSizes.1)
        sign = o.maximize ? -1 : 1
    }
}

extension RpropCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, true, false) }
    var flags: LoopFlags { LoopFlags() }

    /// One fused pass of `_single_tensor_rprop` over a chunk:
    /// `step_size.mul_(f).clamp_(min, max)` is min(max(η·f, min), max) as
    /// ATen writes it, and `param.addcmul_(g.sign(), η, value=−1)` is
    /// θ + (−sign(g))·η. No flags.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        let p = x.param, gPrev = x.first, eta = x.second
        for i in 0..<x.count {
            let d = k.sign * x.grad[i]
            let product = d * gPrev[i]
            let factor: S = product > 0 ? k.grow : (product < 0 ? k.shrink : 1)
            let raised = eta[i] * factor
            let atLeast = raised < k.minStep ? k.minStep : raised
            let size = k.maxStep < atLeast ? k.maxStep : atLeast
            eta[i] = size
            let used: S = factor == k.etaMinus ? 0 : d
            p[i] = p[i] + (-torchSign(used)) * size
            gPrev[i] = used
        }
    }
}

/// `torch.sign`: (0 < x) − (x < 0), so ±0 and NaN give 0.
@inline(__always)
func torchSign<S: OptimizerScalar>(_ x: S) -> S {
    (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0)
}
