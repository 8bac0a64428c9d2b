/// Decays the rate to zero along (1 − t/T)^power over `totalIters` steps, then
/// holds it (torch's `PolynomialLR`).
///
/// Closed form: lr_t = base · (1 − min(t, T) / T)^p with T = `totalIters`, p = `power`.
/// torch's recursive form, used here: lr_0 = lr, and for 1 ≤ t ≤ T
/// lr_t = lr_{t−1} · ((1 − t/T) / (1 − (t − 1)/T))^p, the ratio of consecutive
/// closed-form factors; lr_t = lr_{t−1} after T. The product of ratios rounds
/// at each step, so it follows the closed form only to the last bits (and
/// reaches exactly 0 at T, where the numerator is 0).
///
/// Refuses `power < 0` when `totalIters ≥ 1`: at step T torch raises 0.0 to a
/// negative power (ZeroDivisionError).
public final class PolynomialLR: LRScheduler, SteppedScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// T, the steps over which the rate decays to 0 (torch's `total_iters`, default 5).
    public let totalIters: Int
    /// p, the exponent of the decay (torch's `power`, default 1: linear); p ≥ 0
    /// when T ≥ 1.
    public let power: Double
    var clock: ScheduleClock

    /// The rate the last step set, as on the optimizer (torch's `get_last_lr()[0]`).
    public var lastLR: Double { clock.lastLR }
    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { clock.refusal }

    /// Decays `optimizer`'s rate to 0 over `totalIters` steps.
    /// - Throws: `InvalidOption` for `power < 0` with `totalIters ≥ 1`.
    public init(_ optimizer: any Optimizer, totalIters: Int = 5, power: Double = 1.0) throws(InvalidOption) {
        guard !(power < 0 && totalIters >= 1) else {
            throw InvalidOption(
                option: "power", value: "\(power)",
                reason: "at step total_iters=\(totalIters) torch raises 0.0 to this power (ZeroDivisionError); "
                    + "use a power ≥ 0")
        }
        self.optimizer = optimizer
        self.totalIters = totalIters
        self.power = power
        clock = ScheduleClock(optimizer)
        initialStep()
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() { advance() }

    func chainedLR() throws(InvalidOption) -> Double {
        let epoch = clock.lastEpoch
        if clock.isInitial || epoch > totalIters { return optimizer.lr }
        let total = Double(totalIters)
        let ratio = (1.0 - Double(epoch) / total) / (1.0 - Double(epoch - 1) / total)
        guard let decay = pythonPow(ratio, power) else {
            throw overflow(option: "power", power, epoch: epoch)
        }
        return optimizer.lr * decay
    }

    func closedFormLR() throws(InvalidOption) -> Double? {
        let remaining = 1.0 - Double(min(totalIters, clock.lastEpoch)) / Double(totalIters)
        guard let decay = pythonPow(remaining, power) else {
            throw overflow(option: "power", power, epoch: clock.lastEpoch)
        }
        return clock.baseLR * decay
    }

    var milestoneRestartRefusal: InvalidOption? {
        totalIters != 0 ? nil : InvalidOption(
            option: "total_iters", value: "0",
            reason: "restarting PolynomialLR at a SequentialLR milestone divides by total_iters (ZeroDivisionError in torch)")
    }
}
