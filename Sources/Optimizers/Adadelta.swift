/// Adadelta, exactly as `torch.optim.Adadelta` (single-tensor path).
///
/// For each parameter θ with gradient g (γ = `lr`, ρ = `rho`, ε = `eps`,
/// λ = `weightDecay`):
///
///     g ← −g                             if maximize
///     g ← g + λθ                         if λ ≠ 0
///     v ← ρv + (1 − ρ)g²                 (running average of g²)
///     Δ = √(u + ε) / √(v + ε) · g        (u from the previous step)
///     u ← ρu + (1 − ρ)Δ²                 (running average of Δ²)
///     θ ← θ − γΔ
///
/// Paper: Zeiler, "ADADELTA: An Adaptive Learning Rate Method"
/// (arXiv:1212.5701, 2012), Algorithm 1. The ratio of the two RMS values
/// gives each step the units of θ, so the paper needs no learning rate.
///
/// Where frameworks differ: the paper applies Δ as it is (γ = 1, torch's
/// default); torch's `lr` scales only the applied step, never the average u,
/// which always accumulates the unscaled Δ. Keras's `Adadelta` does the
/// same but defaults to γ = 0.001, ρ = 0.95 and ε = 1e-7, so "Adadelta with
/// default options" takes steps a thousand times smaller there. Both put ε
/// inside the square roots, as the paper does.
public final class Adadelta<Scalar: OptimizerScalar>: Optimizer {
    /// Per-parameter state (torch's `step`, `square_avg`, `acc_delta`).
    public struct State: Sendable {
        public internal(set) var step = 0
        /// Running average of squared gradients, v.
        public internal(set) var squareAvg: [Scalar] = []
        /// Running average of squared updates, u.
        public internal(set) var accDelta: [Scalar] = []
    }

    public let parameters: [Parameter<Scalar>]
    public var lr: Double
    public let rho: Double
    public let eps: Double
    public let weightDecay: Double
    public let maximize: Bool
    /// The square root taken in the update: `.ieee` (correctly rounded, the
    /// default) or `.torchMKL` (the recorded torch host's bits; see `SquareRoot`).
    public let squareRoot: SquareRoot
    /// Threads one `step()` may use on each tensor of at least
    /// `parallelThreshold` elements (default: every processor). The result
    /// is bitwise the same for any value; values below 1 mean 1.
    public var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    public private(set) var state: [State]

    /// Builds the optimizer; refuses, in torch's order, negative or NaN `lr`,
    /// `rho` outside [0, 1], and negative or NaN `eps` and `weight_decay`.
    public init(
        _ parameters: [Parameter<Scalar>], lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6,
        weightDecay: Double = 0, maximize: Bool = false, squareRoot: SquareRoot = .ieee
    ) throws(InvalidOption) {
        try InvalidOption.requireLearningRate(lr)
        guard rho >= 0 && rho <= 1 else {
            throw InvalidOption(option: "rho", value: "\(rho)", reason: "Invalid rho value (must be in [0, 1])")
        }
        try InvalidOption.requireNonNegative("eps", eps, "Invalid epsilon value")
        try InvalidOption.requireNonNegative("weight_decay", weightDecay, "Invalid weight_decay value")
        self.parameters = parameters
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.weightDecay = weightDecay
        self.maximize = maximize
        self.squareRoot = squareRoot
        self.state = Array(repeating: State(), count: parameters.count)
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    public func step() {
        let k = AdadeltaCoefficients<Scalar>(
            negLR: Scalar(-lr), rho: Scalar(rho), oneMinusRho: Scalar(1 - rho), eps: Scalar(eps),
            weightDecay: Scalar(weightDecay), sign: maximize ? -1 : 1, decay: weightDecay != 0,
            squareRoot: squareRoot)
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            var s = State()
            swap(&s, &state[i])
            s.step += 1
            ensureBuffer(&s.squareAvg, count: p.count)
            ensureBuffer(&s.accDelta, count: p.count)
            p.withStorage(grad) { param, g in
                s.squareAvg.withUnsafeMutableBufferPointer { v in
                    s.accDelta.withUnsafeMutableBufferPointer { u in
                        forEachChunk(count: param.count, threads: threads) { r in
                            adadeltaKernel(param.chunk(r), g.chunk(r), v.chunk(r), u.chunk(r), k)
                        }
                    }
                }
            }
            state[i] = s
        }
    }
}

struct AdadeltaCoefficients<S: OptimizerScalar> {
    let negLR, rho, oneMinusRho, eps, weightDecay, sign: S
    let decay: Bool
    let squareRoot: SquareRoot
}

/// One fused pass of `_single_tensor_adadelta` over a tensor:
/// `acc_delta.add(ε).sqrt_().div_(std).mul_(g)` is (√(u + ε)/std)·g, and
/// `param.add_(Δ, alpha=−γ)` is θ + (−γ)·Δ.
@_specialize(where S == Float)
@_specialize(where S == Double)
func adadeltaKernel<S: OptimizerScalar>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ squareAvg: UnsafeMutableBufferPointer<S>, _ accDelta: UnsafeMutableBufferPointer<S>,
    _ k: AdadeltaCoefficients<S>
) {
    // The root is chosen once per tensor: each root gets its own copies of
    // the loops, so the IEEE ones vectorize as before.
    switch k.squareRoot {
    case .ieee: adadeltaKernel(param, grad, squareAvg, accDelta, k, IEEERoot.self)
    case .torchMKL: adadeltaKernel(param, grad, squareAvg, accDelta, k, TorchMKLRoot.self)
    }
}

@inline(__always)
private func adadeltaKernel<S: OptimizerScalar, R: RootFunction>(
    _ param: UnsafeMutableBufferPointer<S>, _ grad: UnsafeBufferPointer<S>,
    _ squareAvg: UnsafeMutableBufferPointer<S>, _ accDelta: UnsafeMutableBufferPointer<S>,
    _ k: AdadeltaCoefficients<S>, _ root: R.Type
) {
    let n = param.count
    precondition(grad.count == n && squareAvg.count == n && accDelta.count == n)
    guard n > 0, let p = param.baseAddress, let g = grad.baseAddress,
        let v = squareAvg.baseAddress, let u = accDelta.baseAddress
    else { return }
    // Literal flags per call: each inlined loop is branch-free and vectorizes.
    if k.decay { adadeltaLoop(p, g, v, u, n, k, decay: true, root: root) } else { adadeltaLoop(p, g, v, u, n, k, decay: false, root: root) }
}

@inline(__always)
private func adadeltaLoop<S: OptimizerScalar, R: RootFunction>(
    _ p: UnsafeMutablePointer<S>, _ g: UnsafePointer<S>, _ v: UnsafeMutablePointer<S>,
    _ u: UnsafeMutablePointer<S>, _ n: Int, _ k: AdadeltaCoefficients<S>, decay: Bool, root: R.Type
) {
    let sign = k.sign, weightDecay = k.weightDecay, rho = k.rho, oneMinusRho = k.oneMinusRho
    let eps = k.eps, negLR = k.negLR
    for i in 0..<n {
        var d = sign * g[i]
        if decay { d = d + weightDecay * p[i] }
        let vi = v[i] * rho + (oneMinusRho * d) * d
        v[i] = vi
        let std = R.root(vi + eps)
        let delta = (R.root(u[i] + eps) / std) * d
        u[i] = u[i] * rho + (oneMinusRho * delta) * delta
        p[i] = p[i] + negLR * delta
    }
}
