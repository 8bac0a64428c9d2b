/// Multiplies the rate by `factor` for the first `totalIters` steps, then
/// restores it (torch's `ConstantLR`).
///
/// Closed form: lr_t = base · factor for t < totalIters, base afterwards.
/// torch's recursive form, used here: lr_0 = lr · factor, lr_t = lr_{t−1} · (1 / factor)
/// at t = totalIters, else lr_{t−1}. Restoring multiplies by the rounded
/// reciprocal, so the restored rate can differ from `base` in the last bit, and
/// with `totalIters = 0` torch never restores it (the closed form would).
///
/// Refuses what torch refuses (`factor` outside [0, 1], and NaN, which torch
/// lets through), and `factor = 0` when `totalIters > 0`: torch divides by the
/// factor at step `totalIters` and raises ZeroDivisionError there.
public final class ConstantLR: SteppedLRScheduler {
    /// The multiplier held for the first `totalIters` steps (torch's `factor`,
    /// in [0, 1], default 1/3).
    public let factor: Double
    /// Steps before the rate is restored (torch's `total_iters`, default 5).
    public let totalIters: Int

    /// Scales `optimizer`'s rate by `factor` for `totalIters` steps.
    /// - Throws: `InvalidOption` for `factor` outside [0, 1] or NaN, and for
    ///   `factor = 0` with `totalIters > 0`.
    public init(_ optimizer: any Optimizer, factor: Double = 1.0 / 3, totalIters: Int = 5) throws(InvalidOption) {
        try InvalidOption.require(
            factor >= 0 && factor <= 1, option: "factor", value: "\(factor)",
            reason: "Constant multiplicative factor expected to be between 0 and 1.")
        try InvalidOption.require(
            factor != 0 || totalIters <= 0, option: "factor", value: "0.0",
            reason: "torch divides by the factor at step total_iters=\(totalIters) to restore the rate "
                + "(ZeroDivisionError); use a small positive factor")
        self.factor = factor
        self.totalIters = totalIters
        super.init(optimizer)
    }

    override func chainedLR(epoch: Int, lr: Double) -> Double {
        if epoch == 0 { return lr * factor }
        if epoch != totalIters { return lr }
        return lr * (1.0 / factor)
    }

    override func closedFormLR(epoch: Int, base: Double) -> Double? {
        let restored: Double = epoch >= totalIters ? 1 : 0
        return base * (factor + restored * (1 - factor))
    }
}

/// Scales the rate by a factor moving linearly from `startFactor` to
/// `endFactor` over `totalIters` steps (torch's `LinearLR`, the usual warm-up).
///
/// Closed form: lr_t = base · (s + (e − s) · min(t, T) / T) with s, e the start
/// and end factors and T = `totalIters`.
/// torch's recursive form, used here: lr_0 = lr · s, and for 1 ≤ t ≤ T
/// lr_t = lr_{t−1} · (1 + (e − s) / (T·s + (t − 1)·(e − s))), the ratio of
/// consecutive closed-form factors; lr_t = lr_{t−1} after T. The product of
/// ratios rounds at each step, so the rate reached at T is `base · e` only to
/// the last bits.
///
/// Refuses what torch refuses: `startFactor` outside (0, 1], `endFactor`
/// outside [0, 1] (and NaN for either).
public final class LinearLR: SteppedLRScheduler {
    /// s, the multiplier at step 0 (torch's `start_factor`, in (0, 1], default 1/3).
    public let startFactor: Double
    /// e, the multiplier from step T on (torch's `end_factor`, in [0, 1], default 1).
    public let endFactor: Double
    /// T, the steps over which the multiplier moves from s to e (torch's
    /// `total_iters`, default 5).
    public let totalIters: Int

    /// Scales `optimizer`'s rate linearly from `startFactor` to `endFactor` over
    /// `totalIters` steps.
    /// - Throws: `InvalidOption` for either factor out of range or NaN.
    public init(
        _ optimizer: any Optimizer, startFactor: Double = 1.0 / 3, endFactor: Double = 1.0,
        totalIters: Int = 5
    ) throws(InvalidOption) {
        try InvalidOption.require(
            startFactor > 0 && startFactor <= 1, option: "start_factor", value: "\(startFactor)",
            reason: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        try InvalidOption.require(
            endFactor >= 0 && endFactor <= 1, option: "end_factor", value: "\(endFactor)",
            reason: "Ending multiplicative factor expected to be between 0 and 1.")
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        super.init(optimizer)
    }

    override func chainedLR(epoch: Int, lr: Double) -> Double {
        if epoch == 0 { return lr * startFactor }
        if clock.isInitial || epoch > totalIters { return lr }
        let span = endFactor - startFactor
        return lr * (1.0 + span / (Double(totalIters) * startFactor + Double(epoch - 1) * span))
    }

    override func closedFormLR(epoch: Int, base: Double) -> Double? {
        let progress = Double(min(totalIters, epoch))
        return base * (startFactor + (endFactor - startFactor) * progress / Double(totalIters))
    }

    override var milestoneRestartRefusal: InvalidOption? { restartRefusal(totalIters: totalIters) }
}
