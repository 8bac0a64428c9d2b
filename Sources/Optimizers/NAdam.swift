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
public final class NAdam<Scalar: OptimizerScalar>: ThreadedOptimizer, ElementwiseOptimizer {
    /// Per-parameter state (torch's `step`, `mu_product`, `exp_avg`,
    /// `exp_avg_sq`).
    public struct State: Sendable, StepState {
        /// Steps taken by this parameter (steps where its gradient was `nil` do not count).
        public internal(set) var step = 0
        /// Πₜ, the product of the momentum schedule's μ so far, in the parameters' precision.
        public internal(set) var muProduct: Scalar = 1
        /// First moment m.
        public internal(set) var expAvg: [Scalar] = []
        /// Second moment v.
        public internal(set) var expAvgSq: [Scalar] = []

        mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R {
            Optimizers.withBuffers(&expAvg, &expAvgSq, body)
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
    /// λ (torch's `weight_decay`): added to the gradient as λθ, or shrinking θ
    /// by (1 − γλ) with `decoupledWeightDecay`; 0 turns it off.
    public let weightDecay: Double
    /// ψ (torch's `momentum_decay`) in μₜ = β₁(1 − ½·0.96^(tψ)).
    public let momentumDecay: Double
    /// Shrink θ by (1 − γλ) before the update instead of adding λθ to the gradient (torch's `decoupled_weight_decay`, AdamW's rule).
    public let decoupledWeightDecay: Bool
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// The square root taken in the update: `.ieee` (correctly rounded, the
    /// default) or `.torchMKL` (the recorded torch host's bits; see `SquareRoot`).
    public let squareRoot: SquareRoot
    /// See `ThreadedOptimizer.threads`.
    public var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    public internal(set) var state: [State]

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`
    /// and `momentum_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.002,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0,
        momentumDecay: Double = 0.004, decoupledWeightDecay: Bool = false, maximize: Bool = false,
        squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        try InvalidOption.requireAdamFamily(lr: lr, eps: eps, betas: betas, weightDecay: weightDecay)
        try InvalidOption.requireNonNegative("momentum_decay", momentumDecay, "Invalid momentum_decay value")
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.maximize = maximize
        self.squareRoot = squareRoot
        self.state = Array(repeating: State(), count: parameters.count)
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    public func step() { runStep(self) }

    func prepare(_ s: inout State, count: Int) -> NAdamCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.expAvg, count: count)
        ensureBuffer(&s.expAvgSq, count: count)
        let k = NAdamCoefficients<Scalar>(
            step: s.step, muProduct: s.muProduct, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            momentumDecay: momentumDecay, decoupled: decoupledWeightDecay, maximize: maximize)
        s.muProduct = k.muProduct
        return k
    }

    static func update<R: RootFunction>(_ t: StepTensors<Scalar>, _ k: NAdamCoefficients<Scalar>, root: R.Type) {
        nadamKernel(t.param, t.grad, t.state.first, t.state.second, k, root)
    }
}

/// The scalars of NAdam's step t, in torch's order of Python float
/// operations, rounded once to the parameters' precision.
struct NAdamCoefficients<S: OptimizerScalar> {
    let beta1: LerpWeight<S>
    let beta2, oneMinusBeta2, biasCorrection2, eps: S
    let gradCoefficient, momentumCoefficient: S
    let weightDecay, decayFactor, sign: S
    let coupledDecay: Bool
    /// Πₜ = Πₜ₋₁·μₜ, which the state keeps for the next step.
    let muProduct: S

