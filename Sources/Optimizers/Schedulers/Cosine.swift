import Foundation

/// Anneals the rate from `base` to `etaMin` along half a cosine over `tMax`
/// steps, then back up, periodically (torch's `CosineAnnealingLR`, no restarts).
///
/// Closed form (SGDR): lr_t = η_min + (base − η_min) · (1 + cos(π t / T)) / 2, T = `tMax`.
/// torch's recursive form, used here: lr_0 = lr;
/// lr_t = η_min + (lr_{t−1} − η_min) · (1 + cos(π t / T)) / (1 + cos(π (t − 1) / T)),
/// except when (t − 1 − T) mod 2T = 0 (the step leaving the minimum, where that
/// ratio is 0/0-like), which adds (base − η_min) · (1 − cos(π / T)) / 2 instead.
/// The recursion rounds at every step and drifts from the closed form in the
/// last bits; it is also what lets another scheduler scale the rate meanwhile.
///
/// Refuses `tMax < 1`: torch divides by T from step 1 (0 raises
/// ZeroDivisionError; a negative T acts like its absolute value).
public final class CosineAnnealingLR: SteppedLRScheduler {
    /// T, the half-period in steps (torch's `T_max`, ≥ 1): the rate reaches
    /// `etaMin` at step T and is back at base at 2T.
    public let tMax: Int
    /// η_min, the lowest rate (torch's `eta_min`, default 0).
    public let etaMin: Double
    /// 2·T, or `nil` when that overflows (then the special step is never reached).
    private let period: Int?

    /// Anneals `optimizer`'s rate over `tMax` steps down to `etaMin`.
    /// - Throws: `InvalidOption` for `tMax < 1`.
    public init(_ optimizer: any Optimizer, tMax: Int, etaMin: Double = 0) throws(InvalidOption) {
        try InvalidOption.requireSteps("T_max", tMax, "the half-period must be at least 1 step (torch divides by it)")
        self.tMax = tMax
        self.etaMin = etaMin
        let (doubled, overflow) = tMax.multipliedReportingOverflow(by: 2)
        period = overflow ? nil : doubled
        super.init(optimizer)
    }

    // torch's branch for `_step_count == 1 and last_epoch > 0` serves only
    // schedulers resumed with `last_epoch ≥ 0`, which this library does not offer.
    override func chainedLR(epoch: Int, lr: Double) -> Double {
        if clock.isInitial { return lr }
        let t = Double(tMax)
        if let period, (epoch - 1 - tMax) % period == 0 {
            return lr + (clock.baseLR - etaMin) * (1 - cos(Double.pi / t)) / 2
        }
        return (1 + cos(Double.pi * Double(epoch) / t)) / (1 + cos(Double.pi * Double(epoch - 1) / t))
            * (lr - etaMin) + etaMin
    }

    override func closedFormLR(epoch: Int, base: Double) -> Double? {
        etaMin + (base - etaMin) * (1 + cos(Double.pi * Double(epoch) / Double(tMax))) / 2
    }
}

/// Cosine annealing from `base` to `etaMin` that restarts at `base` after
/// `t0` steps, then after `t0·tMult`, `t0·tMult²`, … steps (torch's
/// `CosineAnnealingWarmRestarts`, SGDR).
///
/// lr_t = η_min + (base − η_min) · (1 + cos(π T_cur / T_i)) / 2, where T_cur
/// counts steps since the last restart and T_i is the current cycle length.
/// torch computes this closed form at every step (no recursion), so it does
/// not compose with other schedulers: it overwrites the rate. Only the
/// per-step form of torch's `step()` is offered (not `step(epoch)` with
/// fractional epochs). A `SequentialLR` milestone restarts it where its cycle
/// counter stands, as torch 2.x does.
///
/// Refuses what torch refuses: `t0 < 1`, `tMult < 1`.
public final class CosineAnnealingWarmRestarts: SteppedLRScheduler {
    /// T₀, the length of the first cycle in steps (torch's `T_0`, ≥ 1).
    public let t0: Int
    /// The factor by which each cycle is longer than the one before (torch's
    /// `T_mult`, integer ≥ 1; 1 keeps every cycle T₀ long).
    public let tMult: Int
    /// η_min, the rate at the end of each cycle (torch's `eta_min`, default 0).
    public let etaMin: Double
    /// torch's `T_i`: the length of the current cycle.
    public private(set) var cycleLength: Int
    /// torch's `T_cur`: steps since the last restart.
    public private(set) var stepsSinceRestart: Int

    /// Cosine cycles of T₀, T₀·tMult, … steps on `optimizer`'s rate.
    /// - Throws: `InvalidOption` for `t0 < 1` or `tMult < 1`.
    public init(_ optimizer: any Optimizer, t0: Int, tMult: Int = 1, etaMin: Double = 0) throws(InvalidOption) {
        try InvalidOption.requireSteps("T_0", t0, "Expected positive integer T_0, but got \(t0)")
        try InvalidOption.requireSteps("T_mult", tMult, "Expected integer T_mult >= 1, but got \(tMult)")
        self.t0 = t0
        self.tMult = tMult
        self.etaMin = etaMin
        cycleLength = t0
        stepsSinceRestart = -1
        super.init(optimizer)
    }

    /// torch's own `step()`: before the first step it behaves as `step(0)`.
    override func advance() {
        if clock.lastEpoch < 0 {
            cycleLength = t0
            stepsSinceRestart = 0
            clock.lastEpoch = 0
        } else {
            clock.lastEpoch += 1
            stepsSinceRestart += 1
            if stepsSinceRestart >= cycleLength {
                stepsSinceRestart %= cycleLength
                // Python's integers do not overflow; a cycle of Int.max steps never ends either.
                let (next, overflow) = cycleLength.multipliedReportingOverflow(by: tMult)
                cycleLength = overflow ? Int.max : next
            }
        }
        commit(chainedLR(epoch: clock.lastEpoch, lr: optimizer.lr))
    }

    override func chainedLR(epoch: Int, lr: Double) -> Double {
        let phase = Double.pi * Double(stepsSinceRestart) / Double(cycleLength)
        return etaMin + (clock.baseLR - etaMin) * (1 + cos(phase)) / 2
    }
}
