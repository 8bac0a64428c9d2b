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

/// Replays a schedule file's scheduler: the rate in force at each of `steps`
/// optimizer steps, recorded as torch's recording loop does
/// (`lr = group["lr"]; optimizer.step(); scheduler.step()`) on an optimizer
/// built with `lr = baseLR`. Pure: the caller reads the file.
///
/// - Parameters:
///   - scheduler: torch's class name, one of `replayableSchedulers`.
///   - options: torch's keyword arguments by torch's names (`"step_size"`,
///     `"T_max"`, …); an absent option takes torch's default.
///   - metrics: for `ReduceLROnPlateau` only, the value passed to
///     `step(metric:)` after step k; at least `steps` of them.
/// - Throws: `InvalidOption` naming the unknown scheduler (option
///   `"scheduler"`), the unknown or ill-typed option, an option torch refuses,
///   missing metrics, or a step torch raises at (e.g. `OneCycleLR` stepped past
///   `total_steps`).
public func replaySchedule(
    scheduler name: String, options: [String: TorchArgument], baseLR: Double, steps: Int,
    metrics: [Double]? = nil
) throws(InvalidOption) -> [Double] {
    try replayScheduleTrace(scheduler: name, options: options, baseLR: baseLR, steps: steps, metrics: metrics).lrs
}

/// `replaySchedule`, also recording the momentum in force before each step:
/// the optimizer is torch's `SGD(lr=baseLR)` (a `ScheduleProbe`), whose
/// `group["momentum"]` is 0 unless `CyclicLR` or `OneCycleLR` cycles it
/// (`cycle_momentum`, their default). `momentum` is never `nil`.
public func replayScheduleTrace(
    scheduler name: String, options: [String: TorchArgument], baseLR: Double, steps: Int,
    metrics: [Double]? = nil
) throws(InvalidOption) -> ScheduleTrace {
    guard steps >= 0 else {
        throw InvalidOption(option: "steps", value: "\(steps)", reason: "the number of steps cannot be negative")
    }
    guard baseLR >= 0 else {
        throw InvalidOption(
            option: "base_lr", value: "\(baseLR)", reason: "Invalid learning rate: \(baseLR) (torch's SGD refuses it)")
    }
    let probe = ScheduleProbe(lr: baseLR)
    guard name == "ReduceLROnPlateau" else {
        if let metrics {
            throw InvalidOption(
                option: "metrics", value: "\(metrics.count) values", reason: "only ReduceLROnPlateau takes metrics")
        }
        return try scheduleTrace(makeScheduler(name, options: options, on: probe), steps: steps)
    }
    var arguments = TorchArguments(of: name, options)
    let plateau = try buildPlateau(&arguments, on: probe)
    guard let metrics, metrics.count >= steps else {
        throw InvalidOption(
            option: "metrics", value: "\(metrics?.count ?? 0) values",
            reason: "ReduceLROnPlateau needs a metric for each of the \(steps) steps")
    }
    let lrs = learningRates(plateau, metrics: Array(metrics.prefix(steps)))
    return ScheduleTrace(lrs: lrs, momentum: Array(repeating: probe.momentum, count: steps))
}
