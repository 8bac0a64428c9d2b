/// RAdam (rectified Adam), exactly as `torch.optim.RAdam` (single-tensor
/// path).
///
/// For each parameter θ with gradient g at its step t = 1, 2, …
/// (γ = `lr`, (β₁, β₂) = `betas`, ε = `eps`, λ = `weightDecay`):
///
///     g  ← −g                             if maximize
///     θ  ← θ(1 − γλ)   if decoupled,  else  g ← g + λθ     (if λ ≠ 0)
///     m  ← lerp(m, g, 1 − β₁);   v ← β₂v + (1 − β₂)g²
///     m̂  = m / (1 − β₁ᵗ)
///     ρ∞ = 2/(1 − β₂) − 1;       ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)
///     if ρₜ > 5:
///         l = √(1 − β₂ᵗ) / (√v + ε)
///         r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
///         θ ← θ − γ·m̂·l·r
///     else:
///         θ ← θ − γ·m̂                      (SGD with momentum)
///
/// Paper: Liu, Jiang, He, Chen, Liu, Gao & Han, "On the Variance of the
/// Adaptive Learning Rate and Beyond" (ICLR 2020). With β₂ = 0.999, ρₜ ≈ t
/// for small t, so the first five steps are un-adapted momentum steps.
///
/// Where frameworks differ: the paper's Algorithm 2 rectifies once ρₜ > 4
/// and has no ε (l = √((1 − β₂ᵗ)/v)); torch, like the authors' code, waits
/// for ρₜ > 5 and adds ε to √v. `decoupledWeightDecay` gives the AdamW-style
/// decay of the authors' code (torch's default is the coupled L2 form).
/// torch computes l as `reciprocal(√v + ε) · √(1 − β₂ᵗ)`, the order kept here.
public final class RAdam<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, AdamFamilyOptions, AdamMoments<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, Adam's `AdamMoments` (torch's `step`,
    /// `exp_avg`, `exp_avg_sq`; `maxExpAvgSq` stays empty).
    public typealias State = AdamMoments<Scalar>

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.001, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false,
        maximize: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        super.init(
            parameters,
            try AdamFamilyOptions(
                lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                decoupledWeightDecay: decoupledWeightDecay, maximize: maximize, squareRoot: squareRoot
            ).checked(), state: { _ in State() })
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> RAdamCoefficients<Scalar> {
        s.start(count: count)
        return RAdamCoefficients(step: s.step, options)
    }
}

struct RAdamCoefficients<S: OptimizerScalar> {
    let moments: MomentScalars<S>
    let biasCorrection1, lr, eps, biasCorrection2Sqrt, rect: S
    let rectified: Bool

    /// The per-step scalars of `_single_tensor_radam`, in Python float
    /// arithmetic and torch's order of operations.
    init(step: Int, _ o: AdamFamilyOptions) {
        let beta2 = o.betas.1
        let t = Double(step)
        let biasCorrection2 = biasCorrection(beta2, t)
        let rhoInf = 2 / (1 - beta2) - 1
        let rhoT = rhoInf - 2 * t * pythonPow(beta2, t)! / biasCorrection2
        rectified = rhoT > 5
        // Only evaluated when rectifying, as in torch: ρ∞ > ρₜ > 5 keeps the
        // denominator away from 0.
        let rect = rectified
            ? pythonPow((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT), 0.5)! : 1
        moments = MomentScalars(o)
        biasCorrection1 = S(biasCorrection(o.betas.0, t))
        lr = S(o.lr)
        eps = S(o.eps)
        biasCorrection2Sqrt = S(pythonPow(biasCorrection2, 0.5)!)
        self.rect = S(rect)
    }
}

extension RAdamCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, true, false) }
    var flags: LoopFlags { LoopFlags(a: moments.coupledDecay, b: rectified, c: moments.beta1.small) }

    /// One fused pass of `_single_tensor_radam` over a chunk. torch's
    /// `param.add_(m / bc1 * lr * adaptive * rect, alpha=-1)` multiplies
    /// left to right, and `bc2 ** 0.5 / (√v + ε)` is `Tensor.__rtruediv__`,
    /// i.e. `reciprocal(√v + ε) * bc2 ** 0.5`. Flags: coupled decay,
    /// rectified, the small lerp weight.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        for i in 0..<x.count {
            let (_, theta, m, v) = k.moments.moments(i, x, coupledDecay: f.a, small: f.c)
            let step = (m / k.biasCorrection1) * k.lr
            if f.b {
                let adaptive = (1 / (R.root(v) + k.eps)) * k.biasCorrection2Sqrt
                x.param[i] = theta - (step * adaptive) * k.rect
            } else {
                x.param[i] = theta - step
            }
        }
    }
}
