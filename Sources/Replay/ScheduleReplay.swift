import Optimizers

/// Replays a schedule through optnb's scheduler of the same name and
/// compares the rate in force at every step with torch's. Options the
/// scheduler does not take, of the wrong kind, or that torch would refuse
/// fail with a message naming the file and the field.
public func replay(_ schedule: RecordedSchedule) -> ReplayResult {
    let rates: [Double]
    do {
        rates = try replaySchedule(
            scheduler: schedule.scheduler, options: schedule.options, baseLR: schedule.baseLR,
            steps: schedule.steps, metrics: schedule.metrics)
    } catch {
        // The refusal names torch's keyword; top-level fields keep their name.
        let topLevel = ["scheduler", "base_lr", "steps", "metrics"].contains(error.option)
        let refusal = TrajectoryError(
            file: schedule.file, field: topLevel ? error.option : "options.\(error.option)",
            message: "optnb refused the schedule: \(error)")
        return ReplayResult(name: schedule.name, passed: false, worst: nil, message: refusal.description)
    }
    var worst: Discrepancy?
    var failures = 0
    for (k, (actual, expected)) in zip(rates, schedule.lrs).enumerated() {
        let d = Discrepancy(
            step: k, quantity: "lr", index: 0, actual: actual, expected: expected, tolerance: schedule.tolerance,
            field: "lrs[\(k)]")
        if !d.passes { failures += 1 }
        if worst == nil || d.ratio > worst!.ratio { worst = d }
    }
    guard failures == 0 else {
        return ReplayResult(
            name: schedule.name, passed: false, worst: worst,
            message: "\(failures) rate\(failures == 1 ? "" : "s") outside tolerance")
    }
    return ReplayResult(name: schedule.name, passed: true, worst: worst, message: nil)
}
