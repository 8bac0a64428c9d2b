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
public final class StepLR: SteppedLRScheduler {
    /// The decay period in steps (torch's `step_size`, ≥ 1).
    public let stepSize: Int
    /// γ, the multiplier at each decay (torch's `gamma`, default 0.1).
    public let gamma: Double

    /// Multiplies `optimizer`'s rate by `gamma` every `stepSize` steps.
    /// - Throws: `InvalidOption` for `stepSize < 1`.
    public init(_ optimizer: any Optimizer, stepSize: Int, gamma: Double = 0.1) throws(InvalidOption) {
        try InvalidOption.requireSteps("step_size", stepSize, "the decay period must be at least 1 step")
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer)
    }

    override func chainedLR(epoch: Int, lr: Double) -> Double {
        if epoch == 0 || epoch % stepSize != 0 { return lr }
        return lr * gamma
    }

    override func closedFormLR(epoch: Int, base: Double) throws(InvalidOption) -> Double? {
        let factor = try schedulePow(gamma, Double(epoch / stepSize), option: "gamma", gamma, epoch: epoch)
        return base * factor
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
public final class MultiStepLR: SteppedLRScheduler {
    /// The steps at which the rate decays (torch's `milestones`; unsorted and
    /// repeated entries act as in torch, see the type).
    public let milestones: [Int]
    /// γ, the multiplier at each milestone (torch's `gamma`, default 0.1).
    public let gamma: Double
    /// torch's `Counter(milestones)`.
    let counts: [Int: Int]

    /// Multiplies `optimizer`'s rate by `gamma` at each of `milestones`.
    public init(_ optimizer: any Optimizer, milestones: [Int], gamma: Double = 0.1) {
        self.milestones = milestones
        self.gamma = gamma
        counts = milestones.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        super.init(optimizer)
    }

    override func chainedLR(epoch: Int, lr: Double) throws(InvalidOption) -> Double {
        guard let count = counts[epoch] else { return lr }
        let factor = try schedulePow(gamma, Double(count), option: "gamma", gamma, epoch: epoch)
        return lr * factor
    }

    override func closedFormLR(epoch: Int, base: Double) throws(InvalidOption) -> Double? {
        let passed = bisectRight(milestones.sorted(), epoch)
        let factor = try schedulePow(gamma, Double(passed), option: "gamma", gamma, epoch: epoch)
        return base * factor
    }
}

/// Multiplies the rate by `gamma` at every step (torch's `ExponentialLR`).
///
/// Closed form: lr_t = base · γ^t.
/// torch's recursive form, used here: lr_0 = lr (the initial step leaves it),
/// lr_t = lr_{t−1} · γ. After t steps the rate is a product rounded t times,
/// not `base · pow(γ, t)`; the fixtures recorded from torch follow the product.
/// torch accepts any `gamma` (γ > 1 grows the rate, γ < 0 flips its sign), and so does this.
public final class ExponentialLR: SteppedLRScheduler {
    /// γ, the multiplier per step (torch's `gamma`; any value, see the type).
    public let gamma: Double

    /// Multiplies `optimizer`'s rate by `gamma` at every step after the first.
    public init(_ optimizer: any Optimizer, gamma: Double) {
        self.gamma = gamma
        super.init(optimizer)
    }

    override func chainedLR(epoch: Int, lr: Double) -> Double {
        // The initial step must not decay: a scheduler built mid-run keeps the rate it found.
        clock.isInitial ? lr : lr * gamma
    }

    override func closedFormLR(epoch: Int, base: Double) throws(InvalidOption) -> Double? {
        let factor = try schedulePow(gamma, Double(epoch), option: "gamma", gamma, epoch: epoch)
        return base * factor
    }
}
