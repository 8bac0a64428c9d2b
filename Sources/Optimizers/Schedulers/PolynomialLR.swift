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
public final class PolynomialLR: SteppedLRScheduler {
    /// T, the steps over which the rate decays to 0 (torch's `total_iters`, default 5).
    public let totalIters: Int
    /// p, the exponent of the decay (torch's `power`, default 1: linear); p ≥ 0
    /// when T ≥ 1.
    public let power: Double

    /// Decays `optimizer`'s rate to 0 over `totalIters` steps.
    /// - Throws: `InvalidOption` for `power < 0` with `totalIters ≥ 1`.
    public init(_ optimizer: any Optimizer, totalIters: Int = 5, power: Double = 1.0) throws(InvalidOption) {
        try InvalidOption.require(
            !(power < 0 && totalIters >= 1), option: "power", value: "\(power)",
            reason: "at step total_iters=\(totalIters) torch raises 0.0 to this power (ZeroDivisionError); "
                + "use a power ≥ 0")
        self.totalIters = totalIters
        self.power = power
        super.init(optimizer)
    }

    override func chainedLR(epoch: Int, lr: Double) throws(InvalidOption) -> Double {
        if clock.isInitial || epoch > totalIters { return lr }
        let total = Double(totalIters)
        let ratio = (1.0 - Double(epoch) / total) / (1.0 - Double(epoch - 1) / total)
        let decay = try schedulePow(ratio, power, option: "power", power, epoch: epoch)
        return lr * decay
    }

    override func closedFormLR(epoch: Int, base: Double) throws(InvalidOption) -> Double? {
        let remaining = 1.0 - Double(min(totalIters, epoch)) / Double(totalIters)
        let decay = try schedulePow(remaining, power, option: "power", power, epoch: epoch)
        return base * decay
    }

    override var milestoneRestartRefusal: InvalidOption? { restartRefusal(totalIters: totalIters) }
}
