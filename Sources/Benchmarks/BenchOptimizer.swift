import Optimizers
import Replay

/// The optimizers `optnb bench` knows, under their command-line names. This
/// enum is the one list: a new optimizer becomes benchmarkable by adding a
/// case named after its torch class, lowercased, and its lines in the
/// switches below (the compiler points at each). The library side is built
/// through Replay's torch catalog from `torch`.
///
/// Hyper-parameters are torch's defaults except where a name asks for a
/// feature (`sgd-momentum`: μ = 0.9) and a small learning rate (1e-3) for
/// all, so repeated steps on a fixed gradient stay finite and normal.
public enum BenchOptimizer: String, CaseIterable, Sendable {
    /// `SGD`, no momentum.
    case sgd
    /// `SGD` with momentum μ = 0.9.
    case sgdMomentum = "sgd-momentum"
    /// `SGD` with Nesterov momentum, μ = 0.9.
    case sgdNesterov = "sgd-nesterov"
    /// `Adagrad`.
    case adagrad
    /// `RMSprop`, neither centered nor with momentum.
    case rmsprop
    /// `Adam`.
    case adam
    /// `AdamW` (torch's weight decay 0.01).
    case adamw
    /// `NAdam`.
    case nadam
    /// `Adamax`.
    case adamax
    /// `RAdam`.
    case radam
    /// `Adadelta`.
    case adadelta
    /// `Rprop`.
    case rprop
    /// `ASGD` (averaging from step t0 = 10⁶, so not within a benchmark).
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

    /// The learning rate every benchmark steps with.
    static let lr = 1e-3

    /// The torch optimizer this is: torch's class and the keyword arguments
    /// that differ from torch's defaults. Each case but the two SGD variants
    /// is named after its torch class, lowercased.
    public var torch: (name: String, options: [String: TorchArgument]) {
        let lr: [String: TorchArgument] = ["lr": .number(Self.lr)]
        switch self {
        case .sgd: return ("SGD", lr)
        case .sgdMomentum: return ("SGD", lr.merging(["momentum": .number(0.9)]) { $1 })
        case .sgdNesterov: return ("SGD", lr.merging(["momentum": .number(0.9), "nesterov": .flag(true)]) { $1 })
        default: return (replayableOptimizers.first { $0.lowercased() == rawValue }!, lr)
        }
    }

    /// The library optimizer on `parameters`, built by Replay's torch
    /// catalog from `torch` (as replay builds a recorded run's), running on
    /// `threads` threads and taking `root` as its square root (when it takes
    /// one).
    func library<S: OptimizerScalar>(
        _ parameters: [Parameter<S>], threads: Int, root: SquareRoot = .ieee
    ) throws -> any ThreadedOptimizer<S> {
        let optimizer = try makeOptimizer(torch.name, options: torch.options, on: parameters, squareRoot: root)
        optimizer.threads = threads
        return optimizer
    }

    /// The study's manual step function with the same hyper-parameters as
    /// `library`, as a closure that takes one step on θ with the fixed
    /// gradient `g`; `nil` when the study has no manual rule for it. Manual
    /// rules run on `[Double]` only and on one thread.
    func manual(_ theta: [Double], _ g: [Double]) -> (() -> Void)? {
        let lr = Self.lr, n = theta.count
        /// A step on a copy of θ with `state`, which it carries from step to step.
        func stepping<State>(_ state: State, _ step: @escaping (inout [Double], inout State) -> Void) -> () -> Void {
            var theta = theta, state = state
            return { step(&theta, &state) }
        }
        switch self {
        case .sgd: return stepping(()) { θ, _ in sgdStep(&θ, g, lr: lr) }
        case .sgdMomentum: return stepping(MomentumState(count: n)) { momentumStep(&$0, g, state: &$1, lr: lr, momentum: 0.9) }
        case .sgdNesterov: return stepping(MomentumState(count: n)) { nesterovStep(&$0, g, state: &$1, lr: lr, momentum: 0.9) }
        case .adagrad: return stepping(AdagradState(count: n)) { adagradStep(&$0, g, state: &$1, lr: lr) }
        case .rmsprop: return stepping(RMSpropState(count: n)) { rmsPropStep(&$0, g, state: &$1, lr: lr) }
        case .adam: return stepping(AdamState(count: n)) { adamStep(&$0, g, state: &$1, lr: lr) }
        case .adamw: return stepping(AdamState(count: n)) { adamwStep(&$0, g, state: &$1, lr: lr) }
        case .nadam: return stepping(NAdamState(count: n)) { nadamStep(&$0, g, state: &$1, lr: lr) }
        case .adamax: return stepping(AdamaxState(count: n)) { adamaxStep(&$0, g, state: &$1, lr: lr) }
        case .radam: return stepping(RAdamState(count: n)) { radamStep(&$0, g, state: &$1, lr: lr) }
        case .adadelta: return stepping(AdadeltaState(count: n)) { adadeltaStep(&$0, g, state: &$1, lr: lr) }
        case .rprop: return stepping(RpropState(count: n, initialStepSize: lr)) { rpropStep(&$0, g, state: &$1) }
        case .asgd: return stepping(ASGDState(count: n, lr: lr)) { asgdStep(&$0, g, state: &$1, lr: lr) }
        }
    }
}
