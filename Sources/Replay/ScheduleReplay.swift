import Optimizers

/// Replays a schedule through optnb's scheduler of the same name and
/// compares the rate (and the momentum, when the file records it) in force
/// at every step with torch's. Options the
/// scheduler does not take, of the wrong kind, or that torch would refuse
/// fail with a message naming the file and the field.
public func replay(_ schedule: RecordedSchedule) -> ReplayResult {
    let trace: ScheduleTrace
    do {
        trace = try replayScheduleTrace(
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
    var compared = [(field: "lrs", noun: "rate", actual: trace.lrs, expected: schedule.lrs)]
    if let momentum = schedule.momentum {
        compared.append(("momentum", "momentum value", trace.momentum ?? [], momentum))
    }
    var complaints: [String] = []
    for (field, noun, actual, expected) in compared {
        var failures = 0
        for (k, e) in expected.enumerated() {
            let d = Discrepancy(
                step: k, quantity: field, index: 0, actual: k < actual.count ? actual[k] : .nan, expected: e,
                tolerance: schedule.tolerance, field: "\(field)[\(k)]")
            if !d.passes { failures += 1 }
            if worst == nil || d.ratio > worst!.ratio { worst = d }
        }
        if failures > 0 { complaints.append("\(failures) \(noun)\(failures == 1 ? "" : "s")") }
    }
    guard complaints.isEmpty else {
        return ReplayResult(
            name: schedule.name, passed: false, worst: worst,
            message: complaints.joined(separator: " and ") + " outside tolerance")
    }
    return ReplayResult(name: schedule.name, passed: true, worst: worst, message: nil)
}
