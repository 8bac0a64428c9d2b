import Foundation

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
    var options: [String: Any]
    var initial: [Double]
    var steps: [Step]
    var model: LinearModel?

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/torch")

    /// Loads `Tests/Fixtures/torch/<name>.json`.
    init(_ name: String) throws {
        let file = "\(name).json"
        func fail(_ reason: String) -> Failure { Failure(file: file, reason: reason) }
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(file))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("top level is not an object")
        }
        guard root["format"] as? String == "optnb-trajectory/1" else { throw fail("format is not optnb-trajectory/1") }
        guard root["dtype"] as? String == "float64" else { throw fail("dtype is not float64") }
        guard let parameters = root["parameters"] as? [[String: Any]],
              let steps = root["steps"] as? [[String: Any]]
        else { throw fail("missing parameters or steps") }

        func numbers(_ value: Any?, _ what: String) throws -> [Double] {
            guard let list = value as? [NSNumber] else { throw fail("\(what) is not a list of numbers") }
            return list.map(\.doubleValue)
        }
        func flat(_ value: Any?, _ what: String) throws -> [Double] {
            guard let tensors = value as? [Any] else { throw fail("\(what) is not a list") }
            return try tensors.enumerated().flatMap { try numbers($1, "\(what)[\($0)]") }
        }

        self.name = name
        optimizer = root["optimizer"] as? String ?? ""
        options = root["options"] as? [String: Any] ?? [:]
        let initials = try parameters.enumerated().map { try numbers($1["initial"], "parameters[\($0)].initial") }
        initial = initials.flatMap { $0 }
        self.steps = try steps.enumerated().map { k, step in
            Step(
                gradient: try flat(step["gradients"], "steps[\(k)].gradients"),
                parameters: try flat(step["parameters"], "steps[\(k)].parameters"),
                loss: (step["loss"] as? NSNumber)?.doubleValue)
        }
        for (k, step) in self.steps.enumerated()
        where step.gradient.count != initial.count || step.parameters.count != initial.count {
            throw fail("steps[\(k)] does not hold \(initial.count) values per vector")
        }

        if let model = root["model"] as? [String: Any] {
            guard model["kind"] as? String == "linear", initials.count == 2,
                  let inFeatures = (model["in_features"] as? NSNumber)?.intValue,
                  let outFeatures = (model["out_features"] as? NSNumber)?.intValue,
                  let samples = (model["samples"] as? NSNumber)?.intValue
            else { throw fail("model is not a linear model with weight and bias") }
            self.model = LinearModel(
                inFeatures: inFeatures, outFeatures: outFeatures, samples: samples,
                inputs: try numbers(model["inputs"], "model.inputs"),
                targets: try numbers(model["targets"], "model.targets"),
                weight: initials[0], bias: initials[1])
        }
    }

    /// A numeric option, or `fallback` (torch's default) when absent.
    func option(_ key: String, default fallback: Double) -> Double {
        (options[key] as? NSNumber)?.doubleValue ?? fallback
    }

    /// `betas`, or torch's default (0.9, 0.999).
    var betas: (Double, Double) {
        let pair = (options["betas"] as? [NSNumber])?.map(\.doubleValue) ?? [0.9, 0.999]
        return (pair[0], pair[1])
    }
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
