import Foundation
import Optimizers

/// One recorded torch learning-rate schedule, format `optnb-schedule/1` (see
/// the reference README): the rate in force at each of `steps` optimizer
/// steps of an `SGD(lr: baseLR)` driven by the named scheduler.
public struct RecordedSchedule: Sendable {
    /// Where it was read from, for messages.
    public let file: String
    /// The schedule's name, as the file gives it (shown in replay's report).
    public let name: String
    /// Where the numbers came from (e.g. the torch version), if the file says.
    public let source: String?
    /// torch's class name, one of `replayableSchedulers`.
    public let scheduler: String
    /// torch keyword arguments as the file gives them; absent ones take
    /// torch's defaults.
    public let options: [String: TorchArgument]
    /// The SGD's `lr` the scheduler starts from (≥ 0).
    public let baseLR: Double
    /// How many optimizer steps were recorded (≥ 0).
    public let steps: Int
    /// The rate before each step, `steps` of them.
    public let lrs: [Double]
    /// The SGD's `group["momentum"]` before each step, when recorded: what
    /// `CyclicLR` and `OneCycleLR` cycle (0 throughout for other schedulers).
    public let momentum: [Double]?
    /// `ReduceLROnPlateau` only: the metric passed to `step(metric)` after
    /// each step.
    public let metrics: [Double]?
    /// How close each replayed rate (and momentum) must be to the recorded one.
    public let tolerance: Trajectory.Tolerance
}

/// Reads and checks a schedule file strictly: unknown fields, unknown
/// schedulers, option values JSON cannot tell apart from another kind (`1`
/// is a number, never `true`), and counts that disagree with `steps` are
/// errors naming the file and the field (or the line and column of a JSON
/// syntax error). Which options a scheduler takes is checked when it is
/// replayed.
public func loadSchedule(at path: String) throws(TrajectoryError) -> RecordedSchedule {
    try readSchedule(try parseFile(at: path), file: path)
}

func readSchedule(_ json: JSONValue, file: String) throws(TrajectoryError) -> RecordedSchedule {
    let root = Field(value: json, path: "", file: file)
    // The format first, so that another kind of file is named as such
    // rather than refused field by field.
    if case .object(let fields) = root.value, let format = fields["format"] {
        let formatField = root.child("format", format)
        guard try formatField.string() == scheduleFormat else {
            throw formatField.fail("unsupported format \"\(try formatField.string())\" (expected \"\(scheduleFormat)\")")
        }
    }
    let top = try root.object(allowed: [
        "format", "name", "source", "scheduler", "options", "base_lr", "steps", "lrs", "momentum", "metrics",
        "tolerance",
    ])
    _ = try top.required("format")
    let schedulerField = try top.required("scheduler")
    let scheduler = try schedulerField.string()
    guard replayableSchedulers.contains(scheduler) else {
        throw schedulerField.fail(
            "unknown scheduler \"\(scheduler)\" (replayable: \(replayableSchedulers.joined(separator: ", ")))")
    }
    let steps = try top.required("steps").count()
    let metricsField = top.optional("metrics")
    let plateau = scheduler == "ReduceLROnPlateau"
    if plateau && metricsField == nil {
        throw root.child("metrics", .null).fail("missing (ReduceLROnPlateau steps on a metric)")
    }
    if !plateau, let metricsField {
        throw metricsField.fail("only ReduceLROnPlateau files record metrics")
    }
    return RecordedSchedule(
        file: file, name: try top.required("name").string(),
        source: try top.optional("source").map { f throws(TrajectoryError) in try f.string() },
        scheduler: scheduler, options: try readArguments(try top.required("options")),
        baseLR: try top.required("base_lr").finiteNumber(), steps: steps,
        lrs: try top.required("lrs").numbers(count: steps),
        momentum: try top.optional("momentum").map { f throws(TrajectoryError) in try f.numbers(count: steps) },
        metrics: try metricsField.map { f throws(TrajectoryError) in try f.numbers(count: steps) },
        tolerance: try readTolerance(try top.required("tolerance")))
}

/// The file's JSON, or an error naming the file (and the line and column
/// of a syntax error).
func parseFile(at path: String) throws(TrajectoryError) -> JSONValue {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw TrajectoryError(file: path, field: nil, message: "cannot read the file")
    }
    return try parseJSON([UInt8](data), file: path)
}

/// Whether the JSON is an object whose `format` is the schedule format.
/// Anything else is left to the trajectory reader, which reports it.
func declaresScheduleFormat(_ json: JSONValue) -> Bool {
    guard case .object(let fields) = json else { return false }
    return fields["format"] == .string(scheduleFormat)
}

/// Parses JSON, reporting a syntax error's line and column as the field.
func parseJSON(_ bytes: [UInt8], file: String) throws(TrajectoryError) -> JSONValue {
    do {
        return try JSONParser.parse(bytes)
    } catch {
        throw TrajectoryError(
            file: file, field: "line \(error.line), column \(error.column)", message: "malformed JSON: \(error.message)")
    }
}
