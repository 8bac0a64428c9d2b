import Foundation
import Testing

/// A recorded torch trajectory (`Tests/Fixtures/torch/*.json`, format
/// `optnb-trajectory/1`), with every step's tensors flattened into one
/// vector in parameter order (p0 then p1, or weight then bias), which is
/// what the manual step functions operate on.
struct TorchFixture {
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

    struct Failure: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "\(file): \(reason)" }
    }

    var name: String
    var optimizer: String
    var options: [String: OptionValue]
    var initial: [Double]
    var steps: [Step]
    var model: LinearModel?

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/torch")

    /// Loads `Tests/Fixtures/torch/<name>.json`.
    init(_ name: String) throws {
        let file = "\(name).json"
        let data: Data
        do {
            data = try Data(contentsOf: Self.directory.appendingPathComponent(file))
        } catch {
            throw Failure(file: file, reason: "cannot be read (\(error.localizedDescription))")
        }
        try self.init(json: data, file: file)
        guard self.name == name else { throw Failure(file: file, reason: "records \"\(self.name)\", not \"\(name)\"") }
    }

    /// Reads a float64 trajectory strictly: another format or dtype, a
    /// recorded refusal, a learning-rate schedule, a missing gradient or a
    /// count that disagrees with a shape is a `Failure` naming `file`.
    /// JSONDecoder reads every number to the nearest double, which
    /// JSONSerialization on Linux does not (an ulp or two off for a third
    /// to a half of 17-digit numbers), and the tests bound gaps of a few ulps.
    init(json data: Data, file: String) throws {
        func fail(_ reason: String) -> Failure { Failure(file: file, reason: reason) }
        let decoder = JSONDecoder()
        let header: Header, recorded: File
        do {
            header = try decoder.decode(Header.self, from: data)
            guard header.format == "optnb-trajectory/1" else {
                throw fail("format is \(header.format.map { "\"\($0)\"" } ?? "missing"), not \"optnb-trajectory/1\"")
            }
            guard header.dtype == "float64" else {
                throw fail("dtype is \(header.dtype.map { "\"\($0)\"" } ?? "missing"), not \"float64\"")
            }
            if let error = header.error { throw fail("records torch's refusal (\(error)), not a trajectory") }
            recorded = try decoder.decode(File.self, from: data)
        } catch let error as DecodingError {
            throw fail(syntaxErrorPlace(in: data) ?? error.fixtureReason)
        }
        guard recorded.lrSchedule == nil else { throw fail("has an lr_schedule; the manual replays hold lr fixed") }

        let counts = recorded.parameters.map(\.initial.count)
        for (i, p) in recorded.parameters.enumerated() where p.shape.reduce(1, *) != p.initial.count {
            throw fail("parameters[\(i)] (\(p.name)) has shape \(p.shape) but \(p.initial.count) initial values")
        }
        var steps: [Step] = []
        for (k, step) in recorded.steps.enumerated() {
            guard step.gradients.count == counts.count, step.parameters.count == counts.count else {
                throw fail("steps[\(k)] does not hold one gradient and one value list per parameter (\(counts.count))")
            }
            var gradient: [Double] = []
            for (i, g) in step.gradients.enumerated() {
                guard let g else { throw fail("steps[\(k)].gradients[\(i)] is null; the manual rules need every gradient") }
                guard g.count == counts[i] else { throw fail("steps[\(k)].gradients[\(i)] holds \(g.count) values, not \(counts[i])") }
                gradient += g
            }
            for (i, p) in step.parameters.enumerated() where p.count != counts[i] {
                throw fail("steps[\(k)].parameters[\(i)] holds \(p.count) values, not \(counts[i])")
            }
            steps.append(Step(gradient: gradient, parameters: step.parameters.flatMap { $0 }, loss: step.loss))
        }

        self.name = recorded.name
        optimizer = recorded.optimizer
        options = recorded.options
        initial = recorded.parameters.flatMap(\.initial)
        self.steps = steps
        if let m = recorded.model {
            guard m.kind == "linear", counts == [m.outFeatures * m.inFeatures, m.outFeatures],
                  m.inputs.count == m.samples * m.inFeatures, m.targets.count == m.samples * m.outFeatures
            else { throw fail("model is not a \(m.samples)-sample linear model with weight and bias of its sizes") }
            guard steps.allSatisfy({ $0.loss != nil }) else { throw fail("a closed-loop step has no loss") }
            model = LinearModel(
                inFeatures: m.inFeatures, outFeatures: m.outFeatures, samples: m.samples, inputs: m.inputs,
                targets: m.targets, weight: recorded.parameters[0].initial, bias: recorded.parameters[1].initial)
        }
    }

    /// A numeric option, or `fallback` (torch's default) when absent. An
    /// option recorded as something else is a broken fixture: it fails the
    /// calling test and gives NaN, which fails any comparison downstream.
    func option(_ key: String, default fallback: Double) -> Double {
        switch options[key] {
        case nil: return fallback
        case .number(let x): return x
        case let other?:
            Issue.record("\(name).json: option \(key) is \(other), not a number")
            return .nan
        }
    }

    /// A pair option (`betas`, `etas`, `step_sizes`), or torch's default;
    /// anything but two numbers fails the calling test, as in `option`.
    func pair(_ key: String, default fallback: (Double, Double)) -> (Double, Double) {
        switch options[key] {
        case nil: return fallback
        case .numbers(let xs) where xs.count == 2: return (xs[0], xs[1])
        case let other?:
            Issue.record("\(name).json: option \(key) is \(other), not a pair of numbers")
            return (.nan, .nan)
        }
    }

    /// `betas`, or torch's default (0.9, 0.999).
    var betas: (Double, Double) { pair("betas", default: (0.9, 0.999)) }
}

/// How far computed values `a` stray from recorded ones `e`.
///
/// `scaled` is the largest |a − e| / max(|e|, 1): relative error for values
/// of magnitude 1 and above, absolute error below. The parameters in the
/// fixtures are of order 1 and pass through zero, where a plain relative
/// error only measures cancellation, so the tests bound `scaled`. `relative`,
/// the largest |a − e| / |e| over |e| ≥ 1e-6, is reported alongside.
/// Equal values (including equal infinities) and NaN against NaN agree;
/// any other NaN difference makes both infinite.
///
/// Each suite bounds `scaled` by the larger of 4× the largest gap measured
/// on x86_64 Linux and 2× the largest gap measured with every `pow` result
/// moved one ulp up or down, rounded up to one significant digit. torch's
/// recording used glibc's `pow`, as we do on Linux; the shifted results
/// stand in for another C library's. Rules without `pow` use only
/// IEEE-rounded arithmetic and `sqrt`, so their gaps are the same on every
/// platform.
struct Gap: CustomStringConvertible {
    var scaled = 0.0
    var relative = 0.0

    mutating func include(computed: [Double], expected: [Double]) {
        for (a, e) in zip(computed, expected) {
            if a == e || (a.isNaN && e.isNaN) { continue }
            let difference = abs(a - e)
            guard !difference.isNaN else {
                scaled = .infinity
                relative = .infinity
                continue
            }
            scaled = max(scaled, difference / max(abs(e), 1))
            if abs(e) >= 1e-6 { relative = max(relative, difference / abs(e)) }
        }
    }

    var description: String { "scaled \(scaled), relative \(relative)" }
}

extension TorchFixture {
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
