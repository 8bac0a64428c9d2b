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
        /// `torch.float32`: replayed on `Float`.
        case float32
        /// `torch.float64`: replayed on `Double`.
        case float64
    }

    /// One parameter tensor as recorded, before the first step.
    public struct ParameterRecord: Sendable {
        /// The parameter's name in the file (`"weight"`, `"p0"`), for messages.
        public let name: String
        /// The tensor's shape; its product is the number of values.
        public let shape: [Int]
        /// Row-major, `shape` product values.
        public let initial: [Double]
    }

    /// One optimizer step as torch took it: what it was given and what it produced.
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
        /// Columns of `inputs` (the layer's input size, > 0).
        public let inFeatures: Int
        /// Columns of `targets` (the layer's output size, > 0).
        public let outFeatures: Int
        /// Rows of `inputs` and `targets` (the full batch, > 0).
        public let samples: Int
        /// `samples × inFeatures`, row-major.
        public let inputs: [Double]
        /// `samples × outFeatures`, row-major.
        public let targets: [Double]
    }

    /// Pass when `|a − e| <= atol + rtol·|e|` for every number.
    public struct Tolerance: Sendable {
        /// The relative tolerance (≥ 0).
        public let rtol: Double
        /// The absolute tolerance (≥ 0).
        public let atol: Double
    }

    /// Where it was read from, for messages.
    public let file: String
    /// The run's name, as the file gives it (shown in replay's report).
    public let name: String
    /// Where the numbers came from (e.g. the torch version and host), if the file says.
    public let source: String?
    /// torch's class name (`"Adam"`, …).
    public let optimizer: String
    /// torch keyword arguments as the file gives them; absent ones take
    /// torch's defaults (`optimizerArguments()` fills them in).
    public let options: [String: TorchArgument]
    /// The tensors' dtype, and so the scalar type replay runs on.
    public let dtype: DType
    /// The parameters in torch's order, as the optimizer was given them.
    public let parameters: [ParameterRecord]
    /// Every step in order; empty only in files that record a refused construction.
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
    /// The closed-loop model whose gradients replay computes itself; `nil`
    /// when the file gives every step's gradients.
    public let model: LinearModel?
    /// torch's message when it refused the options.
    public let error: String?
}

/// Why a trajectory or schedule file could not be read: one line naming the
/// file and the field (or line and column for JSON syntax).
public struct TrajectoryError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file's path as given.
    public let file: String
    /// A JSON path such as `steps[3].gradients[1]`, or a `line:column`.
    public let field: String?
    /// What is wrong, without the file or field.
    public let message: String

    /// An error about `field` (a JSON path or `line:column`; `nil` for the whole file) of `file`.
    public init(file: String, field: String?, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    /// `file: field: message`, or `file: message` without a field.
    public var description: String {
        if let field { return "\(file): \(field): \(message)" }
        return "\(file): \(message)"
    }
}
