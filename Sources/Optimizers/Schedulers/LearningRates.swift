/// An optimizer with no parameters: somewhere for a scheduler to write its
/// rates, to plot or replay a schedule without a model.
///
///     let rates = try learningRates(CosineAnnealingLR(ScheduleProbe(lr: 0.1), tMax: 50), steps: 100)
///
/// It stands in for torch's `SGD(params, lr=lr)`, which schedule files are
/// recorded with: like SGD it has a `momentum` (0 unless given), so `CyclicLR`
/// and `OneCycleLR` cycle it by default, as torch does with SGD's
/// `group["momentum"]`; `scheduleTrace` records it.
public final class ScheduleProbe: Optimizer {
    /// Parameters would be `Double`; there are none.
    public typealias Scalar = Double

    /// Always empty.
    public let parameters: [Parameter<Double>] = []
    /// The rate a scheduler wrote last (or the one given).
    public var lr: Double
    /// torch's SGD `group["momentum"]`: set by schedulers that cycle momentum.
    public var momentum: Double

    /// A probe starting at rate `lr` and momentum `momentum`.
    public init(lr: Double, momentum: Double = 0) {
        self.lr = lr
        self.momentum = momentum
    }

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
    try scheduleTrace(scheduler, steps: steps).lrs
}

/// The rate and momentum in force at each of a schedule's steps.
public struct ScheduleTrace: Sendable, Equatable {
    /// `optimizer.lr` before each step.
    public var lrs: [Double]
    /// The optimizer's `momentumOrBeta1` before each step; `nil` when the
    /// optimizer has none (it is not `MomentumCyclable`).
    public var momentum: [Double]?

    /// A trace of `lrs.count` steps; `momentum`, when present, has as many entries.
    public init(lrs: [Double], momentum: [Double]?) {
        self.lrs = lrs
        self.momentum = momentum
    }
}

/// Like `learningRates(_:steps:)`, also recording the momentum (or β₁) in
/// force at each step, which `CyclicLR` and `OneCycleLR` move inversely to
/// the rate: records both, then calls `scheduler.step()`, `steps` times.
///
///     let trace = try scheduleTrace(OneCycleLR(ScheduleProbe(lr: 0.1), maxLR: 0.1, totalSteps: 100), steps: 100)
///     // trace.momentum: 0.95 → 0.85 at the peak rate → 0.95
///
/// Throws as `learningRates(_:steps:)` does.
public func scheduleTrace(_ scheduler: any LRScheduler, steps: Int) throws(InvalidOption) -> ScheduleTrace {
    try requireStepCount(steps)
    let cyclable = scheduler.optimizer as? any MomentumCyclable
    var trace = ScheduleTrace(lrs: [], momentum: cyclable == nil ? nil : [])
    trace.lrs.reserveCapacity(steps)
    trace.momentum?.reserveCapacity(steps)
    for _ in 0..<steps {
        trace.lrs.append(scheduler.optimizer.lr)
        if let cyclable { trace.momentum?.append(cyclable.momentumOrBeta1) }
        scheduler.step()
        if let refusal = scheduler.refusedStep { throw refusal }
    }
    return trace
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
