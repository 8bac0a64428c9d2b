/// Per-parameter state of `Adam`, `AdamW` and `RAdam`, and the moments in
/// `NAdam`'s (torch's `step`, `exp_avg`, `exp_avg_sq`, and `max_exp_avg_sq`
/// when amsgrad is on).
public struct AdamMoments<Scalar: OptimizerScalar>: Sendable {
    /// Steps taken by this parameter (steps where its gradient was `nil` do
    /// not count).
    public internal(set) var step = 0
    /// First moment m.
    public internal(set) var expAvg: [Scalar] = []
    /// Second moment v.
    public internal(set) var expAvgSq: [Scalar] = []
    /// Running maximum of v (Adam's amsgrad only; empty otherwise).
    public internal(set) var maxExpAvgSq: [Scalar] = []

    /// Counts the step and sizes m, v (and v̂ with `amsgrad`) for `count` elements.
    mutating func start(count: Int, amsgrad: Bool = false) {
        step += 1
        ensureBuffer(&expAvg, count: count)
        ensureBuffer(&expAvgSq, count: count)
        if amsgrad { ensureBuffer(&maxExpAvgSq, count: count) }
    }
}

extension AdamMoments: StepState {
    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&expAvg, &expAvgSq, &maxExpAvgSq, body)
    }
}

struct AdamCoefficients<S: OptimizerScalar> {
    let moments: MomentScalars<S>
    let negStepSize, biasCorrection2Sqrt, eps: S
    let amsgrad: Bool

    /// The per-step scalars of `_single_tensor_adam`, in Python float
    /// arithmetic: `step_size = lr / (1 - beta1 ** step)` and
    /// `bias_correction2 ** 0.5` (C `pow`, like Python, not `sqrt`).
    init(step: Int, _ o: AdamFamilyOptions, amsgrad: Bool) {
        let t = Double(step)
        moments = MomentScalars(o)
        negStepSize = S(-(o.lr / biasCorrection(o.betas.0, t)))
        biasCorrection2Sqrt = S(pythonPow(biasCorrection(o.betas.1, t), 0.5)!)
        eps = S(o.eps)
        self.amsgrad = amsgrad
    }
}

extension AdamCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, true, amsgrad) }
    var flags: LoopFlags { LoopFlags(a: moments.coupledDecay, b: amsgrad, c: moments.beta1.small) }

    /// One fused pass of `_single_tensor_adam` over a chunk. Each line is
    /// one ATen op of torch's sequence, with its operand order: `lerp_` is
    /// `torchLerp`; `addcmul_(g, g, value=c)` is v + (c·g)·g;
    /// `addcdiv_(m, d, value=c)` is θ + (c·m)/d. Flags: coupled decay,
    /// amsgrad, the small lerp weight.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        let vMax = x.third
        for i in 0..<x.count {
            let (_, theta, m, v) = k.moments.moments(i, x, coupledDecay: f.a, small: f.c)
            var second = v
            if f.b {
                second = torchMaximum(vMax[i], v)
                vMax[i] = second
            }
            let denom = R.root(second) / k.biasCorrection2Sqrt + k.eps
            x.param[i] = theta + (k.negStepSize * m) / denom
        }
    }
}
