import Foundation
import Optimizers

/// Replays a trajectory through optnb's optimizer of the same name and
/// compares every recorded number.
///
/// Open loop: each step sets the recorded gradients (`nil` stays `nil`), sets
/// `lr` from `lr_schedule` when present, steps, and compares the parameters.
/// With a `scheduler`, optnb's scheduler of that name drives the optimizer
/// instead: before each step the rate (and the momentum or β₁, when
/// `momentum_schedule` is recorded) it set is compared with torch's, and it
/// is stepped after each optimizer step.
/// Closed loop (`model`): a `Linear` built from the initial parameters,
/// summing in torch's order (`SummationOrder.torch`), computes loss and
/// gradients on the data, which are compared with torch's,
/// then the optimizer steps on *its own* gradients and the parameters are
/// compared. A file recording a refusal (`error`) passes when optnb refuses
/// the options (or the scheduler) too.
public func replay(_ trajectory: Trajectory) -> ReplayResult {
    switch trajectory.dtype {
    case .float32:
        var replayer = Replayer<Float>(trajectory)
        return replayer.run()
    case .float64:
        var replayer = Replayer<Double>(trajectory)
        return replayer.run()
    }
}

/// Loads and replays a trajectory or schedule file (told apart by its
/// `format`); a file that cannot be read is a failed result whose message is
/// the one-line error.
public func replayFile(at path: String) -> ReplayResult {
    do {
        // Parsed once, then read as what its format says it is.
        let json = try parseFile(at: path)
        if declaresScheduleFormat(json) {
            let schedule = try readSchedule(json, file: path)
            return replay(schedule).from(file: path, recording: schedule.recording)
        }
        let trajectory = try readTrajectory(json, file: path)
        return replay(trajectory).from(file: path, recording: trajectory.recording)
    } catch {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return ReplayResult(name: name, passed: false, worst: nil, message: error.description, file: path)
    }
}

private struct Replayer<S: OptimizerScalar> {
    let t: Trajectory
    var worst: Discrepancy?
    var failures = 0

    init(_ t: Trajectory) { self.t = t }

    /// What replay runs: the optimizer (and scheduler) torch ran, on
    /// parameters of the recorded shapes, or on a `Linear` model's.
    struct Setup {
        let parameters: [Parameter<S>]
        let optimizer: any Optimizer<S>
        let scheduler: (any LRScheduler)?
        /// The optimizer as one whose momentum or β₁ a scheduler cycles.
        let cyclable: (any MomentumCyclable)?
        let model: (linear: Linear<S>, data: Dataset<S>)?
    }

    /// A replay ended before its last step, with its verdict.
    struct Verdict: Error {
        let passed: Bool
        let message: String
    }

    func result(_ passed: Bool, _ message: String?) -> ReplayResult {
        ReplayResult(name: t.name, passed: passed, worst: worst, message: message)
    }

    mutating func run() -> ReplayResult {
        do {
            let setup = try prepare()
            for k in t.steps.indices { try replayStep(k, setup) }
        } catch {
            return result(error.passed, error.message)
        }
        guard failures == 0 else {
            return result(false, "\(failures) number\(failures == 1 ? "" : "s") outside tolerance")
        }
        return result(true, nil)
    }

    /// Builds what the file records torch running. A refusal by optnb ends
    /// the replay: a pass when the file records torch refusing too.
    func prepare() throws(Verdict) -> Setup {
        let model = t.model.map { m in
            (linear: Linear<S>(
                weight: t.parameters[0].initial.map(S.init), bias: t.parameters[1].initial.map(S.init),
                inFeatures: m.inFeatures, outFeatures: m.outFeatures, summation: .torch),
             data: Dataset<S>(
                inputs: m.inputs.map(S.init), targets: m.targets.map(S.init), samples: m.samples,
                inFeatures: m.inFeatures, outFeatures: m.outFeatures))
        }
        let parameters = model?.linear.parameters
            ?? t.parameters.map { Parameter($0.initial.map(S.init), shape: $0.shape, name: $0.name) }
        let optimizer: any Optimizer<S>
        do {
            var arguments = TorchArguments(of: t.optimizer, t.options)
            optimizer = try OptimizerCatalog.makeOptimizer(t.optimizer, &arguments, parameters)
        } catch {
            throw refusal(error, of: "options", given: t.options, field: "options")
        }
        var scheduler: (any LRScheduler)?
        if let recorded = t.scheduler {
            do {
                scheduler = try makeScheduler(recorded.name, options: recorded.options, on: optimizer)
            } catch {
                throw refusal(error, of: "the scheduler", given: recorded.options, field: "scheduler.options")
            }
        }
        if let torchError = t.error {
            throw Verdict(passed: false, message: "torch refused these options (\(torchError)) but optnb accepted them")
        }
        let cyclable = optimizer as? any MomentumCyclable
        if t.momentumSchedule != nil && cyclable == nil {
            throw Verdict(
                passed: false,
                message: "the file records momentum_schedule, but optnb's \(t.optimizer) has no momentum or beta1")
        }
        return Setup(parameters: parameters, optimizer: optimizer, scheduler: scheduler, cyclable: cyclable, model: model)
    }

