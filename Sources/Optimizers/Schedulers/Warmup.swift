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
public final class ConstantLR: LRScheduler, SteppedScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// The multiplier held for the first `totalIters` steps (torch's `factor`,
    /// in [0, 1], default 1/3).
    public let factor: Double
    /// Steps before the rate is restored (torch's `total_iters`, default 5).
    public let totalIters: Int
    var clock: ScheduleClock

    /// The rate the last step set, as on the optimizer (torch's `get_last_lr()[0]`).
    public var lastLR: Double { clock.lastLR }
    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { clock.refusal }

    /// Scales `optimizer`'s rate by `factor` for `totalIters` steps.
    /// - Throws: `InvalidOption` for `factor` outside [0, 1] or NaN, and for
    ///   `factor = 0` with `totalIters > 0`.
    public init(_ optimizer: any Optimizer, factor: Double = 1.0 / 3, totalIters: Int = 5) throws(InvalidOption) {
        guard factor >= 0 && factor <= 1 else {
            throw InvalidOption(
                option: "factor", value: "\(factor)",
                reason: "Constant multiplicative factor expected to be between 0 and 1.")
        }
        guard factor != 0 || totalIters <= 0 else {
            throw InvalidOption(
                option: "factor", value: "0.0",
                reason: "torch divides by the factor at step total_iters=\(totalIters) to restore the rate "
                    + "(ZeroDivisionError); use a small positive factor")
        }
        self.optimizer = optimizer
        self.factor = factor
        self.totalIters = totalIters
        clock = ScheduleClock(optimizer)
        initialStep()
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() { advance() }

    func chainedLR() -> Double {
        let epoch = clock.lastEpoch
        if epoch == 0 { return optimizer.lr * factor }
        if epoch != totalIters { return optimizer.lr }
        return optimizer.lr * (1.0 / factor)
    }

    func closedFormLR() -> Double? {
        let restored: Double = clock.lastEpoch >= totalIters ? 1 : 0
        return clock.baseLR * (factor + restored * (1 - factor))
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
public final class LinearLR: LRScheduler, SteppedScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// s, the multiplier at step 0 (torch's `start_factor`, in (0, 1], default 1/3).
    public let startFactor: Double
    /// e, the multiplier from step T on (torch's `end_factor`, in [0, 1], default 1).
    public let endFactor: Double
    /// T, the steps over which the multiplier moves from s to e (torch's
    /// `total_iters`, default 5).
    public let totalIters: Int
    var clock: ScheduleClock

    /// The rate the last step set, as on the optimizer (torch's `get_last_lr()[0]`).
    public var lastLR: Double { clock.lastLR }
    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { clock.refusal }

    /// Scales `optimizer`'s rate linearly from `startFactor` to `endFactor` over
    /// `totalIters` steps.
    /// - Throws: `InvalidOption` for either factor out of range or NaN.
    public init(
        _ optimizer: any Optimizer, startFactor: Double = 1.0 / 3, endFactor: Double = 1.0,
        totalIters: Int = 5
    ) throws(InvalidOption) {
        guard startFactor > 0 && startFactor <= 1 else {
            throw InvalidOption(
                option: "start_factor", value: "\(startFactor)",
                reason: "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        }
        guard endFactor >= 0 && endFactor <= 1 else {
            throw InvalidOption(
                option: "end_factor", value: "\(endFactor)",
                reason: "Ending multiplicative factor expected to be between 0 and 1.")
        }
        self.optimizer = optimizer
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        clock = ScheduleClock(optimizer)
        initialStep()
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() { advance() }

    func chainedLR() -> Double {
        let epoch = clock.lastEpoch
        if epoch == 0 { return optimizer.lr * startFactor }
        if clock.isInitial || epoch > totalIters { return optimizer.lr }
        let span = endFactor - startFactor
        return optimizer.lr * (1.0 + span / (Double(totalIters) * startFactor + Double(epoch - 1) * span))
    }

    func closedFormLR() -> Double? {
        let progress = Double(min(totalIters, clock.lastEpoch))
        return clock.baseLR * (startFactor + (endFactor - startFactor) * progress / Double(totalIters))
    }

    var milestoneRestartRefusal: InvalidOption? {
        totalIters != 0 ? nil : InvalidOption(
            option: "total_iters", value: "0",
            reason: "restarting LinearLR at a SequentialLR milestone divides by total_iters (ZeroDivisionError in torch)")
    }
}
