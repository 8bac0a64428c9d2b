/// The format tag of trajectory files this version reads.
public let trajectoryFormat = "optnb-trajectory/1"
/// The format tag of learning-rate schedule files (see `RecordedSchedule`).
public let scheduleFormat = "optnb-schedule/1"

/// Reads and checks a trajectory file strictly: unknown fields, unknown
/// optimizers, wrong types and counts that disagree with shapes are errors
/// naming the file and the field (or the line and column of a JSON syntax
/// error). Which options the optimizer takes is checked when it is built.
public func loadTrajectory(at path: String) throws(TrajectoryError) -> Trajectory {
    try readTrajectory(try parseFile(at: path), file: path)
}

func readTrajectory(_ json: JSONValue, file: String) throws(TrajectoryError) -> Trajectory {
    let root = Field(value: json, path: "", file: file)
    // Schedule files share the folder layout; say plainly what they are.
    if case .object(let fields) = json, fields["format"] == .string(scheduleFormat) {
        throw root.child("format", .string(scheduleFormat)).fail(
            "a learning-rate schedule, not a trajectory (read it with loadSchedule(at:))")
    }
    let top = try root.object(allowed: [
        "format", "name", "source", "optimizer", "options", "dtype", "parameters", "steps",
        "lr_schedule", "scheduler", "momentum_schedule", "tolerance", "model", "error",
    ])
    let formatField = try top.required("format")
    guard try formatField.string() == trajectoryFormat else {
        throw formatField.fail("unsupported format \"\(try formatField.string())\" (expected \"\(trajectoryFormat)\")")
    }
    let optimizerField = try top.required("optimizer")
    let optimizer = try optimizerField.string()
    guard OptimizerCatalog.names.contains(optimizer) else {
        throw optimizerField.fail(
            "unknown optimizer \"\(optimizer)\" (known: \(OptimizerCatalog.names.sorted().joined(separator: ", ")))")
    }
    // Which options the optimizer takes, and their types, is checked when
    // it is built (`OptimizerCatalog`), as torch checks its keyword arguments.
    let options = try readArguments(try top.required("options"))
    let dtypeField = try top.required("dtype")
    guard let dtype = Trajectory.DType(rawValue: try dtypeField.string()) else {
        throw dtypeField.fail("unknown dtype \"\(try dtypeField.string())\" (expected float32 or float64)")
    }
    let parameters = try readParameters(try top.required("parameters"))
    let model = try top.optional("model").map { f throws(TrajectoryError) in try readModel(f, parameters) }
    let counts = parameters.map(\.initial.count)
    var steps: [Trajectory.Step] = []
    for f in try top.required("steps").array() {
        steps.append(try readStep(f, counts: counts, closedLoop: model != nil))
    }
    let lrSchedule = try top.optional("lr_schedule").map { f throws(TrajectoryError) in
        try f.numbers(count: steps.count)
    }
    let error = try top.optional("error").map { f throws(TrajectoryError) in try f.string() }
    let scheduled = try readScheduled(top, root: root, steps: steps.count, lrSchedule: lrSchedule, refused: error != nil)
    let tolerance = try top.optional("tolerance").map(readTolerance)
    if tolerance == nil && error == nil {
        throw root.child("tolerance", .null).fail("missing (required unless the file records an error)")
    }
    return Trajectory(
        file: file, name: try top.required("name").string(),
        source: try top.optional("source").map { f throws(TrajectoryError) in try f.string() },
        optimizer: optimizer, options: options, dtype: dtype, parameters: parameters, steps: steps,
        lrSchedule: lrSchedule, scheduler: scheduled.scheduler, momentumSchedule: scheduled.momentum,
        tolerance: tolerance, model: model, error: error)
}

