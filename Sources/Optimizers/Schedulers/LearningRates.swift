/// An optimizer with no parameters: somewhere for a scheduler to write its
/// rates, to plot or replay a schedule without a model.
///
///     let rates = try learningRates(CosineAnnealingLR(ScheduleProbe(lr: 0.1), tMax: 50), steps: 100)
public final class ScheduleProbe: Optimizer {
    public typealias Scalar = Double

    public let parameters: [Parameter<Double>] = []
    public var lr: Double

    public init(lr: Double) { self.lr = lr }

    /// Nothing to update.
    public func step() {}
}

/// The rate in force at each of the next `steps` optimizer steps: records
/// `optimizer.lr`, then calls `scheduler.step()`, `steps` times — torch's
/// `lr = group["lr"]; optimizer.step(); scheduler.step()` without the
/// optimizer step. It advances `scheduler` and sets its optimizer's rate; build
/// the scheduler on a `ScheduleProbe` to leave real optimizers alone.
///
/// Throws the scheduler's `refusedStep` if one of those steps is one torch
/// raises at (e.g. more steps than a `OneCycleLR`'s `totalSteps`), and
/// `steps < 0`.
public func learningRates(_ scheduler: any LRScheduler, steps: Int) throws(InvalidOption) -> [Double] {
    try requireStepCount(steps)
    var rates: [Double] = []
    rates.reserveCapacity(steps)
    for _ in 0..<steps {
        rates.append(scheduler.optimizer.lr)
        scheduler.step()
        if let refusal = scheduler.refusedStep { throw refusal }
    }
    return rates
}

/// The rate in force at each step while `metrics[k]` is reported after step k:
/// records `optimizer.lr`, then calls `scheduler.step(metric: metrics[k])`.
public func learningRates(_ scheduler: ReduceLROnPlateau, metrics: [Double]) -> [Double] {
    metrics.map { metric in
        let rate = scheduler.optimizer.lr
        scheduler.step(metric: metric)
        return rate
    }
}

func requireStepCount(_ steps: Int) throws(InvalidOption) {
    guard steps >= 0 else {
        throw InvalidOption(option: "steps", value: "\(steps)", reason: "the number of steps cannot be negative")
    }
}
