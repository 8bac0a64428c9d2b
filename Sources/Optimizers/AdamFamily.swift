// What the Adam family (Adam, AdamW, Adamax, NAdam, RAdam) shares, written
// once as optax writes its shared transforms: the options value, the first
// steps of every update (sign, weight decay) and the two moment updates, each
// in torch's order of ATen operations.

/// The options of `Adam`, `AdamW`, `Adamax`, `NAdam` and `RAdam` (torch's
/// `lr`, `betas`, `eps`, `weight_decay`, `decoupled_weight_decay`,
/// `maximize`), read as the optimizer's properties (`adam.betas`).
public struct AdamFamilyOptions: StepOptions, RootOption {
    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it
    /// between steps (a scheduler does) keeps all state.
    public var lr: Double
    /// (β₁, β₂), torch's `group["betas"]`. Changing them between steps
    /// (`CyclicLR` and `OneCycleLR` move β₁) keeps all state; the next
    /// `step()` uses the new values, bias corrections included.
    public var betas: (Double, Double)
    /// ε (torch's `eps`), added for numerical stability as the optimizer's
    /// doc comment shows.
    public let eps: Double
    /// λ (torch's `weight_decay`): added to the gradient as λθ, or shrinking θ
    /// by (1 − γλ) with `decoupledWeightDecay`; 0 turns it off.
    public let weightDecay: Double
    /// Shrink θ by (1 − γλ) before the update instead of adding λθ to the
    /// gradient (torch's `decoupled_weight_decay`, AdamW's rule); `Adamax`
    /// has no such option and keeps it `false`.
    public let decoupledWeightDecay: Bool
    /// Ascend instead of descend: the gradient is negated first (torch's `maximize`).
    public let maximize: Bool
    /// The square root taken in the update: `.ieee` (correctly rounded, the
    /// default) or `.torchMKL` (the recorded torch host's bits; see
    /// `SquareRoot`). `Adamax` takes no root and keeps `.ieee`.
    public let squareRoot: SquareRoot

    /// The options, checked in the order torch's constructors check them:
    /// negative or NaN `lr` and `eps`, betas outside [0, 1), negative or NaN
    /// `weight_decay` are refused.
    func checked() throws(InvalidOption) -> Self {
        try InvalidOption.requireAdamFamily(lr: lr, eps: eps, betas: betas, weightDecay: weightDecay)
        return self
    }
}

/// The per-step scalars the Adam family shares, rounded once to the
/// parameters' precision: the gradient's sign, the weight decay (coupled,
/// or the decoupled factor 1 − γλ) and the moments' weights β₁ and β₂.
struct MomentScalars<S: OptimizerScalar> {
    let gradient: SignedGradient<S>
    let decayFactor: S
    let beta1: LerpWeight<S>
    let beta2, oneMinusBeta2: S
    /// λθ is added to the gradient (torch's coupled L2 decay, λ ≠ 0).
    let coupledDecay: Bool

    init(_ o: AdamFamilyOptions) {
        gradient = SignedGradient(maximize: o.maximize, weightDecay: o.weightDecay)
        // 1 when there is no decoupled decay, so θ·1 leaves θ as it is.
        decayFactor = o.weightDecay != 0 && o.decoupledWeightDecay ? S(1 - o.lr * o.weightDecay) : 1
        beta1 = LerpWeight(1 - o.betas.0)
        beta2 = S(o.betas.1)
        oneMinusBeta2 = S(1 - o.betas.1)
        coupledDecay = o.weightDecay != 0 && !o.decoupledWeightDecay
    }

    /// The start of every Adam-family step on element i: θ ← θ·(1 − γλ)
    /// (θ·1, exact, without decoupled decay; skipped unless `decays`), g ←
    /// ±g + λθ (`SignedGradient`, coupled decay), and m ← lerp(m, g, 1 − β₁)
    /// (`exp_avg.lerp_`), stored. Returns g, θ and the new m.
    @inline(__always)
    func firstMoment(
        _ i: Int, _ x: StepPointers<S>, coupledDecay: Bool, small: Bool, decays: Bool = true
    ) -> (d: S, theta: S, m: S) {
        let theta = decays ? x.param[i] * decayFactor : x.param[i]
        let d = gradient(x.grad[i], theta, decay: coupledDecay)
        let m = torchLerp(x.first[i], d, weight: beta1.weight, oneMinusWeight: beta1.oneMinusWeight, small: small)
        x.first[i] = m
        return (d, theta, m)
    }

    /// `firstMoment`, then v ← β₂v + (1 − β₂)g²
    /// (`exp_avg_sq.mul_(β₂).addcmul_(g, g, value=1 − β₂)`), stored.
    /// Returns g, θ, the new m and the new v.
    @inline(__always)
    func moments(_ i: Int, _ x: StepPointers<S>, coupledDecay: Bool, small: Bool) -> (d: S, theta: S, m: S, v: S) {
        let (d, theta, m) = firstMoment(i, x, coupledDecay: coupledDecay, small: small)
        let v = x.second[i] * beta2 + (oneMinusBeta2 * d) * d
        x.second[i] = v
        return (d, theta, m, v)
    }
}
