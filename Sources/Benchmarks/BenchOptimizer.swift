import Optimizers

/// The optimizers `optnb bench` knows, under their command-line names. This
/// enum is the one list: a new optimizer becomes benchmarkable by adding a
/// case and its lines in the switches below (the compiler points at each).
///
/// Hyper-parameters are torch's defaults except where a name asks for a
/// feature (`sgd-momentum`: μ = 0.9) and a small learning rate (1e-3) for
/// all, so repeated steps on a fixed gradient stay finite and normal.
public enum BenchOptimizer: String, CaseIterable, Sendable {
    case sgd
    case sgdMomentum = "sgd-momentum"
    case sgdNesterov = "sgd-nesterov"
    case adagrad
    case rmsprop
    case adam
    case adamw
    case nadam
    case adamax
    case radam
    case adadelta
    case rprop
    case asgd

    /// The command-line name (`"sgd-momentum"`, …).
    public var name: String { rawValue }

    /// Every known name, comma-separated, for messages.
    public static var knownNames: String { allCases.map(\.name).joined(separator: ", ") }

    /// The number of arrays of scalars one step must read plus the number it
    /// must write, per element, once state exists: θ and g are read and θ
    /// written, plus each state array read and written. Multiplied by the
    /// scalar size this is the traffic a step cannot avoid (Adam float32:
    /// (4 reads + 3 writes) · 4 bytes = 28 bytes).
    public var arraysMoved: Int {
        switch self {
        case .sgd: 3  // θ, g → θ
        case .sgdMomentum, .sgdNesterov, .adagrad, .rmsprop: 5  // θ, g, one state → θ, state
        case .adam, .adamw, .nadam, .radam: 7  // θ, g, m, v → θ, m, v
        case .adamax: 7  // θ, g, m, u → θ, m, u
        case .adadelta: 7  // θ, g, v, u → θ, v, u
        case .rprop: 7  // θ, g, previous g, step size → θ, previous g, step size
        // Until step t0 (10⁶ by default) ASGD's average is a copy of θ,
        // written but not read: θ, g → θ, ax̄.
        case .asgd: 4
        }
    }

    /// Whether the optimizer takes a square root, so that `--square-root`
    /// changes what it computes.
    public var takesSquareRoot: Bool {
        switch self {
        case .adagrad, .rmsprop, .adam, .adamw, .nadam, .radam, .adadelta: true
        case .sgd, .sgdMomentum, .sgdNesterov, .adamax, .rprop, .asgd: false
        }
    }

    /// The library optimizer on `parameters`, running on `threads` threads
    /// and taking `root` as its square root (when it takes one).
    func library<S: OptimizerScalar>(
        _ parameters: [Parameter<S>], threads: Int, root: SquareRoot = .ieee
    ) throws -> any ThreadedOptimizer<S> {
        let lr = 1e-3
        switch self {
        case .sgd: return try SGD(parameters, lr: lr).with(threads: threads)
        case .sgdMomentum: return try SGD(parameters, lr: lr, momentum: 0.9).with(threads: threads)
        case .sgdNesterov: return try SGD(parameters, lr: lr, momentum: 0.9, nesterov: true).with(threads: threads)
        case .adagrad: return try Adagrad(parameters, lr: lr, squareRoot: root).with(threads: threads)
        case .rmsprop: return try RMSprop(parameters, lr: lr, squareRoot: root).with(threads: threads)
        case .adam: return try Adam(parameters, lr: lr, squareRoot: root).with(threads: threads)
        case .adamw: return try AdamW(parameters, lr: lr, squareRoot: root).with(threads: threads)
        case .nadam: return try NAdam(parameters, lr: lr, squareRoot: root).with(threads: threads)
        case .adamax: return try Adamax(parameters, lr: lr).with(threads: threads)
        case .radam: return try RAdam(parameters, lr: lr, squareRoot: root).with(threads: threads)
        case .adadelta: return try Adadelta(parameters, lr: lr, squareRoot: root).with(threads: threads)
        case .rprop: return try Rprop(parameters, lr: lr).with(threads: threads)
        case .asgd: return try ASGD(parameters, lr: lr).with(threads: threads)
        }
    }

    /// The study's manual step function with the same hyper-parameters as
    /// `library`, as a closure that takes one step on θ with the fixed
    /// gradient `g`; `nil` when the study has no manual rule for it. Manual
    /// rules run on `[Double]` only and on one thread.
    func manual(_ theta: [Double], _ g: [Double]) -> (() -> Void)? {
        let lr = 1e-3
        var theta = theta
        let n = theta.count
        switch self {
        case .sgd:
            return { sgdStep(&theta, g, lr: lr) }
        case .sgdMomentum:
            var state = MomentumState(count: n)
            return { momentumStep(&theta, g, state: &state, lr: lr, momentum: 0.9) }
        case .sgdNesterov:
            var state = MomentumState(count: n)
            return { nesterovStep(&theta, g, state: &state, lr: lr, momentum: 0.9) }
        case .adagrad:
            var state = AdagradState(count: n)
            return { adagradStep(&theta, g, state: &state, lr: lr) }
        case .rmsprop:
            var state = RMSpropState(count: n)
            return { rmsPropStep(&theta, g, state: &state, lr: lr) }
        case .adam:
            var state = AdamState(count: n)
            return { adamStep(&theta, g, state: &state, lr: lr) }
        case .adamw:
            var state = AdamState(count: n)
            return { adamwStep(&theta, g, state: &state, lr: lr) }
        case .nadam:
            var state = NAdamState(count: n)
            return { nadamStep(&theta, g, state: &state, lr: lr) }
        case .adamax:
            var state = AdamaxState(count: n)
            return { adamaxStep(&theta, g, state: &state, lr: lr) }
        case .radam:
            var state = RAdamState(count: n)
            return { radamStep(&theta, g, state: &state, lr: lr) }
        case .adadelta:
            var state = AdadeltaState(count: n)
            return { adadeltaStep(&theta, g, state: &state, lr: lr) }
        case .rprop:
            var state = RpropState(count: n, initialStepSize: lr)
            return { rpropStep(&theta, g, state: &state) }
        case .asgd:
            var state = ASGDState(count: n, lr: lr)
            return { asgdStep(&theta, g, state: &state, lr: lr) }
        }
    }
}

extension ThreadedOptimizer {
    /// The optimizer, set to run on `threads` threads.
    func with(threads: Int) -> Self {
        self.threads = threads
        return self
    }
}
