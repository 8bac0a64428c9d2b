/// Runs one scheduler after another, switching at `milestones`
/// (torch's `SequentialLR`), e.g. a linear warm-up then cosine annealing:
///
///     let warmup = try LinearLR(optimizer, startFactor: 0.1, totalIters: 5)
///     let decay = try CosineAnnealingLR(optimizer, tMax: 95)
///     let schedule = try SequentialLR(optimizer, schedulers: [warmup, decay], milestones: [5])
///
/// Building it resets the rate to the optimizer's initial rate (the rate the
/// first scheduler found), steps every member back, and takes the first
/// member's initial step again. Step t is handled by member i, the number of
/// milestones ≤ t; at t equal to a milestone that member restarts at its own
/// epoch 0 from its closed form (so a decay starts from the initial rate, not
/// from where the warm-up left it), afterwards it steps recursively as usual.
///
/// Refuses what torch refuses (no schedulers, members of another optimizer,
/// `milestones.count != schedulers.count − 1`; `ReduceLROnPlateau` cannot be
/// passed at all) and members after the first that torch cannot restart at a
/// milestone (a nested `SequentialLR` or `ChainedScheduler`, or `LinearLR` /
/// `PolynomialLR` with `totalIters = 0`): torch fails there when it gets to the milestone.
public final class SequentialLR: LRScheduler, ComposableScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// The members, in the order they take over (as passed; the first one's
    /// initial step is taken again when this is built).
    public let schedulers: [any LRScheduler]
    /// The steps at which the next member takes over, one fewer than the members.
    public let milestones: [Int]
    /// torch's `last_epoch`: the number of `step()` calls.
    public private(set) var lastEpoch: Int
    /// The rate the last step set (torch's `get_last_lr()[0]`).
    public private(set) var lastLR: Double
    private let members: [any ComposableScheduler]

    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { members.lazy.compactMap(\.refusedStep).first }

    /// Chains `schedulers` in time on `optimizer`, switching at `milestones`.
    /// - Throws: `InvalidOption` where torch raises (see the type), before
    ///   anything on the optimizer is changed.
    public init(_ optimizer: any Optimizer, schedulers: [any LRScheduler], milestones: [Int]) throws(InvalidOption) {
        let members = try composableMembers(schedulers, optimizer: optimizer, container: "SequentialLR")
        try InvalidOption.require(
            milestones.count == schedulers.count - 1, option: "milestones", value: "\(milestones)",
            reason: "Sequential Schedulers expects number of schedulers provided to be one more than the "
                + "number of milestone points, but got number of schedulers \(schedulers.count) and the "
                + "number of milestones to be equal to \(milestones.count)")
        for (index, member) in members.enumerated().dropFirst() {
            if let refusal = member.milestoneRestartRefusal {
                throw InvalidOption(
                    option: "schedulers", value: "index \(index) (\(type(of: member)))",
                    reason: "\(refusal.option) \(refusal.value): \(refusal.reason)")
            }
        }
        // Every member set it when it was built, so it is there.
        let initial = InitialLR.get(optimizer) ?? optimizer.lr
        self.optimizer = optimizer
        self.schedulers = schedulers
        self.milestones = milestones
        self.members = members
        lastEpoch = 0
        optimizer.lr = initial
        for member in members { member.undoInitialStep() }
        members[0].initialStep()
        lastLR = members[0].lastLR
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() {
        lastEpoch += 1
        let index = bisectRight(milestones, lastEpoch)
        let member = members[index]
        if index > 0 && milestones[index - 1] == lastEpoch {
            member.restartAtMilestone()
        } else {
            member.step()
        }
        lastLR = member.lastLR
    }

    func undoInitialStep() { for member in members { member.undoInitialStep() } }

    func initialStep() { step() }

    var milestoneRestartRefusal: InvalidOption? { notRestartable("SequentialLR") }

    /// Never called: `milestoneRestartRefusal` keeps it out of later places.
    func restartAtMilestone() {}
}

