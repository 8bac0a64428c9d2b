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
/// Building it sets `optimizer.lr = baseLR`, as torch does. torch also cycles
/// momentum inversely by default (`cycle_momentum=True`); `Optimizer` exposes no
/// momentum, so that is not done here — the rates are the same either way (the
/// fixture was recorded with `cycle_momentum=False`, the setting torch needs for
/// optimizers without momentum). Custom `scale_fn` is not offered.
///
/// Refuses `stepSizeUp < 1` (torch divides by zero at the initial step for 0)
/// and `stepSizeDown < 0`.
public final class CyclicLR: LRScheduler, SteppedScheduler {
    /// torch's `mode`: how the triangle's height changes from cycle to cycle.
    public enum Mode: String, Sendable, CaseIterable {
        /// Constant height.
        case triangular
        /// Height halved each cycle.
        case triangular2
        /// Height scaled by γ^t at step t.
        case expRange = "exp_range"
    }

    public let optimizer: any Optimizer
    public let baseLR: Double
    public let maxLR: Double
    public let stepSizeUp: Int
    public let stepSizeDown: Int
    public let mode: Mode
    public let gamma: Double
    private let totalSize: Double
    private let stepRatio: Double
    var clock: ScheduleClock

    public var lastLR: Double { clock.lastLR }
    public var refusedStep: InvalidOption? { clock.refusal }

    public init(
        _ optimizer: any Optimizer, baseLR: Double, maxLR: Double, stepSizeUp: Int = 2000,
        stepSizeDown: Int? = nil, mode: Mode = .triangular, gamma: Double = 1
    ) throws(InvalidOption) {
        guard stepSizeUp >= 1 else {
            throw InvalidOption(
                option: "step_size_up", value: "\(stepSizeUp)",
                reason: "the rising half-cycle must be at least 1 step (torch divides by it)")
        }
        if let stepSizeDown, stepSizeDown < 0 {
            throw InvalidOption(
                option: "step_size_down", value: "\(stepSizeDown)",
                reason: "the falling half-cycle cannot be negative; use 0 for a sawtooth or nil for step_size_up")
        }
        self.optimizer = optimizer
        self.baseLR = baseLR
        self.maxLR = maxLR
        self.stepSizeUp = stepSizeUp
        self.stepSizeDown = stepSizeDown ?? stepSizeUp
        self.mode = mode
        self.gamma = gamma
        totalSize = Double(stepSizeUp) + Double(self.stepSizeDown)
        stepRatio = Double(stepSizeUp) / totalSize
        optimizer.lr = baseLR
        clock = ScheduleClock(optimizer)
        initialStep()
        // torch assigns `base_lrs` after its base class's initial step, which
        // therefore used the optimizer's `initial_lr` (normally `baseLR` too).
        clock.baseLR = baseLR
    }

    public func step() { advance() }

    func chainedLR() throws(InvalidOption) -> Double {
        let epoch = clock.lastEpoch
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
            guard let decay = pythonPow(gamma, Double(epoch)) else {
                throw overflow(option: "gamma", gamma, epoch: epoch)
            }
            scale = decay
        }
        return clock.baseLR + baseHeight * scale
    }
}