private func readParameters(_ field: Field) throws(TrajectoryError) -> [Trajectory.ParameterRecord] {
    var records: [Trajectory.ParameterRecord] = []
    for f in try field.array() {
        let o = try f.object(allowed: ["name", "shape", "initial"])
        let shapeField = try o.required("shape")
        var shape: [Int] = []
        for d in try shapeField.array() { shape.append(try d.count()) }
        let count = shape.reduce(1, *)
        let initial = try o.required("initial")
        guard case .array(let items) = initial.value, items.count == count else {
            if case .array(let items) = initial.value {
                throw initial.fail("shape \(shape) holds \(count) values, found \(items.count)")
            }
            throw initial.fail("expected an array of numbers, found \(initial.value.kind)")
        }
        records.append(.init(name: try o.required("name").string(), shape: shape, initial: try initial.numbers()))
    }
    return records
}

private func readStep(
    _ field: Field, counts: [Int], closedLoop: Bool
) throws(TrajectoryError) -> Trajectory.Step {
    let o = try field.object(allowed: closedLoop ? ["gradients", "parameters", "loss"] : ["gradients", "parameters"])
    let gradientsField = try o.required("gradients")
    let gradientItems = try gradientsField.array()
    guard gradientItems.count == counts.count else {
        throw gradientsField.fail("expected \(counts.count) gradients (one per parameter), found \(gradientItems.count)")
    }
    var gradients: [[Double]?] = []
    for (g, count) in zip(gradientItems, counts) {
        if g.value == .null {
            if closedLoop { throw g.fail("a closed-loop step must record every gradient") }
            gradients.append(nil)
        } else {
            gradients.append(try g.numbers(count: count))
        }
    }
    let parametersField = try o.required("parameters")
    let parameterItems = try parametersField.array()
    guard parameterItems.count == counts.count else {
        throw parametersField.fail("expected \(counts.count) parameters, found \(parameterItems.count)")
    }
    var parameters: [[Double]] = []
    for (p, count) in zip(parameterItems, counts) { parameters.append(try p.numbers(count: count)) }
    let loss = closedLoop ? try o.required("loss").number() : nil
    return .init(gradients: gradients, parameters: parameters, loss: loss)
}

private func readModel(
    _ field: Field, _ parameters: [Trajectory.ParameterRecord]
) throws(TrajectoryError) -> Trajectory.LinearModel {
    let o = try field.object(allowed: ["kind", "in_features", "out_features", "loss", "inputs", "targets", "samples"])
    let kind = try o.required("kind")
    guard try kind.string() == "linear" else { throw kind.fail("unknown model kind \"\(try kind.string())\" (expected \"linear\")") }
    if let loss = o.optional("loss"), try loss.string() != "mse" {
        throw loss.fail("unknown loss \"\(try loss.string())\" (expected \"mse\")")
    }
    let inFeatures = try o.required("in_features").count()
    let outFeatures = try o.required("out_features").count()
    let samples = try o.required("samples").count()
    let inputs = try o.required("inputs").numbers(count: samples * inFeatures)
    let targets = try o.required("targets").numbers(count: samples * outFeatures)
    let expected: [(String, [Int])] = [("weight", [outFeatures, inFeatures]), ("bias", [outFeatures])]
    guard parameters.map(\.name) == expected.map(\.0), parameters.map(\.shape) == expected.map(\.1) else {
        throw field.fail(
            "a linear model needs parameters weight \(expected[0].1) and bias \(expected[1].1), found "
                + parameters.map { "\($0.name) \($0.shape)" }.joined(separator: ", "))
    }
    return .init(inFeatures: inFeatures, outFeatures: outFeatures, samples: samples, inputs: inputs, targets: targets)
}

func readTolerance(_ field: Field) throws(TrajectoryError) -> Trajectory.Tolerance {
    let o = try field.object(allowed: ["rtol", "atol"])
    let rtol = try o.required("rtol"), atol = try o.required("atol")
    let r = try rtol.finiteNumber(), a = try atol.finiteNumber()
    guard r >= 0 else { throw rtol.fail("must be >= 0, found \(r)") }
    guard a >= 0 else { throw atol.fail("must be >= 0, found \(a)") }
    return .init(rtol: r, atol: a)
}
