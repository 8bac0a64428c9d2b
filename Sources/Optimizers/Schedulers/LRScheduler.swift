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
    /// torch's `_step_count`.
    var stepCount = 0
    /// torch's `_is_initial`: true only during the initial step.
    var isInitial = false
    var lastLR = Double.nan
    var refusal: InvalidOption?

    init(_ optimizer: any Optimizer) {
        baseLR = InitialLR.setDefault(optimizer)
    }
}

/// A scheduler built on torch's `LRScheduler` base class: `step()` bumps
/// `last_epoch` and writes `get_lr()` to the optimizer.
protocol SteppedScheduler: ComposableScheduler {
    var clock: ScheduleClock { get set }

    /// torch's `get_lr()` at `clock.lastEpoch`: the recursive form for the
    /// chainable schedulers, a closed form for `CyclicLR`, `OneCycleLR` and
    /// `CosineAnnealingWarmRestarts`. Throws where torch raises; the rate then
    /// stays as it was.
    func chainedLR() throws(InvalidOption) -> Double

    /// torch's `_get_closed_form_lr()` at `clock.lastEpoch`, or `nil` when
    /// torch has no closed form for this scheduler.
    func closedFormLR() throws(InvalidOption) -> Double?

    /// One step as torch's `step()` takes it.
    func advance()
}

extension SteppedScheduler {
    func closedFormLR() throws(InvalidOption) -> Double? { nil }

    var milestoneRestartRefusal: InvalidOption? { nil }

    func advance() {
        clock.stepCount += 1
        clock.lastEpoch += 1
        do { try commit(chainedLR()) } catch { refuse(error) }
    }

    func initialStep() {
        clock.stepCount = 0
        clock.isInitial = true
        advance()
        clock.isInitial = false
    }

    func undoInitialStep() { clock.lastEpoch -= 1 }

    func restartAtMilestone() {
        clock.lastEpoch = 0
        do {
            if let lr = try closedFormLR() { commit(lr) } else { try commit(chainedLR()) }
        } catch { refuse(error) }
    }

    func commit(_ lr: Double) {
        optimizer.lr = lr
        clock.lastLR = optimizer.lr
    }

    /// Keeps the first refusal: later ones follow from it.
    func refuse(_ error: InvalidOption) {
        if clock.refusal == nil { clock.refusal = error }
    }
}
