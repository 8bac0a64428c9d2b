import Optimizers

/// One recorded torch.optim run, format `optnb-trajectory/1` (see the
/// reference README): initial parameters, per-step gradients and the
/// parameters torch produced after each step.
///
/// Numbers are kept as read (`Double`); a `float32` trajectory's numbers are
/// float32 values, so converting them to `Float` is exact.
public struct Trajectory: Sendable {
    /// A torch learning-rate scheduler stepped after every optimizer step
    /// (`optimizer.step(); scheduler.step()`), built on the optimizer before
    /// the first step.
    public struct Scheduler: Sendable {
        /// torch's class name, one of `replayableSchedulers` but `ReduceLROnPlateau`.
        public let name: String
        /// torch keyword arguments; absent ones take torch's defaults.
        public let options: [String: TorchArgument]
    }

    /// The tensors' dtype in torch, and so the `Scalar` replay uses.
    public enum DType: String, Sendable {
        case float32, float64
    }

    public struct ParameterRecord: Sendable {
        public let name: String
        public let shape: [Int]
        /// Row-major, `shape` product values.
        public let initial: [Double]
    }

    public struct Step: Sendable {
        /// `p.grad` before the step, one per parameter; `nil` is `None`.
        public let gradients: [[Double]?]
        /// Every parameter after the step.
        public let parameters: [[Double]]
        /// The loss before the step (closed loop only).
        public let loss: Double?
    }

    /// The closed-loop model: `nn.Linear(inFeatures, outFeatures)` with
    /// `nn.MSELoss()` on a full batch.
    public struct LinearModel: Sendable {
        public let inFeatures: Int
        public let outFeatures: Int
        public let samples: Int
        /// `samples × inFeatures`, row-major.
        public let inputs: [Double]
        /// `samples × outFeatures`, row-major.
        public let targets: [Double]
    }

    /// Pass when `|a − e| <= atol + rtol·|e|` for every number.
    public struct Tolerance: Sendable {
        public let rtol: Double
        public let atol: Double
    }

    /// Where it was read from, for messages.
    public let file: String
    public let name: String
    public let source: String?
    /// torch's class name (`"Adam"`, …).
    public let optimizer: String
    /// torch keyword arguments as the file gives them; absent ones take
    /// torch's defaults (`optimizerArguments()` fills them in).
    public let options: [String: TorchArgument]
    public let dtype: DType
    public let parameters: [ParameterRecord]
    public let steps: [Step]
    /// Without a `scheduler`: the lr set on the param group before each
    /// step, if it changed. With one: the lr the scheduler had set before
    /// each step, which replay compares with optnb's scheduler.
    public let lrSchedule: [Double]?
    /// The scheduler torch stepped after each step, if any.
    public let scheduler: Scheduler?
    /// With a `scheduler`: the group's momentum, or β₁ for optimizers with
    /// `betas`, before each step (what `CyclicLR` and `OneCycleLR` cycle).
    public let momentumSchedule: [Double]?
    /// Absent only in files that record a refused construction (`error`).
    public let tolerance: Tolerance?
    public let model: LinearModel?
    /// torch's message when it refused the options.
    public let error: String?
}

/// Why a trajectory or schedule file could not be read: one line naming the
/// file and the field (or line and column for JSON syntax).
public struct TrajectoryError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    /// A JSON path such as `steps[3].gradients[1]`, or a `line:column`.
    public let field: String?
    public let message: String

    public init(file: String, field: String?, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(file): \(field): \(message)" }
        return "\(file): \(message)"
    }
}
