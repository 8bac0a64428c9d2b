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
/// Closed loop (`model`): a `Linear` built from the initial parameters
/// computes loss and gradients on the data, which are compared with torch's,
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
        let bytes = try readFile(at: path)
        if declaresScheduleFormat(bytes) {
            let schedule = try parseSchedule(bytes, file: path)
            return replay(schedule).from(file: path, recording: schedule.recording)
        }
        let trajectory = try parseTrajectory(bytes, file: path)
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

    func result(_ passed: Bool, _ message: String?) -> ReplayResult {
        ReplayResult(name: t.name, passed: passed, worst: worst, message: message)
    }

    mutating func run() -> ReplayResult {
        let linear = t.model.map { m in
            Linear<S>(
                weight: t.parameters[0].initial.map(S.init), bias: t.parameters[1].initial.map(S.init),
                inFeatures: m.inFeatures, outFeatures: m.outFeatures)
        }
        let parameters = linear?.parameters
            ?? t.parameters.map { Parameter($0.initial.map(S.init), shape: $0.shape, name: $0.name) }
        let optimizer: any Optimizer<S>
        do {
            guard let built = try Catalog.makeOptimizer(t.optimizer, t.options, parameters) else {
                return result(false, "not implemented: \(t.optimizer)")
            }
            optimizer = built
        } catch {
            if let torchError = t.error {
                return result(true, "refused as torch did: \(error) (torch: \(torchError))")
            }
            return result(false, "optnb refused options torch accepted: \(error)")
        }
        var scheduler: (any LRScheduler)?
        if let recorded = t.scheduler {
            do {
                scheduler = try makeScheduler(recorded.name, options: recorded.options, on: optimizer)
            } catch {
                if let torchError = t.error {
                    return result(true, "refused as torch did: \(error) (torch: \(torchError))")
                }
                return result(false, "optnb refused the scheduler torch accepted: \(error)")
            }
        }
        if let torchError = t.error {
            return result(false, "torch refused these options (\(torchError)) but optnb accepted them")
        }
        let cyclable = optimizer as? any MomentumCyclable
        if t.momentumSchedule != nil && cyclable == nil {
            return result(
                false, "the file records momentum_schedule, but optnb's \(t.optimizer) has no momentum or beta1")
        }
        let data = t.model.map { m in
            Dataset<S>(
                inputs: m.inputs.map(S.init), targets: m.targets.map(S.init), samples: m.samples,
                inFeatures: m.inFeatures, outFeatures: m.outFeatures)
        }
        for (k, step) in t.steps.enumerated() {
            if scheduler != nil {
                // The parser makes sure a scheduled run records its rates.
                compare(optimizer.lr, t.lrSchedule?[k] ?? .nan, step: k, field: "lr_schedule[\(k)]")
                if let momenta = t.momentumSchedule, let cyclable {
                    compare(cyclable.momentumOrBeta1, momenta[k], step: k, field: "momentum_schedule[\(k)]")
                }
            } else if let schedule = t.lrSchedule {
                optimizer.lr = schedule[k]
            }
            if let linear, let data {
                let loss = linear.lossAndGradients(on: data)
                compare([loss], [step.loss ?? .nan], step: k, quantity: "loss")
                for (p, g) in zip(parameters, step.gradients) {
                    compare(p.grad ?? [], g ?? [], step: k, quantity: "grad \(p.name)")
                }
            } else {
                for (p, g) in zip(parameters, step.gradients) { p.grad = g?.map(S.init) }
            }
            optimizer.step()
            scheduler?.step()
            if let refusal = scheduler?.refusedStep {
                return result(false, "optnb's scheduler refused step \(k) that torch took: \(refusal)")
            }
            for (p, expected) in zip(parameters, step.parameters) {
                compare(p.value, expected, step: k, quantity: p.name)
            }
        }
        guard failures == 0 else {
            return result(false, "\(failures) number\(failures == 1 ? "" : "s") outside tolerance")
        }
        return result(true, nil)
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
