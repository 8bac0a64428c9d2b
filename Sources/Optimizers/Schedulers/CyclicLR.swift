import Foundation

/// Cycles the rate between `baseLR` and `maxLR` along a triangle
/// (torch's `CyclicLR`, Smith's cyclical learning rates).
///
/// With S = up + down steps per cycle, r = up / S, cycle c = ⌊1 + t/S⌋ and
/// x = 1 + t/S − c ∈ [0, 1):
/// scale = x / r on the way up (x ≤ r), (x − 1) / (r − 1) on the way down, and
/// lr_t = baseLR + (maxLR − baseLR) · scale · f, where f is 1 (`.triangular`),
/// 1 / 2^(c−1) (`.triangular2`, halving the height each cycle) or γ^t (`.expRange`).
/// torch computes this closed form at every step (no recursion), so it
/// overwrites the rate rather than composing with other schedulers.
///
/// Building it sets `optimizer.lr = baseLR`, as torch does.
///
/// Momentum (torch's default `cycle_momentum=True`) moves inversely to the
/// rate, with the same scale and f: with M = `maxMomentum` and
/// B = `baseMomentum`, μ_t = M − (M − B) · scale · f, so μ is M where the rate
/// is `baseLR` and B where it peaks. Building it writes M to the optimizer's
/// momentum (SGD, RMSprop) or β₁ (the Adam family; β₂ is kept) before the
/// initial step, which writes μ₀ = M; every `step()` writes μ_t with lr_t. An
/// optimizer that is not `MomentumCyclable` is refused, as torch raises
/// ValueError, unless `cycleMomentum` is false; then the optimizer's momentum
/// is never touched. Custom `scale_fn` is not offered.
///
/// Refuses an optimizer without momentum (before changing it; torch has set
/// the rate to `baseLR` when it raises there), then `stepSizeUp < 1` (torch
/// divides by zero at the initial step for 0) and `stepSizeDown < 0`.
public final class CyclicLR: SteppedLRScheduler {
    /// torch's `mode`: how the triangle's height changes from cycle to cycle.
    public enum Mode: String, Sendable, CaseIterable {
        /// Constant height.
        case triangular
        /// Height halved each cycle.
        case triangular2
        /// Height scaled by γ^t at step t.
        case expRange = "exp_range"
    }

    /// The lower edge of the triangle (torch's `base_lr`); also the rate at step 0.
    public let baseLR: Double
    /// The upper edge (torch's `max_lr`), reached at the peak of the first cycle;
    /// later peaks are lower under `.triangular2` and `.expRange`.
    public let maxLR: Double
    /// Steps from `baseLR` up to the peak (torch's `step_size_up`, ≥ 1, default 2000).
    public let stepSizeUp: Int
    /// Steps from the peak back down (torch's `step_size_down`, ≥ 0; defaults to
    /// `stepSizeUp`).
    public let stepSizeDown: Int
    /// How the height changes from cycle to cycle.
    public let mode: Mode
    /// γ of `.expRange` (the height at step t is scaled by γ^t); unused otherwise.
    public let gamma: Double
    /// Whether momentum (or β₁) is cycled between `baseMomentum` and `maxMomentum`.
    public var cycleMomentum: Bool { momentum != nil }
    /// The momentum where the rate peaks (torch's `base_momentum`).
    public let baseMomentum: Double
    /// The momentum where the rate is `baseLR` (torch's `max_momentum`).
    public let maxMomentum: Double
    private let momentum: MomentumCycle?
    private let totalSize: Double
    private let stepRatio: Double

    /// Cycles `optimizer`'s rate (and, by default, its momentum) along a triangle.
    /// - Throws: `InvalidOption` for an optimizer without momentum while
    ///   `cycleMomentum` is true, `stepSizeUp < 1` or `stepSizeDown < 0`.
    public init(
        _ optimizer: any Optimizer, baseLR: Double, maxLR: Double, stepSizeUp: Int = 2000,
        stepSizeDown: Int? = nil, mode: Mode = .triangular, gamma: Double = 1, cycleMomentum: Bool = true,
        baseMomentum: Double = 0.8, maxMomentum: Double = 0.9
    ) throws(InvalidOption) {
        let zeroRise = InvalidOption(
            option: "step_size_up", value: "\(stepSizeUp)",
            reason: "the rising half-cycle must be at least 1 step (torch divides by it)")
        // torch's order: it divides by up + down in __init__, before it looks
        // at the optimizer, and by up alone only at its initial step, after.
        if stepSizeUp < 1 && stepSizeUp + (stepSizeDown ?? stepSizeUp) == 0 { throw zeroRise }
        momentum = try MomentumCycle(
            optimizer, cycleMomentum: cycleMomentum, base: baseMomentum, max: maxMomentum, scheduler: "CyclicLR")
        guard stepSizeUp >= 1 else { throw zeroRise }
        if let stepSizeDown, stepSizeDown < 0 {
            throw InvalidOption(
                option: "step_size_down", value: "\(stepSizeDown)",
                reason: "the falling half-cycle cannot be negative; use 0 for a sawtooth or nil for step_size_up")
        }
        self.baseLR = baseLR
        self.maxLR = maxLR
        self.stepSizeUp = stepSizeUp
        self.stepSizeDown = stepSizeDown ?? stepSizeUp
        self.mode = mode
        self.gamma = gamma
        self.baseMomentum = baseMomentum
        self.maxMomentum = maxMomentum
        totalSize = Double(stepSizeUp) + Double(self.stepSizeDown)
        stepRatio = Double(stepSizeUp) / totalSize
        optimizer.lr = baseLR
        momentum?.set(maxMomentum)
        super.init(optimizer)
        // torch assigns `base_lrs` after its base class's initial step, which
        // therefore used the optimizer's `initial_lr` (normally `baseLR` too).
        clock.baseLR = baseLR
    }

    override func chainedLR(epoch: Int, lr: Double) throws(InvalidOption) -> Double {
        let cycle = (1 + Double(epoch) / totalSize).rounded(.down)
        let x = 1.0 + Double(epoch) / totalSize - cycle
        let scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
        let baseHeight = (maxLR - clock.baseLR) * scaleFactor
        let scale: Double
        switch mode {
        case .triangular:
            scale = 1.0
        case .triangular2:
            guard let halvings = pythonPow(2.0, cycle - 1) else {
                throw InvalidOption(
                    option: "mode", value: mode.rawValue,
                    reason: "2^(cycle − 1) overflows in cycle \(Int(cycle)), where torch raises OverflowError")
            }
            scale = 1 / halvings
        case .expRange:
            scale = try schedulePow(gamma, Double(epoch), option: "gamma", gamma, epoch: epoch)
        }
        // torch's get_lr writes the momentum as a side effect.
        if let momentum { momentum.set(momentum.max - (momentum.max - momentum.base) * scaleFactor * scale) }
        return clock.baseLR + baseHeight * scale
    }
}
