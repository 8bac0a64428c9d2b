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
public final class RAdam<Scalar: OptimizerScalar>: ThreadedOptimizer, ElementwiseOptimizer {
    /// Per-parameter state (torch's `step`, `exp_avg`, `exp_avg_sq`).
    public struct State: Sendable, StepState {
        /// Steps taken by this parameter (steps where its gradient was `nil` do not count).
        public internal(set) var step = 0
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
    /// and `eps`, betas outside [0, 1), and negative or NaN `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 0.001,
        betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0,
        decoupledWeightDecay: Bool = false, maximize: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        try InvalidOption.requireAdamFamily(lr: lr, eps: eps, betas: betas, weightDecay: weightDecay)
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
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

    func prepare(_ s: inout State, count: Int) -> RAdamCoefficients<Scalar> {
        s.step += 1
        ensureBuffer(&s.expAvg, count: count)
        ensureBuffer(&s.expAvgSq, count: count)
        return RAdamCoefficients(
            step: s.step, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            decoupled: decoupledWeightDecay, maximize: maximize)
    }

    static func update<R: RootFunction>(_ t: StepTensors<Scalar>, _ k: RAdamCoefficients<Scalar>, root: R.Type) {
        radamKernel(t.param, t.grad, t.state.first, t.state.second, k, root)
    }
}

struct RAdamCoefficients<S: OptimizerScalar> {
    let beta1: LerpWeight<S>
    let beta2, oneMinusBeta2, biasCorrection1, lr, eps, biasCorrection2Sqrt, rect: S
    let weightDecay, decayFactor, sign: S
    let coupledDecay, rectified: Bool

    /// The per-step scalars of `_single_tensor_radam`, in Python float
    /// arithmetic and torch's order of operations.
    init(
        step: Int, lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double,
        decoupled: Bool, maximize: Bool
    ) {
        let (beta1, beta2) = betas
        let t = Double(step)
        let biasCorrection1 = biasCorrection(beta1, t)
        let biasCorrection2 = biasCorrection(beta2, t)
        let rhoInf = 2 / (1 - beta2) - 1
        let rhoT = rhoInf - 2 * t * pythonPow(beta2, t)! / biasCorrection2
        self.rectified = rhoT > 5
        // Only evaluated when rectifying, as in torch: ρ∞ > ρₜ > 5 keeps the
        // denominator away from 0.
        let rect = rectified
            ? pythonPow((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT), 0.5)! : 1
        self.beta1 = LerpWeight(1 - beta1)
        self.beta2 = S(beta2)
        self.oneMinusBeta2 = S(1 - beta2)
        self.biasCorrection1 = S(biasCorrection1)
        self.lr = S(lr)
        self.eps = S(eps)
        self.biasCorrection2Sqrt = S(pythonPow(biasCorrection2, 0.5)!)
        self.rect = S(rect)
        self.weightDecay = S(weightDecay)
        // 1 when there is no decoupled decay, so θ·1 leaves θ as it is.
        self.decayFactor = weightDecay != 0 && decoupled ? S(1 - lr * weightDecay) : 1
        self.sign = maximize ? -1 : 1
        self.coupledDecay = weightDecay != 0 && !decoupled
    }
}

/// One fused pass of `_single_tensor_radam` over a tensor. torch's
/// `param.add_(m / bc1 * lr * adaptive * rect, alpha=-1)` multiplies left to
/// right, and `bc2 ** 0.5 / (√v + ε)` is `Tensor.__rtruediv__`, i.e.
/// `reciprocal(√v + ε) * bc2 ** 0.5`.
@inline(__always)
func radamKernel<S: OptimizerScalar, R: RootFunction>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ expAvg: UnsafeMutableBufferPointer<S>, _ expAvgSq: UnsafeMutableBufferPointer<S>,
    _ k: RAdamCoefficients<S>, _ root: R.Type
) {
    let n = param.count
    precondition(grad.count == n && expAvg.count == n && expAvgSq.count == n)
    guard n > 0, let p = param.baseAddress, let g = grad.baseAddress,
        let m = expAvg.baseAddress, let v = expAvgSq.baseAddress
    else { return }
    // Literal flags per call: each inlined loop is branch-free and vectorizes.
    switch (k.coupledDecay, k.rectified, k.beta1.small) {
    case (false, false, false):
        radamLoop(p, g, m, v, n, k, coupledDecay: false, rectified: false, smallWeight: false, root: root)
    case (false, false, true):
        radamLoop(p, g, m, v, n, k, coupledDecay: false, rectified: false, smallWeight: true, root: root)
    case (false, true, false):
        radamLoop(p, g, m, v, n, k, coupledDecay: false, rectified: true, smallWeight: false, root: root)
    case (false, true, true):
        radamLoop(p, g, m, v, n, k, coupledDecay: false, rectified: true, smallWeight: true, root: root)
    case (true, false, false):
        radamLoop(p, g, m, v, n, k, coupledDecay: true, rectified: false, smallWeight: false, root: root)
    case (true, false, true):
        radamLoop(p, g, m, v, n, k, coupledDecay: true, rectified: false, smallWeight: true, root: root)
    case (true, true, false):
        radamLoop(p, g, m, v, n, k, coupledDecay: true, rectified: true, smallWeight: false, root: root)
    case (true, true, true):
        radamLoop(p, g, m, v, n, k, coupledDecay: true, rectified: true, smallWeight: true, root: root)
    }
}

@inline(__always)
private func radamLoop<S: OptimizerScalar, R: RootFunction>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ m: UnsafeMutablePointer<S>,
    _ v: UnsafeMutablePointer<S>, _ n: Int, _ k: RAdamCoefficients<S>,
    coupledDecay: Bool, rectified: Bool, smallWeight: Bool, root: R.Type
) {
    let sign = k.sign, decayFactor = k.decayFactor, weightDecay = k.weightDecay
    let w = k.beta1.weight, oneMinusW = k.beta1.oneMinusWeight
    let beta2 = k.beta2, oneMinusBeta2 = k.oneMinusBeta2, bc1 = k.biasCorrection1
    let lr = k.lr, eps = k.eps, bc2Sqrt = k.biasCorrection2Sqrt, rect = k.rect
    for i in 0..<n {
        var d = sign * g[i]
        // θ·1 is θ exactly, so decoupled decay needs no branch.
        let theta = p[i] * decayFactor
        if coupledDecay { d = d + weightDecay * theta }
        let mi = torchLerp(m[i], d, weight: w, oneMinusWeight: oneMinusW, small: smallWeight)
        m[i] = mi
        let vi = v[i] * beta2 + (oneMinusBeta2 * d) * d
        v[i] = vi
        let step = (mi / bc1) * lr
        if rectified {
            let adaptive = (1 / (R.root(vi) + eps)) * bc2Sqrt
            p[i] = theta - (step * adaptive) * rect
        } else {
            p[i] = theta - step
        }
    }
}