/// Steps several schedulers on one optimizer at every step, in order, each
/// scaling the rate the previous one left (torch's `ChainedScheduler`), e.g. a
/// constant warm-up factor on top of an exponential decay:
///
///     let schedule = try ChainedScheduler([
///         ConstantLR(optimizer, factor: 0.1, totalIters: 20), ExponentialLR(optimizer, gamma: 0.9),
///     ])
///
/// This works because the members update the rate recursively; members that
/// compute a closed form (`CyclicLR`, `OneCycleLR`, `CosineAnnealingWarmRestarts`)
/// overwrite what came before them, as in torch. Building it does not step.
///
/// Refuses what torch refuses: no schedulers, members of another optimizer
/// (`ReduceLROnPlateau` cannot be passed at all).
public final class ChainedScheduler: LRScheduler, ComposableScheduler {
    /// The optimizer whose `lr` this scheduler sets (held strongly, as torch holds it).
    public let optimizer: any Optimizer
    /// The members, stepped in this order at every `step()`.
    public let schedulers: [any LRScheduler]
    /// The rate the last step set, after every member stepped.
    public private(set) var lastLR: Double
    private let members: [any ComposableScheduler]

    /// The first step torch would have refused (it raises there; the rate was
    /// left as it was), or nil.
    public var refusedStep: InvalidOption? { members.lazy.compactMap(\.refusedStep).first }

    /// `optimizer` defaults to the first scheduler's, as in torch.
    public init(_ schedulers: [any LRScheduler], optimizer: (any Optimizer)? = nil) throws(InvalidOption) {
        guard let first = schedulers.first else {
            throw InvalidOption(
                option: "schedulers", value: "[]",
                reason: "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.")
        }
        let optimizer = optimizer ?? first.optimizer
        members = try composableMembers(schedulers, optimizer: optimizer, container: "ChainedScheduler")
        self.optimizer = optimizer
        self.schedulers = schedulers
        lastLR = optimizer.lr
    }

    /// Advances the schedule by one optimizer step and sets `optimizer.lr`;
    /// call once after each `optimizer.step()`.
    public func step() {
        for member in members { member.step() }
        lastLR = optimizer.lr
    }

    func undoInitialStep() { for member in members { member.undoInitialStep() } }

    func initialStep() { step() }

    var milestoneRestartRefusal: InvalidOption? { notRestartable("ChainedScheduler") }

    /// Never called: `milestoneRestartRefusal` keeps it out of later places.
    func restartAtMilestone() {}
}

private func notRestartable(_ container: String) -> InvalidOption {
    InvalidOption(
        option: "schedulers", value: container,
        reason: "torch cannot restart a \(container) at a SequentialLR milestone (NotImplementedError); "
            + "put it first or flatten it")
}

/// Checks the members torch checks and reaches their private hooks.
private func composableMembers(
    _ schedulers: [any LRScheduler], optimizer: any Optimizer, container: String
) throws(InvalidOption) -> [any ComposableScheduler] {
    try InvalidOption.require(
        !schedulers.isEmpty, option: "schedulers", value: "[]",
        reason: "\(container) expects at least one scheduler, but got no scheduler.")
    var members: [any ComposableScheduler] = []
    for (index, scheduler) in schedulers.enumerated() {
        guard let member = scheduler as? any ComposableScheduler else {
            throw InvalidOption(
                option: "schedulers", value: "index \(index) (\(type(of: scheduler)))",
                reason: "\(container) combines only this library's schedulers")
        }
        try InvalidOption.require(
            ObjectIdentifier(scheduler.optimizer) == ObjectIdentifier(optimizer),
            option: "schedulers", value: "index \(index) (\(type(of: scheduler)))",
            reason: "\(container) expects all schedulers to belong to the same optimizer")
        members.append(member)
    }
    return members
}
