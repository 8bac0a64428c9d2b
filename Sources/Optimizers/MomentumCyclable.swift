/// Where an optimizer keeps the momentum that torch's `CyclicLR` and
/// `OneCycleLR` cycle: `group["momentum"]`, or β₁ in `group["betas"]`.
public enum MomentumKey: String, Sendable {
    /// torch's `"momentum"` entry (SGD, RMSprop).
    case momentum
    /// The first of torch's `"betas"` (Adam, AdamW, Adamax, NAdam, RAdam).
    case beta1 = "betas[0]"
}

/// An optimizer whose momentum a scheduler may set between steps.
///
/// torch's `CyclicLR` and `OneCycleLR` (with `cycle_momentum=True`, their
/// default) accept an optimizer only if its `defaults` have a `"momentum"`
/// or a `"betas"` entry, and then write `group["momentum"]`, or replace
/// β₁ in `group["betas"]` keeping β₂ (`use_beta1 = "betas" in defaults`).
/// The optimizers torch accepts adopt this protocol: `SGD` and `RMSprop`
/// (momentum), `Adam`, `AdamW`, `Adamax`, `NAdam` and `RAdam` (β₁), and
/// `ScheduleProbe`, which stands in for torch's `SGD`. torch's SGD has a
/// `"momentum"` entry even when it is 0, so a scheduler cycling momentum
/// turns momentum on in a plain SGD, here as there.
///
/// Contract: setting `momentumOrBeta1` between steps keeps all optimizer
/// state, and the next `step()` uses the new value wherever torch's step reads
/// `group["momentum"]` or β₁ (buffers, bias corrections, NAdam's μ). No
/// range is checked, as torch checks none when a scheduler writes the group.
public protocol MomentumCyclable: Optimizer {
    /// Which of torch's entries `momentumOrBeta1` is.
    static var momentumKey: MomentumKey { get }

    /// The momentum (SGD, RMSprop) or β₁ (the Adam family) in force for the
    /// next `step()`.
    var momentumOrBeta1: Double { get set }
}

/// Options that keep the momentum `CyclicLR` and `OneCycleLR` cycle: SGD's
/// and RMSprop's `momentum`, or β₁ of the Adam family's `betas`. The
/// library optimizers whose options adopt it are `MomentumCyclable`.
public protocol MomentumOptions: StepOptions {
    /// Which of torch's entries `momentumOrBeta1` is.
    static var momentumKey: MomentumKey { get }
    /// The momentum or β₁ in these options.
    var momentumOrBeta1: Double { get set }
}

/// Options with torch's `"momentum"` entry (`SGDOptions`, `RMSpropOptions`).
public protocol MomentumEntryOptions: MomentumOptions {
    /// μ, torch's `group["momentum"]`.
    var momentum: Double { get set }
}

extension MomentumEntryOptions {
    /// `.momentum`: the options keep torch's `group["momentum"]`.
    public static var momentumKey: MomentumKey { .momentum }

    /// `momentum`, read by the next `step()`.
    public var momentumOrBeta1: Double {
        get { momentum }
        set { momentum = newValue }
    }
}

extension SGDOptions: MomentumEntryOptions {}
extension RMSpropOptions: MomentumEntryOptions {}

extension AdamFamilyOptions: MomentumOptions {
    /// `.beta1`: the Adam family keeps β₁ as torch's `group["betas"][0]`.
    public static var momentumKey: MomentumKey { .beta1 }

    /// β₁ (`betas.0`; β₂ is kept), read by the next `step()`, bias
    /// corrections included.
    public var momentumOrBeta1: Double {
        get { betas.0 }
        set { betas.0 = newValue }
    }
}

extension LibraryOptimizer: MomentumCyclable where Options: MomentumOptions {
    /// Where the options keep the momentum (`MomentumOptions.momentumKey`).
    public static var momentumKey: MomentumKey { Options.momentumKey }

    /// The momentum or β₁ of `options`, read by the next `step()`.
    public var momentumOrBeta1: Double {
        get { options.momentumOrBeta1 }
        set { options.momentumOrBeta1 = newValue }
    }
}

extension ScheduleProbe: MomentumCyclable {
    /// `.momentum`: ScheduleProbe keeps torch's `group["momentum"]`.
    public static var momentumKey: MomentumKey { .momentum }

    /// ScheduleProbe's `momentum`, read by the next `step()`.
    public var momentumOrBeta1: Double {
        get { momentum }
        set { momentum = newValue }
    }
}

/// How `CyclicLR` and `OneCycleLR` reach the momentum they cycle: the
/// optimizer seen as `MomentumCyclable`, and the two bounds.
struct MomentumCycle {
    let optimizer: any MomentumCyclable
    /// torch's `base_momentum`: the momentum where the rate peaks.
    let base: Double
    /// torch's `max_momentum`: the momentum where the rate is lowest.
    let max: Double

    /// torch's check, made before anything is written: with `cycleMomentum`
    /// the optimizer must have a momentum or β₁; `nil` without `cycleMomentum`.
    init?(
        _ optimizer: any Optimizer, cycleMomentum: Bool, base: Double, max: Double, scheduler: String
    ) throws(InvalidOption) {
        guard cycleMomentum else { return nil }
        guard let cyclable = optimizer as? any MomentumCyclable else {
            throw InvalidOption(
                option: "cycle_momentum", value: "true",
                reason: "optimizer must support momentum or beta1 with `cycle_momentum` option enabled "
                    + "(torch's ValueError): \(type(of: optimizer)) has neither; "
                    + "pass cycleMomentum: false to \(scheduler) to cycle the rate alone")
        }
        self.optimizer = cyclable
        self.base = base
        self.max = max
    }

    func set(_ momentum: Double) { optimizer.momentumOrBeta1 = momentum }
}
