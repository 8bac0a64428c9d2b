/// Multiplies the rate by `gamma` every `stepSize` steps (torch's `StepLR`).
///
/// Closed form: lr_t = base · γ^⌊t / stepSize⌋.
/// torch's recursive form, used here: lr_t = lr_{t−1} · γ when t > 0 and
/// t mod stepSize = 0, else lr_t = lr_{t−1}. After n decays the rate is a
/// product rounded n times, not `base · pow(γ, n)`, so the two differ in the
/// last bits. The closed form is used only when `SequentialLR` restarts this
/// scheduler at a milestone, where it gives `base`.
///
/// Refuses `stepSize < 1`: torch takes `t mod stepSize`, which fails for 0 and
/// for a negative size silently acts like its absolute value.
public final class StepLR: LRScheduler, SteppedScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// The decay period in steps (torch's `step_size`, ≥ 1).
    public let stepSize: Int
    /// γ, the multiplier at each decay (torch's `gamma`, default 0.1).
    public let gamma: Double
    var clock: ScheduleClock

    /// The rate the last step set, as on the optimizer (torch's `get_last_lr()[0]`).
    public var lastLR: Double { clock.lastLR }
    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { clock.refusal }

    /// Multiplies `optimizer`'s rate by `gamma` every `stepSize` steps.
    /// - Throws: `InvalidOption` for `stepSize < 1`.
    public init(_ optimizer: any Optimizer, stepSize: Int, gamma: Double = 0.1) throws(InvalidOption) {
        guard stepSize >= 1 else {
            throw InvalidOption(
                option: "step_size", value: "\(stepSize)",
                reason: "the decay period must be at least 1 step")
        }
        self.optimizer = optimizer
        self.stepSize = stepSize
        self.gamma = gamma
        clock = ScheduleClock(optimizer)
        initialStep()
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() { advance() }

    func chainedLR() -> Double {
        let epoch = clock.lastEpoch
        if epoch == 0 || epoch % stepSize != 0 { return optimizer.lr }
        return optimizer.lr * gamma
    }

    func closedFormLR() throws(InvalidOption) -> Double? {
        guard let factor = pythonPow(gamma, Double(clock.lastEpoch / stepSize)) else {
            throw overflow(option: "gamma", gamma, epoch: clock.lastEpoch)
        }
        return clock.baseLR * factor
    }
}

/// Multiplies the rate by `gamma` at each milestone (torch's `MultiStepLR`).
///
/// Closed form: lr_t = base · γ^(number of milestones ≤ t).
/// torch's recursive form, used here: lr_t = lr_{t−1} · γ^c where c is how
/// many times t appears in `milestones` (0 for most t), so repeated milestones
/// decay several times at once and a milestone 0 decays at the initial step.
/// Milestones need not be sorted for the recursive form (torch does not check);
/// the closed form sorts them. The two forms differ in the last bits as for `StepLR`.
public final class MultiStepLR: LRScheduler, SteppedScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// The steps at which the rate decays (torch's `milestones`; unsorted and
    /// repeated entries act as in torch, see the type).
    public let milestones: [Int]
    /// γ, the multiplier at each milestone (torch's `gamma`, default 0.1).
    public let gamma: Double
    /// torch's `Counter(milestones)`.
    let counts: [Int: Int]
    var clock: ScheduleClock

    /// The rate the last step set, as on the optimizer (torch's `get_last_lr()[0]`).
    public var lastLR: Double { clock.lastLR }
    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { clock.refusal }

    /// Multiplies `optimizer`'s rate by `gamma` at each of `milestones`.
    public init(_ optimizer: any Optimizer, milestones: [Int], gamma: Double = 0.1) {
        self.optimizer = optimizer
        self.milestones = milestones
        self.gamma = gamma
        counts = milestones.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        clock = ScheduleClock(optimizer)
        initialStep()
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() { advance() }

    func chainedLR() throws(InvalidOption) -> Double {
        guard let count = counts[clock.lastEpoch] else { return optimizer.lr }
        guard let factor = pythonPow(gamma, Double(count)) else {
            throw overflow(option: "gamma", gamma, epoch: clock.lastEpoch)
        }
        return optimizer.lr * factor
    }

    func closedFormLR() throws(InvalidOption) -> Double? {
        let passed = bisectRight(milestones.sorted(), clock.lastEpoch)
        guard let factor = pythonPow(gamma, Double(passed)) else {
            throw overflow(option: "gamma", gamma, epoch: clock.lastEpoch)
        }
        return clock.baseLR * factor
    }
}

/// Multiplies the rate by `gamma` at every step (torch's `ExponentialLR`).
///
/// Closed form: lr_t = base · γ^t.
/// torch's recursive form, used here: lr_0 = lr (the initial step leaves it),
/// lr_t = lr_{t−1} · γ. After t steps the rate is a product rounded t times,
/// not `base · pow(γ, t)`; the fixtures recorded from torch follow the product.
/// torch accepts any `gamma` (γ > 1 grows the rate, γ < 0 flips its sign), and so does this.
public final class ExponentialLR: LRScheduler, SteppedScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// γ, the multiplier per step (torch's `gamma`; any value, see the type).
    public let gamma: Double
    var clock: ScheduleClock

    /// The rate the last step set, as on the optimizer (torch's `get_last_lr()[0]`).
    public var lastLR: Double { clock.lastLR }
    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { clock.refusal }

    /// Multiplies `optimizer`'s rate by `gamma` at every step after the first.
    public init(_ optimizer: any Optimizer, gamma: Double) {
        self.optimizer = optimizer
        self.gamma = gamma
        clock = ScheduleClock(optimizer)
        initialStep()
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() { advance() }

    func chainedLR() -> Double {
        // The initial step must not decay: a scheduler built mid-run keeps the rate it found.
        clock.isInitial ? optimizer.lr : optimizer.lr * gamma
    }

    func closedFormLR() throws(InvalidOption) -> Double? {
        guard let factor = pythonPow(gamma, Double(clock.lastEpoch)) else {
            throw overflow(option: "gamma", gamma, epoch: clock.lastEpoch)
        }
        return clock.baseLR * factor
    }
}

/// The refusal for a power that overflows where Python raises `OverflowError`.
func overflow(option: String, _ value: Double, epoch: Int) -> InvalidOption {
    InvalidOption(
        option: option, value: "\(value)",
        reason: "its power overflows at step \(epoch), where torch raises OverflowError")
}