    /// `muProduct` is Πₜ₋₁; `mu_product *= mu` happens on a tensor of the
    /// parameters' dtype, so Πₜ is rounded to `S` before it is used.
    init(
        step: Int, muProduct previous: S, lr: Double, betas: (Double, Double), eps: Double,
        weightDecay: Double, momentumDecay: Double, decoupled: Bool, maximize: Bool
    ) {
        let (beta1, beta2) = betas
        let t = Double(step)
        let biasCorrection2 = biasCorrection(beta2, t)
        let mu = beta1 * (1 - 0.5 * pythonPow(0.96, t * momentumDecay)!)
        let muNext = beta1 * (1 - 0.5 * pythonPow(0.96, (t + 1) * momentumDecay)!)
        muProduct = previous * S(mu)
        let muProduct = Double(self.muProduct)
        let muProductNext = muProduct * muNext
        self.beta1 = LerpWeight(1 - beta1)
        self.beta2 = S(beta2)
        oneMinusBeta2 = S(1 - beta2)
        self.biasCorrection2 = S(biasCorrection2)
        self.eps = S(eps)
        gradCoefficient = S(-lr * (1 - mu) / (1 - muProduct))
        momentumCoefficient = S((-lr * muNext) / (1 - muProductNext))
        self.weightDecay = S(weightDecay)
        decayFactor = weightDecay != 0 && decoupled ? S(1 - lr * weightDecay) : 1
        sign = maximize ? -1 : 1
        coupledDecay = weightDecay != 0 && !decoupled
    }
}

/// One fused pass of `_single_tensor_nadam`; the two `addcdiv_` calls stay
/// two roundings, as in torch.
@inline(__always)
func nadamKernel<S: OptimizerScalar, R: RootFunction>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ expAvg: UnsafeMutableBufferPointer<S>, _ expAvgSq: UnsafeMutableBufferPointer<S>,
    _ k: NAdamCoefficients<S>, _ root: R.Type
) {
    let n = param.count
    precondition(grad.count == n && expAvg.count == n && expAvgSq.count == n)
    guard n > 0, let p = param.baseAddress, let g = grad.baseAddress,
        let m = expAvg.baseAddress, let v = expAvgSq.baseAddress
    else { return }
    // Literal flags per call: each inlined loop is branch-free and vectorizes.
    switch (k.coupledDecay, k.beta1.small) {
    case (false, false): nadamLoop(p, g, m, v, n, k, coupledDecay: false, smallWeight: false, root: root)
    case (false, true): nadamLoop(p, g, m, v, n, k, coupledDecay: false, smallWeight: true, root: root)
    case (true, false): nadamLoop(p, g, m, v, n, k, coupledDecay: true, smallWeight: false, root: root)
    case (true, true): nadamLoop(p, g, m, v, n, k, coupledDecay: true, smallWeight: true, root: root)
    }
}

@inline(__always)
private func nadamLoop<S: OptimizerScalar, R: RootFunction>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ m: UnsafeMutablePointer<S>,
    _ v: UnsafeMutablePointer<S>, _ n: Int, _ k: NAdamCoefficients<S>,
    coupledDecay: Bool, smallWeight: Bool, root: R.Type
) {
    let sign = k.sign, decayFactor = k.decayFactor, weightDecay = k.weightDecay
    let w = k.beta1.weight, oneMinusW = k.beta1.oneMinusWeight
    let beta2 = k.beta2, oneMinusBeta2 = k.oneMinusBeta2, bc2 = k.biasCorrection2, eps = k.eps
    let c1 = k.gradCoefficient, c2 = k.momentumCoefficient
    for i in 0..<n {
        var d = sign * g[i]
        // θ·1 is θ exactly, so decoupled decay needs no branch.
        var theta = p[i] * decayFactor
        if coupledDecay { d = d + weightDecay * theta }
        let mi = torchLerp(m[i], d, weight: w, oneMinusWeight: oneMinusW, small: smallWeight)
        m[i] = mi
        let vi = v[i] * beta2 + (oneMinusBeta2 * d) * d
        v[i] = vi
        let denom = R.root(vi / bc2) + eps
        theta = theta + (c1 * d) / denom
        p[i] = theta + (c2 * mi) / denom
    }
}
