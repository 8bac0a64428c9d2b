/// NAdam, exactly as `torch.optim.NAdam` (single-tensor path).
///
/// For each parameter θ with gradient g at its step t = 1, 2, …
/// (γ = `lr`, (β₁, β₂) = `betas`, ε = `eps`, λ = `weightDecay`,
/// ψ = `momentumDecay`):
///
///     g  ← −g                               if maximize
///     θ  ← θ(1 − γλ)   if decoupled,  else  g ← g + λθ     (if λ ≠ 0)
///     μₜ = β₁(1 − ½·0.96^(tψ)),  μₜ₊₁ = β₁(1 − ½·0.96^((t+1)ψ))
///     Πₜ = Πₜ₋₁·μₜ                          (scalar state, Π₀ = 1)
///     m  ← lerp(m, g, 1 − β₁)
///     v  ← β₂v + (1 − β₂)g²
///     d  = √(v / (1 − β₂ᵗ)) + ε
///     θ  ← θ − γ(1 − μₜ)/(1 − Πₜ) · g/d − γμₜ₊₁/(1 − Πₜμₜ₊₁) · m/d
///
/// Paper: Dozat, "Incorporating Nesterov Momentum into Adam" (ICLR 2016
/// workshop); the momentum schedule μₜ with ψ = 0.004 is the one Dozat
/// used. Decoupled decay follows Loshchilov & Hutter (2019).
///
/// Where frameworks differ: torch divides v by its bias correction *before*
/// the square root and adds ε after it; Keras's `Nadam` uses the same μ
/// schedule but folds the corrections differently and defaults ε to 1e-7.
/// The product Π is kept in the parameters' precision (a float32 tensor for
/// `Float`), as torch keeps `mu_product` in the default dtype.
public final class NAdam<Scalar: OptimizerScalar>:
    LibraryOptimizer<Scalar, AdamFamilyOptions, NAdamParameterState<Scalar>>, ElementwiseOptimizer
{
    /// The per-parameter state, `NAdamParameterState`.
    public typealias State = NAdamParameterState<Scalar>

    /// ψ (torch's `momentum_decay`) in μₜ = β₁(1 − ½·0.96^(tψ)).
    public let momentumDecay: Double

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`
    /// and `momentum_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.002, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 0, momentumDecay: Double = 0.004,
        decoupledWeightDecay: Bool = false, maximize: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        let options = try AdamFamilyOptions(
            lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, decoupledWeightDecay: decoupledWeightDecay,
            maximize: maximize, squareRoot: squareRoot
        ).checked()
        try InvalidOption.requireNonNegative("momentum_decay", momentumDecay, "Invalid momentum_decay value")
        self.momentumDecay = momentumDecay
        super.init(parameters, options, state: { _ in State() })
    }

    override func takeStep() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> NAdamCoefficients<Scalar> {
        s.moments.start(count: count)
        let k = NAdamCoefficients<Scalar>(
            step: s.step, muProduct: s.muProduct, options, momentumDecay: momentumDecay)
        s.muProduct = k.muProduct
        return k
    }
}

/// Per-parameter state of `NAdam`: Adam's moments and step count
/// (`moments`, whose `step`, `expAvg` and `expAvgSq` read as this state's
/// own) and torch's `mu_product`.
@dynamicMemberLookup
public struct NAdamParameterState<Scalar: OptimizerScalar>: Sendable, StepState {
    /// torch's `step`, `exp_avg` and `exp_avg_sq`, kept as `Adam` keeps them.
    public internal(set) var moments = AdamMoments<Scalar>()
    /// Πₜ, the product of the momentum schedule's μ so far, in the parameters' precision.
    public internal(set) var muProduct: Scalar = 1

    /// A field of `moments` (`state.expAvg`, `state.step`).
    public subscript<T>(dynamicMember field: KeyPath<AdamMoments<Scalar>, T>) -> T { moments[keyPath: field] }

    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R { moments.withBuffers(body) }
}

/// The scalars of NAdam's step t, in torch's order of Python float
/// operations, rounded once to the parameters' precision.
struct NAdamCoefficients<S: OptimizerScalar> {
    let moments: MomentScalars<S>
    let biasCorrection2, eps, gradCoefficient, momentumCoefficient: S
    /// Πₜ = Πₜ₋₁·μₜ, which the state keeps for the next step.
    let muProduct: S

    /// `muProduct` is Πₜ₋₁; `mu_product *= mu` happens on a tensor of the
    /// parameters' dtype, so Πₜ is rounded to `S` before it is used.
    init(step: Int, muProduct previous: S, _ o: AdamFamilyOptions, momentumDecay: Double) {
        let beta1 = o.betas.0, lr = o.lr
        let t = Double(step)
        let mu = beta1 * (1 - 0.5 * pythonPow(0.96, t * momentumDecay)!)
        let muNext = beta1 * (1 - 0.5 * pythonPow(0.96, (t + 1) * momentumDecay)!)
        muProduct = previous * S(mu)
        let muProduct = Double(self.muProduct)
        let muProductNext = muProduct * muNext
        moments = MomentScalars(o)
        biasCorrection2 = S(biasCorrection(o.betas.1, t))
        eps = S(o.eps)
        gradCoefficient = S(-lr * (1 - mu) / (1 - muProduct))
        momentumCoefficient = S((-lr * muNext) / (1 - muProductNext))
    }
}

extension NAdamCoefficients: ElementKernel {
    var buffers: (first: Bool, second: Bool, third: Bool) { (true, true, false) }
    var flags: LoopFlags { LoopFlags(a: moments.coupledDecay, b: moments.beta1.small) }

    /// One fused pass of `_single_tensor_nadam` over a chunk; the two
    /// `addcdiv_` calls stay two roundings, as in torch. Flags: coupled
    /// decay, the small lerp weight.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<S>, _ f: F.Type, root: R.Type) {
        let k = self, x = x
        for i in 0..<x.count {
            let (d, theta, m, v) = k.moments.moments(i, x, coupledDecay: f.a, small: f.b)
            let denom = R.root(v / k.biasCorrection2) + k.eps
            let half = theta + (k.gradCoefficient * d) / denom
            x.param[i] = half + (k.momentumCoefficient * m) / denom
        }
    }
}
