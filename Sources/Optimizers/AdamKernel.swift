/// Per-parameter state of `Adam` and `AdamW` (torch's `step`, `exp_avg`,
/// `exp_avg_sq`, and `max_exp_avg_sq` when amsgrad is on).
public struct AdamMoments<Scalar: OptimizerScalar>: Sendable {
    /// Steps taken by this parameter (steps where its gradient was `nil` do
    /// not count).
    public internal(set) var step = 0
    /// First moment m.
    public internal(set) var expAvg: [Scalar] = []
    /// Second moment v.
    public internal(set) var expAvgSq: [Scalar] = []
    /// Running maximum of v (amsgrad only; empty otherwise).
    public internal(set) var maxExpAvgSq: [Scalar] = []
}

extension AdamMoments: StepState {
    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
        Optimizers.withBuffers(&expAvg, &expAvgSq, &maxExpAvgSq, body)
    }
}

/// How weight decay enters Adam: torch's `Adam` adds λθ to the gradient,
/// `AdamW` shrinks θ by (1 − γλ) before the moment update.
enum WeightDecayMode { case coupled, decoupled }

struct AdamCoefficients<S: OptimizerScalar> {
    let beta1: LerpWeight<S>
    let beta2, oneMinusBeta2: S
    let negStepSize, biasCorrection2Sqrt, eps: S
    let weightDecay, decayFactor, sign: S
    let coupledDecay, amsgrad: Bool

    /// The per-step scalars of `_single_tensor_adam`, in Python float
    /// arithmetic: `step_size = lr / (1 - beta1 ** step)` and
    /// `bias_correction2 ** 0.5` (C `pow`, like Python, not `sqrt`).
    init(
        step: Int, lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double,
        mode: WeightDecayMode, amsgrad: Bool, maximize: Bool
    ) {
        let t = Double(step)
        let biasCorrection1 = biasCorrection(betas.0, t)
        let biasCorrection2 = biasCorrection(betas.1, t)
        let stepSize = lr / biasCorrection1
        self.beta1 = LerpWeight(1 - betas.0)
        self.beta2 = S(betas.1)
        self.oneMinusBeta2 = S(1 - betas.1)
        self.negStepSize = S(-stepSize)
        self.biasCorrection2Sqrt = S(pythonPow(biasCorrection2, 0.5)!)
        self.eps = S(eps)
        self.weightDecay = S(weightDecay)
        // 1 when there is no decoupled decay, so θ·1 leaves θ as it is.
        self.decayFactor = weightDecay != 0 && mode == .decoupled ? S(1 - lr * weightDecay) : 1
        self.sign = maximize ? -1 : 1
        self.coupledDecay = weightDecay != 0 && mode == .coupled
        self.amsgrad = amsgrad
    }
}

/// One fused pass of `_single_tensor_adam` over a tensor. Each line is one
/// ATen op of torch's sequence, with its operand order:
/// `grad.add(param, alpha=λ)` is g + λ·θ; `lerp_` is `torchLerp`;
/// `addcmul_(g, g, value=c)` is v + (c·g)·g; `addcdiv_(m, d, value=c)` is
/// θ + (c·m)/d.
@inline(__always)
func adamKernel<S: OptimizerScalar, R: RootFunction>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ expAvg: UnsafeMutableBufferPointer<S>, _ expAvgSq: UnsafeMutableBufferPointer<S>,
    _ maxExpAvgSq: UnsafeMutableBufferPointer<S>, _ k: AdamCoefficients<S>, _ root: R.Type
) {
    let n = param.count
    precondition(grad.count == n && expAvg.count == n && expAvgSq.count == n)
    precondition(!k.amsgrad || maxExpAvgSq.count == n)
    guard n > 0, let p = param.baseAddress, let g = grad.baseAddress,
        let m = expAvg.baseAddress, let v = expAvgSq.baseAddress
    else { return }
    let vMax = maxExpAvgSq.baseAddress ?? m
    // One call per combination of flags, each with literal arguments, so each
    // inlined loop is branch-free and vectorizes.
    switch (k.coupledDecay, k.amsgrad, k.beta1.small) {
    case (false, false, false):
        adamLoop(p, g, m, v, vMax, n, k, coupledDecay: false, amsgrad: false, smallWeight: false, root: root)
    case (false, false, true):
        adamLoop(p, g, m, v, vMax, n, k, coupledDecay: false, amsgrad: false, smallWeight: true, root: root)
    case (false, true, false):
        adamLoop(p, g, m, v, vMax, n, k, coupledDecay: false, amsgrad: true, smallWeight: false, root: root)
    case (false, true, true):
        adamLoop(p, g, m, v, vMax, n, k, coupledDecay: false, amsgrad: true, smallWeight: true, root: root)
    case (true, false, false):
        adamLoop(p, g, m, v, vMax, n, k, coupledDecay: true, amsgrad: false, smallWeight: false, root: root)
    case (true, false, true):
        adamLoop(p, g, m, v, vMax, n, k, coupledDecay: true, amsgrad: false, smallWeight: true, root: root)
    case (true, true, false):
        adamLoop(p, g, m, v, vMax, n, k, coupledDecay: true, amsgrad: true, smallWeight: false, root: root)
    case (true, true, true):
        adamLoop(p, g, m, v, vMax, n, k, coupledDecay: true, amsgrad: true, smallWeight: true, root: root)
    }
}

@inline(__always)
private func adamLoop<S: OptimizerScalar, R: RootFunction>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ m: UnsafeMutablePointer<S>,
    _ v: UnsafeMutablePointer<S>, _ vMax: UnsafeMutablePointer<S>, _ n: Int, _ k: AdamCoefficients<S>,
    coupledDecay: Bool, amsgrad: Bool, smallWeight: Bool, root: R.Type
) {
    // −g is g·(−1) exactly, and θ·1 is θ exactly: maximize and decoupled
    // decay need no branch.
    let sign = k.sign, decayFactor = k.decayFactor, weightDecay = k.weightDecay
    let w = k.beta1.weight, oneMinusW = k.beta1.oneMinusWeight
    let beta2 = k.beta2, oneMinusBeta2 = k.oneMinusBeta2
    let bc2Sqrt = k.biasCorrection2Sqrt, eps = k.eps, negStepSize = k.negStepSize
    for i in 0..<n {
        var d = sign * g[i]
        let theta = p[i] * decayFactor
        if coupledDecay { d = d + weightDecay * theta }
        let mi = torchLerp(m[i], d, weight: w, oneMinusWeight: oneMinusW, small: smallWeight)
        m[i] = mi
        let vi = v[i] * beta2 + (oneMinusBeta2 * d) * d
        v[i] = vi
        var second = vi
        if amsgrad {
            second = torchMaximum(vMax[i], vi)
            vMax[i] = second
        }
        let denom = R.root(second) / bc2Sqrt + eps
        p[i] = theta + (negStepSize * mi) / denom
    }
}
