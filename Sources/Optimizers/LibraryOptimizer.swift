// What every library optimizer stores, written once: its parameters, its
// options (one value, torch's param group), the state of each parameter and
// its thread count. An optimizer class adds only its update rule: its
// options type, its state type, its per-step scalars (`Coefficients`, built
// from the options value) and its element kernel (see StepDriver.swift).

/// The options of one library optimizer, as one value: the entries of
/// torch's param group. `lr` is the one every optimizer has; the others
/// are the optimizer's own, and are read as the optimizer's properties
/// (`adam.betas`, `sgd.momentum`).
public protocol StepOptions: Sendable {
    /// The learning rate γ (torch's `lr`) for the next `step()`.
    var lr: Double { get set }
}

/// The shared base of the library optimizers (`SGD`, `Adam`, …): the
/// parameters, one options value, per-parameter state and the thread count.
///
/// Each option is read, and the ones torch's schedulers change (`lr`,
/// `betas`, `momentum`) also set, as a property of the optimizer
/// (`adam.betas = (0.95, 0.999)`): the optimizer looks them up in its
/// `options`. Changing an option between steps keeps all state, as writing
/// torch's `group[…]` does; the next `step()` uses the new value.
@dynamicMemberLookup
public class LibraryOptimizer<Scalar: OptimizerScalar, Options: StepOptions, State: Sendable>: ThreadedOptimizer {
    /// The parameters, in the order given at construction.
    public final let parameters: [Parameter<Scalar>]
    // `@exclusivity(unchecked)` on `options` and `state`: every step reads
    // both, and their dynamic access checks (`swift_beginAccess`, three per
    // step) made a 1,000-element step up to 13 % slower than before the base
    // class (measured with callgrind and scripts/bench-compare). A step
    // racing a write to its own optimizer is a data race either way.

    /// The options the next `step()` reads (torch's param group).
    @exclusivity(unchecked) public internal(set) final var options: Options
    /// See `ThreadedOptimizer.threads`.
    public final var threads: Int = defaultOptimizerThreads
    /// State of each parameter, in the order of `parameters`.
    @exclusivity(unchecked) public internal(set) final var state: [State]

    /// Takes `options` (already checked) and starts every parameter from `state`.
    init(_ parameters: [Parameter<Scalar>], _ options: Options, state: (Parameter<Scalar>) -> State) {
        self.parameters = parameters
        self.options = options
        self.state = parameters.map(state)
    }

    /// The learning rate γ (torch's `lr`) for the next `step()`; changing it
    /// between steps (a scheduler does) keeps all state.
    public final var lr: Double {
        get { options.lr }
        set { options.lr = newValue }
    }

    /// An option, read from `options` (`adam.eps`).
    public final subscript<T>(dynamicMember option: KeyPath<Options, T>) -> T {
        options[keyPath: option]
    }

    /// An option that may change between steps (`adam.betas`, `sgd.momentum`),
    /// read from and written to `options`.
    public final subscript<T>(dynamicMember option: WritableKeyPath<Options, T>) -> T {
        get { options[keyPath: option] }
        set { options[keyPath: option] = newValue }
    }

    /// Updates every parameter whose `grad` is not `nil`, in one pass over
    /// its storage; parameters without a gradient keep their value and state.
    /// A gradient whose count differs from its parameter's is a programmer
    /// error: the program stops with a message naming the parameter.
    public final func step() { takeStep() }

    /// `runStep(self)`, which each optimizer class overrides so that the
    /// driver is specialized for its concrete type.
    func takeStep() { preconditionFailure("\(type(of: self)) does not override takeStep()") }
}
