import Foundation

/// The 1cycle policy (torch's `OneCycleLR`): the rate rises from
/// `maxLR / divFactor` to `maxLR` over the first `pctStart` of `totalSteps`,
/// then anneals to `maxLR / divFactor / finalDivFactor`.
///
/// With a = initial rate, m = `maxLR`, z = a / `finalDivFactor`, N = `totalSteps`
/// and p = `pctStart`, the phases end at steps pN − 1 and N − 1 (two-phase:
/// a → m → z) or pN − 1, 2pN − 2 and N − 1 (`threePhase`: a → m → a → z).
/// Within a phase from step s₀ to s₁, with q = (t − s₀) / (s₁ − s₀):
/// `.cos`: lr_t = end + (start − end)/2 · (1 + cos(π q)); `.linear`:
/// lr_t = (end − start) · q + start. torch computes this closed form at every
/// step (no recursion), overwriting the rate, and says so: not chainable.
///
/// Building it sets the optimizer's rate to a and records a as its initial
/// rate, as torch sets `group["initial_lr"]`; the optimizer's own `lr` is ignored.
///
/// Momentum (torch's default `cycle_momentum=True`) moves inversely to the
/// rate, by the same anneal function and fraction q: with M = `maxMomentum`
/// and B = `baseMomentum`, phase by phase M → B → M (two-phase) or
/// M → B → M → M (`threePhase`), μ_t = anneal(start, end, q), e.g.
/// `.cos`: μ_t = end + (start − end)/2 · (1 + cos(π q)). Building it writes M
/// to the optimizer's momentum (SGD, RMSprop) or β₁ (the Adam family; β₂
/// is kept) before the initial step, which writes μ₀; every `step()` writes
/// μ_t with lr_t. An optimizer that is not `MomentumCyclable` is refused, as
/// torch raises ValueError, unless `cycleMomentum` is false; then the
/// optimizer's momentum is never touched.
///
/// torch allows `totalSteps` calls of `step()` (the last one extrapolates a
/// step past the end) and raises on the next; here that step leaves the rate
/// unchanged and is reported in `refusedStep`.
/// Refuses what torch refuses: no positive step count, `pctStart` outside
/// [0, 1], `divFactor` or `finalDivFactor` of 0, and a zero-length first phase
/// (pN = 1), which torch divides by at its initial step.
public final class OneCycleLR: SteppedLRScheduler {
    /// torch's `anneal_strategy`.
    public enum AnnealStrategy: String, Sendable, CaseIterable {
        /// Half a cosine from start to end (torch's default `"cos"`).
        case cos
        /// A straight line from start to end (torch's `"linear"`).
        case linear
    }

    struct Phase {
        let endStep: Double
        let startLR: Double
        let endLR: Double
        let startMomentum: Double
        let endMomentum: Double
    }

    /// m, the peak rate (torch's `max_lr`).
    public let maxLR: Double
    /// N, the number of steps in the cycle (torch's `total_steps`, or
    /// `epochs · steps_per_epoch`); a step past it is refused.
    public let totalSteps: Int
    /// p ∈ [0, 1], the fraction of the cycle spent rising (torch's `pct_start`,
    /// default 0.3).
    public let pctStart: Double
    /// How each phase moves from its start to its end.
    public let annealStrategy: AnnealStrategy
    /// Whether the rate comes back down to the initial rate before annealing to
    /// the minimum (fast.ai's variant; torch's `three_phase`, default false).
    public let threePhase: Bool
    /// torch's `div_factor`: the peak rate over the initial one.
    public let divFactor: Double
    /// torch's `final_div_factor`: the initial rate over the final one.
    public let finalDivFactor: Double
    /// `maxLR / divFactor`: the rate at step 0.
    public let initialLR: Double
    /// `initialLR / finalDivFactor`: the rate at step `totalSteps − 1`.
    public let minLR: Double
    /// Whether momentum (or β₁) is cycled between `baseMomentum` and `maxMomentum`.
    public var cycleMomentum: Bool { momentum != nil }
    /// The momentum at the peak rate (torch's `base_momentum`).
    public let baseMomentum: Double
    /// The momentum at the start and end of the cycle (torch's `max_momentum`).
    public let maxMomentum: Double
    let phases: [Phase]
    let momentum: MomentumCycle?

