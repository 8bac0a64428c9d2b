import Foundation
import Optimizers
import Replay
import Testing

/// A recorded torch trajectory (`Tests/Fixtures/torch/<name>.json`), read
/// through `Replay` and laid out for the manual step functions: every step's
/// tensors flattened into one vector in parameter order (p0 then p1, or
/// weight then bias), and the optimizer's options with torch's defaults
/// filled in by Replay's catalog, so no test repeats a default.
struct RecordedRun {
    struct Step {
        /// The gradient torch saw at this step, flattened.
        var gradient: [Double]
        /// Every parameter after the step, flattened.
        var parameters: [Double]
        /// The loss before the step (closed-loop files only).
        var loss: Double?
    }

    /// The synthetic regression problem of a closed-loop (`linear`) file.
    struct LinearModel {
        var inFeatures: Int
        var outFeatures: Int
        var samples: Int
        var inputs: [Double]
        var targets: [Double]
        /// The weight's initial values (`outFeatures x inFeatures`).
        var weight: [Double]
        /// The bias's initial values.
        var bias: [Double]
    }

    /// A recording the manual rules cannot replay as it stands.
    struct Unsuitable: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "\(file): \(reason)" }
    }

    var name: String
    var optimizer: String
    /// Every option of torch's constructor: the file's value or torch's default.
    var options: [String: TorchArgument]
    var initial: [Double]
    var steps: [Step]
    var model: LinearModel?

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/torch")

    /// Loads `Tests/Fixtures/torch/<name>.json` with `loadTrajectory`, which
    /// checks the format, types and shapes. A float32 file, a recorded
    /// refusal, a learning-rate schedule or scheduler, or a missing gradient
    /// is `Unsuitable`: the manual replays run float64 at a fixed rate.
    init(_ name: String) throws {
        let file = Self.directory.appendingPathComponent("\(name).json").path
        let t = try loadTrajectory(at: file)
        func unsuitable(_ reason: String) -> Unsuitable { Unsuitable(file: file, reason: reason) }
        guard t.name == name else { throw unsuitable("records \"\(t.name)\", not \"\(name)\"") }
        guard t.dtype == .float64 else { throw unsuitable("dtype is \(t.dtype), not float64") }
        if let error = t.error { throw unsuitable("records torch's refusal (\(error)), not a trajectory") }
        guard t.lrSchedule == nil, t.scheduler == nil else {
            throw unsuitable("has a learning-rate schedule; the manual replays hold lr fixed")
        }
        var steps: [Step] = []
        for (k, step) in t.steps.enumerated() {
            var gradient: [Double] = []
            for (i, g) in step.gradients.enumerated() {
                guard let g else { throw unsuitable("steps[\(k)].gradients[\(i)] is null; the manual rules need every gradient") }
                gradient += g
            }
            steps.append(Step(gradient: gradient, parameters: step.parameters.flatMap { $0 }, loss: step.loss))
        }
        self.name = name
        optimizer = t.optimizer
        options = try t.optimizerArguments()
        initial = t.parameters.flatMap(\.initial)
        self.steps = steps
        model = t.model.map { m in
            LinearModel(
                inFeatures: m.inFeatures, outFeatures: m.outFeatures, samples: m.samples, inputs: m.inputs,
                targets: m.targets, weight: t.parameters[0].initial, bias: t.parameters[1].initial)
        }
    }

    /// A numeric option. The catalog has checked its type, so anything else
    /// is a broken test: it fails the calling test and gives NaN, which
    /// fails any comparison downstream.
    func option(_ key: String) -> Double {
        guard case .number(let x)? = options[key] else {
            Issue.record("\(name).json: \(optimizer) has no numeric option \(key) (\(options[key].map { "\($0)" } ?? "absent"))")
            return .nan
        }
        return x
    }

    /// A pair option (`betas`, `etas`, `step_sizes`), failing as `option` does.
    func pair(_ key: String) -> (Double, Double) {
        guard case .numbers(let xs)? = options[key], xs.count == 2 else {
            Issue.record("\(name).json: \(optimizer) has no pair option \(key)")
            return (.nan, .nan)
        }
        return (xs[0], xs[1])
    }

    var betas: (Double, Double) { pair("betas") }

    /// Replays the recorded gradients through `update` from the recorded
    /// initial values and measures the gap to torch after every step.
    func replay(_ update: (inout [Double], [Double]) -> Void) -> Gap {
        var θ = initial
        var gap = Gap()
        for step in steps {
            update(&θ, step.gradient)
            gap.include(computed: θ, expected: step.parameters)
        }
        return gap
    }
}

/// A schedule recorded from torch, `Tests/Fixtures/torch-schedules/<file>`,
/// read through `Replay`.
enum RecordedSchedules {
    static let folder = RecordedRun.directory.deletingLastPathComponent().appendingPathComponent("torch-schedules")

    static func load(_ fileName: String) throws -> RecordedSchedule {
        try loadSchedule(at: folder.appendingPathComponent(fileName).path)
    }
}
