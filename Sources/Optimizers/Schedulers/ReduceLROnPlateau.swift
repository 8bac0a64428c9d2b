/// Multiplies the rate by `factor` once a monitored metric has stopped
/// improving for more than `patience` steps (torch's `ReduceLROnPlateau`).
///
/// A metric m improves on the best so far b when, in `.min` mode,
/// m < b · (1 − threshold) (`.rel`) or m < b − threshold (`.abs`); in `.max`
/// mode, m > b · (1 + threshold) or m > b + threshold. b starts at +∞ (`.min`)
/// or −∞ (`.max`). Each non-improving step adds a bad step; during the
/// `cooldown` steps after a reduction bad steps are not counted. When the count
/// exceeds `patience`: lr ← max(lr · factor, minLR), applied only if it lowers
/// the rate by more than `eps`. There is no closed form: the rate depends on
/// the metric's history. A NaN metric never improves, so it counts as bad, as in torch.
///
/// Unlike the other schedulers its step takes the metric, so it is not an
/// `LRScheduler` and cannot go in `SequentialLR` or `ChainedScheduler` (torch
/// refuses it there too). It leaves the rate alone when built.
///
/// Refuses what torch refuses: `factor ≥ 1` (and NaN).
public final class ReduceLROnPlateau {
    /// Whether the metric should go down (a loss) or up (an accuracy).
    public enum Mode: String, Sendable, CaseIterable {
        /// Lower is better (a loss): torch's `"min"`, the default.
        case min
        /// Higher is better (an accuracy): torch's `"max"`.
        case max
    }

    /// Whether `threshold` is relative to the best metric or absolute.
    public enum ThresholdMode: String, Sendable, CaseIterable {
        /// An improvement must beat the best by `threshold` · |best| (torch's default `"rel"`).
        case rel
        /// An improvement must beat the best by `threshold` itself (torch's `"abs"`).
        case abs
    }

    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// Whether the metric should fall or rise.
    public let mode: Mode
    /// The multiplier applied at a reduction (torch's `factor`, < 1, default 0.1).
    public let factor: Double
    /// Non-improving steps tolerated; the rate is reduced on the next one
    /// (torch's `patience`, default 10).
    public let patience: Int
    /// How much better than the best a metric must be to count (torch's
    /// `threshold`, default 1e-4), read by `thresholdMode`.
    public let threshold: Double
    /// Whether `threshold` is relative or absolute.
    public let thresholdMode: ThresholdMode
    /// Steps after a reduction during which bad steps are not counted (torch's
    /// `cooldown`, default 0).
    public let cooldown: Int
    /// The rate is never reduced below this (torch's `min_lr`, default 0).
    public let minLR: Double
    /// A reduction smaller than this is skipped (torch's `eps`, default 1e-8).
    public let eps: Double
    /// The best metric so far (±∞ before the first step).
    public private(set) var best: Double
    /// Consecutive non-improving steps since the last improvement or reduction.
    public private(set) var numBadEpochs = 0
    /// Steps of cooldown left.
    public private(set) var cooldownCounter = 0
    /// torch's `last_epoch`: the number of `step(metric:)` calls.
    public private(set) var lastEpoch = 0
    /// The rate after the last step (torch's `get_last_lr()[0]`).
    public private(set) var lastLR: Double

    /// Watches a metric and reduces `optimizer`'s rate on plateaus; leaves the
    /// rate as it is until then.
    /// - Throws: `InvalidOption` for `factor ≥ 1` or NaN.
    public init(
        _ optimizer: any Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10,
        threshold: Double = 1e-4, thresholdMode: ThresholdMode = .rel, cooldown: Int = 0,
        minLR: Double = 0, eps: Double = 1e-8
    ) throws(InvalidOption) {
        guard factor < 1.0 else {
            throw InvalidOption(option: "factor", value: "\(factor)", reason: "Factor should be < 1.0.")
        }
        self.optimizer = optimizer
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.minLR = minLR
        self.eps = eps
        best = mode == .min ? .infinity : -.infinity
        lastLR = optimizer.lr
    }

    /// Call once per step (torch: per epoch) after `optimizer.step()`, with
    /// the metric measured for that step.
    public func step(metric: Double) {
        lastEpoch += 1
        if isBetter(metric, than: best) {
            best = metric
            numBadEpochs = 0
        } else {
            numBadEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            numBadEpochs = 0
        }
        if numBadEpochs > patience {
            reduceLR()
            cooldownCounter = cooldown
            numBadEpochs = 0
        }
        lastLR = optimizer.lr
    }

    private func reduceLR() {
        let old = optimizer.lr
        let new = pythonMax(old * factor, minLR)
        if old - new > eps { optimizer.lr = new }
    }

    private func isBetter(_ metric: Double, than best: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .rel): metric < best * (1.0 - threshold)
        case (.min, .abs): metric < best - threshold
        case (.max, .rel): metric > best * (threshold + 1.0)
        case (.max, .abs): metric > best + threshold
        }
    }
}