    /// Give `totalSteps`, or `epochs` and `stepsPerEpoch` (torch's precedence:
    /// `totalSteps` wins when given). Refusals come in torch's order; the
    /// momentum check follows the step, `pctStart` and divisor checks.
    public init(
        _ optimizer: any Optimizer, maxLR: Double, totalSteps: Int? = nil, epochs: Int? = nil,
        stepsPerEpoch: Int? = nil, pctStart: Double = 0.3, annealStrategy: AnnealStrategy = .cos,
        cycleMomentum: Bool = true, baseMomentum: Double = 0.85, maxMomentum: Double = 0.95,
        divFactor: Double = 25, finalDivFactor: Double = 1e4, threePhase: Bool = false
    ) throws(InvalidOption) {
        let total = try Self.totalSteps(totalSteps, epochs: epochs, stepsPerEpoch: stepsPerEpoch)
        try InvalidOption.require(
            pctStart >= 0 && pctStart <= 1, option: "pct_start", value: "\(pctStart)",
            reason: "Expected float between 0 and 1 pct_start, but got \(pctStart)")
        for (option, value) in [("div_factor", divFactor), ("final_div_factor", finalDivFactor)] where value == 0 {
            throw InvalidOption(
                option: option, value: "\(value)", reason: "torch divides by it (ZeroDivisionError)")
        }
        momentum = try MomentumCycle(
            optimizer, cycleMomentum: cycleMomentum, base: baseMomentum, max: maxMomentum, scheduler: "OneCycleLR")
        self.maxLR = maxLR
        self.baseMomentum = baseMomentum
        self.maxMomentum = maxMomentum
        self.totalSteps = total
        self.pctStart = pctStart
        self.annealStrategy = annealStrategy
        self.threePhase = threePhase
        self.divFactor = divFactor
        self.finalDivFactor = finalDivFactor
        initialLR = maxLR / divFactor
        minLR = initialLR / finalDivFactor
        let warmupEnd = pctStart * Double(total) - 1
        let last = Double(total - 1)
        let (m, b) = (maxMomentum, baseMomentum)
        phases = threePhase
            ? [Phase(endStep: warmupEnd, startLR: initialLR, endLR: maxLR, startMomentum: m, endMomentum: b),
               Phase(endStep: 2 * pctStart * Double(total) - 2, startLR: maxLR, endLR: initialLR,
                     startMomentum: b, endMomentum: m),
               Phase(endStep: last, startLR: initialLR, endLR: minLR, startMomentum: m, endMomentum: m)]
            : [Phase(endStep: warmupEnd, startLR: initialLR, endLR: maxLR, startMomentum: m, endMomentum: b),
               Phase(endStep: last, startLR: maxLR, endLR: minLR, startMomentum: b, endMomentum: m)]
        InitialLR.set(optimizer, initialLR)
        momentum?.set(maxMomentum)
        super.init(optimizer)
        if let refusal = clock.refusal { throw refusal }
    }

    private static func totalSteps(_ totalSteps: Int?, epochs: Int?, stepsPerEpoch: Int?) throws(InvalidOption) -> Int {
        if let totalSteps {
            try InvalidOption.require(
                totalSteps > 0, option: "total_steps", value: "\(totalSteps)",
                reason: "Expected positive integer total_steps, but got \(totalSteps)")
            return totalSteps
        }
        guard let epochs, let stepsPerEpoch else {
            throw InvalidOption(
                option: "total_steps", value: "None",
                reason: "You must define either total_steps OR (epochs AND steps_per_epoch)")
        }
        guard epochs > 0 else {
            throw InvalidOption(
                option: "epochs", value: "\(epochs)", reason: "Expected positive integer epochs, but got \(epochs)")
        }
        try InvalidOption.require(
            stepsPerEpoch > 0, option: "steps_per_epoch", value: "\(stepsPerEpoch)",
            reason: "Expected positive integer steps_per_epoch, but got \(stepsPerEpoch)")
        let (product, overflow) = epochs.multipliedReportingOverflow(by: stepsPerEpoch)
        try InvalidOption.require(
            !overflow, option: "steps_per_epoch", value: "\(stepsPerEpoch)",
            reason: "epochs × steps_per_epoch does not fit in an Int")
        return product
    }

    override func chainedLR(epoch step: Int, lr: Double) throws(InvalidOption) -> Double {
        try InvalidOption.require(
            step <= totalSteps, option: "total_steps", value: "\(totalSteps)",
            reason: "Tried to step \(step) times. The specified number of total steps is \(totalSteps)")
        var startStep = 0.0
        for (index, phase) in phases.enumerated() {
            if Double(step) <= phase.endStep || index == phases.count - 1 {
                let length = phase.endStep - startStep
                try InvalidOption.require(
                    length != 0, option: "pct_start", value: "\(pctStart)",
                    reason: "phase \(index + 1) of the cycle is 0 steps long at step \(step) "
                        + "(pct_start × total_steps = \(pctStart * Double(totalSteps))); "
                        + "torch divides by its length there (ZeroDivisionError)")
                let fraction = (Double(step) - startStep) / length
                // torch's get_lr writes the momentum as a side effect, once
                // the rate is known to be computable.
                momentum?.set(anneal(phase.startMomentum, phase.endMomentum, fraction))
                return anneal(phase.startLR, phase.endLR, fraction)
            }
            startStep = phase.endStep
        }
        preconditionFailure("the last phase always matches")
    }

    private func anneal(_ start: Double, _ end: Double, _ fraction: Double) -> Double {
        switch annealStrategy {
        case .cos:
            let cosOut = cos(Double.pi * fraction) + 1
            return end + (start - end) / 2.0 * cosOut
        case .linear:
            return (end - start) * fraction + start
        }
    }
}
