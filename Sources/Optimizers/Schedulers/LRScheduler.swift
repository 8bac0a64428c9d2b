/// A torch-style learning-rate scheduler: it owns one optimizer's `lr`, as a
/// `torch.optim.lr_scheduler` scheduler owns `param_groups[0]["lr"]`.
///
/// Contract (torch's, `last_epoch = -1`): building a scheduler performs torch's
/// initial step, so `optimizer.lr` already holds the rate for optimizer step 0.
/// Call `step()` once after every `optimizer.step()`; `optimizer.lr` then holds
/// the rate for the next optimizer step:
///
///     let schedule = try CosineAnnealingLR(optimizer, tMax: 50)
///     for _ in 0..<50 { optimizer.step(); schedule.step() }
///
/// Most schedulers update the rate *recursively* from the rate currently on the
/// optimizer (torch's chainable `get_lr`), not from a closed form in the step
/// number. That is what lets several schedulers act on one optimizer, and it is
/// why the rates differ from the closed form in the last bits: each step rounds.
/// Each scheduler's documentation gives both forms.
public protocol LRScheduler: AnyObject {
    /// The optimizer whose `lr` this scheduler sets.
    var optimizer: any Optimizer { get }

    /// The rate this scheduler set last (torch's `get_last_lr()[0]`).
    var lastLR: Double { get }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`.
    func step()

    /// Set when a `step()` asked for a rate torch refuses to compute (torch
    /// raises there, e.g. `OneCycleLR` stepped past `total_steps`). That step
    /// left `optimizer.lr` unchanged; `nil` while every step was one torch allows.
    var refusedStep: InvalidOption? { get }
}

extension LRScheduler {
    /// Schedulers that cannot refuse a step report `nil`.
    public var refusedStep: InvalidOption? { nil }
}

/// The private hooks through which torch's `SequentialLR` drives its members
/// (`recursive_undo`, `_initial_step`, `_update_lr(0)`). Every scheduler of
/// this library provides them, so `SequentialLR` and `ChainedScheduler` accept
/// only this library's schedulers.
protocol ComposableScheduler: LRScheduler {
    /// torch's `recursive_undo`: steps a member back before its initial step,
    /// so that its first real step is epoch 0 again.
    func undoInitialStep()

    /// torch's `_initial_step()`: one step with `_is_initial` set.
    func initialStep()

    /// Why torch fails when `SequentialLR` restarts this scheduler at a
    /// milestone (torch's `_update_lr(0)`), or `nil` when it can.
    var milestoneRestartRefusal: InvalidOption? { get }

    /// torch's `_update_lr(0)`: the rate at epoch 0 from the closed form when
    /// the scheduler has one, else from `get_lr()`.
    func restartAtMilestone()
}

/// The state torch's `LRScheduler` base class keeps for a scheduler.
struct ScheduleClock {
    /// torch's `base_lrs[0]`: the optimizer's `initial_lr` when the scheduler was built.
    var baseLR: Double
    /// torch's `last_epoch`: the number of `step()` calls since the initial step.
    var lastEpoch = -1
    /// torch's `_is_initial`: true only during the initial step.
    var isInitial = false
    var lastLR = Double.nan
    var refusal: InvalidOption?

    init(_ optimizer: any Optimizer) {
        baseLR = InitialLR.setDefault(optimizer)
    }
}

/// What every scheduler of this library built on torch's `LRScheduler` base
/// class shares (all of them but `SequentialLR`, `ChainedScheduler` and
/// `ReduceLROnPlateau`), written once: it holds the optimizer and torch's
/// clock (`base_lrs[0]`, `last_epoch`, `_step_count`), takes torch's initial
/// step when built, and at every `step()` bumps `last_epoch` and writes the
/// schedule's rate (torch's `get_lr()`) to `optimizer.lr`.
///
/// Each subclass states only its rule: the recursive (chainable) form torch's
/// `get_lr()` computes from the rate on the optimizer, and the closed form in
/// the step number where torch has one (`_get_closed_form_lr()`, used when
/// `SequentialLR` restarts it at a milestone). Build a subclass (`StepLR`,
/// `CosineAnnealingLR`, …); this class cannot be built or subclassed outside
/// the library.
public class SteppedLRScheduler: LRScheduler, ComposableScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    var clock: ScheduleClock

    /// The rate the last step set, as on the optimizer (torch's `get_last_lr()[0]`).
    public var lastLR: Double { clock.lastLR }
    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { clock.refusal }

    /// torch's `LRScheduler.__init__`: records the optimizer's `initial_lr` as
    /// the base rate and takes the initial step with the subclass's rule, so a
    /// subclass sets its own properties first and calls this last.
    init(_ optimizer: any Optimizer) {
        self.optimizer = optimizer
        clock = ScheduleClock(optimizer)
        initialStep()
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() { advance() }

    /// torch's `get_lr()`: the rate for step `epoch` (torch's `last_epoch`),
    /// given the rate `lr` on the optimizer — the recursive form for the
    /// chainable schedulers, a closed form for `CyclicLR`, `OneCycleLR` and
    /// `CosineAnnealingWarmRestarts`. Throws where torch raises; the rate then
    /// stays as it was. Every subclass overrides it (torch's base raises
    /// NotImplementedError).
    func chainedLR(epoch: Int, lr: Double) throws(InvalidOption) -> Double {
        preconditionFailure("\(type(of: self)) does not state its rule")
    }

    /// torch's `_get_closed_form_lr()`: the rate for step `epoch` from the
    /// base rate `base` alone, or `nil` when torch has no closed form for this
    /// scheduler.
    func closedFormLR(epoch: Int, base: Double) throws(InvalidOption) -> Double? { nil }

    var milestoneRestartRefusal: InvalidOption? { nil }

    /// The refusal of a closed form over `totalIters` steps (`LinearLR`,
    /// `PolynomialLR`): with `totalIters = 0` it divides by zero, so torch's
    /// `SequentialLR` fails when it restarts the scheduler at a milestone.
    final func restartRefusal(totalIters: Int) -> InvalidOption? {
        totalIters != 0 ? nil : InvalidOption(
            option: "total_iters", value: "0",
            reason: "restarting \(type(of: self)) at a SequentialLR milestone divides by total_iters "
                + "(ZeroDivisionError in torch)")
    }

    /// One step as torch's `step()` takes it.
    func advance() {
        clock.lastEpoch += 1
        do { try commit(chainedLR(epoch: clock.lastEpoch, lr: optimizer.lr)) } catch { refuse(error) }
    }

    final func initialStep() {
        clock.isInitial = true
        advance()
        clock.isInitial = false
    }

    final func undoInitialStep() { clock.lastEpoch -= 1 }

    final func restartAtMilestone() {
        clock.lastEpoch = 0
        do {
            if let lr = try closedFormLR(epoch: 0, base: clock.baseLR) {
                commit(lr)
            } else {
                try commit(chainedLR(epoch: 0, lr: optimizer.lr))
            }
        } catch { refuse(error) }
    }

    final func commit(_ lr: Double) {
        optimizer.lr = lr
        clock.lastLR = optimizer.lr
    }

    /// Keeps the first refusal: later ones follow from it.
    final func refuse(_ error: InvalidOption) {
        if clock.refusal == nil { clock.refusal = error }
    }
}