    /// optnb refused `what` torch was given: a pass when torch refused too,
    /// else a failure naming the file and, when the file gives the option,
    /// its field.
    func refusal(
        _ error: InvalidOption, of what: String, given: [String: TorchArgument], field: String
    ) -> Verdict {
        if let torchError = t.error {
            return Verdict(passed: true, message: "refused as torch did: \(error) (torch: \(torchError))")
        }
        let complaint = TrajectoryError(
            file: t.file, field: given[error.option] == nil ? nil : "\(field).\(error.option)",
            message: "optnb refused \(what) torch accepted: \(error)")
        return Verdict(passed: false, message: complaint.description)
    }

    /// One recorded step: the scheduled rate (and momentum) compared, or the
    /// recorded rate set; the gradients set, or computed by the model and
    /// compared; the optimizer and scheduler stepped; the parameters compared.
    mutating func replayStep(_ k: Int, _ setup: Setup) throws(Verdict) {
        let step = t.steps[k]
        if setup.scheduler != nil {
            // The parser makes sure a scheduled run records its rates.
            compare(setup.optimizer.lr, t.lrSchedule?[k] ?? .nan, step: k, field: "lr_schedule[\(k)]")
            if let momenta = t.momentumSchedule, let cyclable = setup.cyclable {
                compare(cyclable.momentumOrBeta1, momenta[k], step: k, field: "momentum_schedule[\(k)]")
            }
        } else if let schedule = t.lrSchedule {
            setup.optimizer.lr = schedule[k]
        }
        if let model = setup.model {
            let loss = model.linear.lossAndGradients(on: model.data)
            compare([loss], [step.loss ?? .nan], step: k, quantity: "loss")
            for (p, g) in zip(setup.parameters, step.gradients) {
                compare(p.grad ?? [], g ?? [], step: k, quantity: "grad \(p.name)")
            }
        } else {
            for (p, g) in zip(setup.parameters, step.gradients) { p.grad = g?.map(S.init) }
        }
        setup.optimizer.step()
        setup.scheduler?.step()
        if let refusal = setup.scheduler?.refusedStep {
            throw Verdict(passed: false, message: "optnb's scheduler refused step \(k) that torch took: \(refusal)")
        }
        for (p, expected) in zip(setup.parameters, step.parameters) {
            compare(p.value, expected, step: k, quantity: p.name)
        }
    }

    /// Records a scheduled number (a rate or momentum), named by its field.
    mutating func compare(_ actual: Double, _ expected: Double, step: Int, field: String) {
        let d = Discrepancy(
            step: step, quantity: field, index: 0, actual: actual, expected: expected,
            tolerance: t.tolerance ?? .init(rtol: 0, atol: 0), field: field)
        record(d)
    }

    mutating func record(_ d: Discrepancy) {
        if !d.passes { failures += 1 }
        if worst == nil || d.ratio > worst!.ratio { worst = d }
    }

    /// Records every number, keeping the worst by share of the allowed error.
    mutating func compare(_ actual: [S], _ expected: [Double], step: Int, quantity: String) {
        let tolerance = t.tolerance ?? .init(rtol: 0, atol: 0)
        guard actual.count == expected.count else {
            failures += 1
            return
        }
        for (i, e) in expected.enumerated() {
            let d = Discrepancy(
                step: step, quantity: quantity, index: i, actual: Double(actual[i]), expected: e,
                tolerance: tolerance)
            record(d)
        }
    }
}
