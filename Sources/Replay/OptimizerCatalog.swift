import Optimizers

/// The torch optimizer class names replay (and `makeOptimizer`) builds.
public let replayableOptimizers = [
    "SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "NAdam", "Adamax", "RAdam", "Adadelta", "Rprop", "ASGD",
]

/// The torch optimizers a trajectory may name, each read from torch's
/// keyword arguments by `TorchArguments`: the entry is the one place that
/// states the options its class takes and their types. Each entry is its
/// class's initializer with every argument read in place (`TorchArguments.build`),
/// in torch's order. torch's defaults are written once, in the library's
/// initializers: each entry reads them from an instance built with no
/// options (`d`).
/// Implementation switches (`foreach`, `fused`, `capturable`,
/// `differentiable`) are not accepted: trajectories are recorded on the
/// single-tensor path.
enum OptimizerCatalog {
    /// The class names `makeOptimizer` builds.
    static let names = replayableOptimizers

    /// Builds torch's optimizer `name` on `parameters`, absent options taking
    /// torch's defaults, with `root` as the square root of those that take
    /// one; `arguments.resolved` then holds every option used.
    /// - Throws: `InvalidOption` for an unknown name (option `"optimizer"`),
    ///   an option the class does not take, of the wrong type, or one torch
    ///   refuses (the constructor's own check).
    static func makeOptimizer<S: OptimizerScalar>(
        _ name: String, _ arguments: inout TorchArguments, _ parameters: [Parameter<S>],
        squareRoot root: SquareRoot = .torchMKL
    ) throws(InvalidOption) -> any ThreadedOptimizer<S> {
        let none = [Parameter<S>]()
        switch name {
        case "SGD":
            let d = try SGD(none)
            return try arguments.build { a throws(InvalidOption) in
                try SGD(
                    parameters, lr: a.number("lr", default: d.lr), momentum: a.number("momentum", default: d.momentum),
                    dampening: a.number("dampening", default: d.dampening),
                    weightDecay: a.number("weight_decay", default: d.weightDecay),
                    nesterov: a.flag("nesterov", default: d.nesterov), maximize: a.flag("maximize", default: d.maximize))
            }
        case "Adagrad":
            let d = try Adagrad(none)
            return try arguments.build { a throws(InvalidOption) in
                try Adagrad(
                    parameters, lr: a.number("lr", default: d.lr), lrDecay: a.number("lr_decay", default: d.lrDecay),
                    weightDecay: a.number("weight_decay", default: d.weightDecay),
                    initialAccumulatorValue: a.number("initial_accumulator_value", default: d.initialAccumulatorValue),
                    eps: a.number("eps", default: d.eps), maximize: a.flag("maximize", default: d.maximize),
                    squareRoot: root)
            }
        case "RMSprop":
            let d = try RMSprop(none)
            return try arguments.build { a throws(InvalidOption) in
                try RMSprop(
                    parameters, lr: a.number("lr", default: d.lr), alpha: a.number("alpha", default: d.alpha),
                    eps: a.number("eps", default: d.eps), weightDecay: a.number("weight_decay", default: d.weightDecay),
                    momentum: a.number("momentum", default: d.momentum), centered: a.flag("centered", default: d.centered),
                    maximize: a.flag("maximize", default: d.maximize), squareRoot: root)
            }
        case "Adam":
            let d = try Adam(none)
            return try arguments.build { a throws(InvalidOption) in
                try Adam(
                    parameters, lr: a.number("lr", default: d.lr), betas: a.pair("betas", default: d.betas),
                    eps: a.number("eps", default: d.eps), weightDecay: a.number("weight_decay", default: d.weightDecay),
                    amsgrad: a.flag("amsgrad", default: d.amsgrad), maximize: a.flag("maximize", default: d.maximize),
                    decoupledWeightDecay: a.flag("decoupled_weight_decay", default: d.decoupledWeightDecay),
                    squareRoot: root)
            }
        case "AdamW":
            // Adam with decoupled decay always on, and no switch for it.
            let d = try AdamW(none)
            return try arguments.build { a throws(InvalidOption) in
                try AdamW(
                    parameters, lr: a.number("lr", default: d.lr), betas: a.pair("betas", default: d.betas),
                    eps: a.number("eps", default: d.eps), weightDecay: a.number("weight_decay", default: d.weightDecay),
                    amsgrad: a.flag("amsgrad", default: d.amsgrad), maximize: a.flag("maximize", default: d.maximize),
                    squareRoot: root)
            }
        case "NAdam":
            let d = try NAdam(none)
            return try arguments.build { a throws(InvalidOption) in
                try NAdam(
                    parameters, lr: a.number("lr", default: d.lr), betas: a.pair("betas", default: d.betas),
                    eps: a.number("eps", default: d.eps), weightDecay: a.number("weight_decay", default: d.weightDecay),
                    momentumDecay: a.number("momentum_decay", default: d.momentumDecay),
                    decoupledWeightDecay: a.flag("decoupled_weight_decay", default: d.decoupledWeightDecay),
                    maximize: a.flag("maximize", default: d.maximize), squareRoot: root)
            }
        case "Adamax":
            let d = try Adamax(none)
            return try arguments.build { a throws(InvalidOption) in
                try Adamax(
                    parameters, lr: a.number("lr", default: d.lr), betas: a.pair("betas", default: d.betas),
                    eps: a.number("eps", default: d.eps), weightDecay: a.number("weight_decay", default: d.weightDecay),
                    maximize: a.flag("maximize", default: d.maximize))
            }
        case "RAdam":
            let d = try RAdam(none)
            return try arguments.build { a throws(InvalidOption) in
                try RAdam(
                    parameters, lr: a.number("lr", default: d.lr), betas: a.pair("betas", default: d.betas),
                    eps: a.number("eps", default: d.eps), weightDecay: a.number("weight_decay", default: d.weightDecay),
                    decoupledWeightDecay: a.flag("decoupled_weight_decay", default: d.decoupledWeightDecay),
                    maximize: a.flag("maximize", default: d.maximize), squareRoot: root)
            }
        case "Adadelta":
            let d = try Adadelta(none)
            return try arguments.build { a throws(InvalidOption) in
                try Adadelta(
                    parameters, lr: a.number("lr", default: d.lr), rho: a.number("rho", default: d.rho),
                    eps: a.number("eps", default: d.eps), weightDecay: a.number("weight_decay", default: d.weightDecay),
                    maximize: a.flag("maximize", default: d.maximize), squareRoot: root)
            }
        case "Rprop":
            let d = try Rprop(none)
            return try arguments.build { a throws(InvalidOption) in
                try Rprop(
                    parameters, lr: a.number("lr", default: d.lr), etas: a.pair("etas", default: d.etas),
                    stepSizes: a.pair("step_sizes", default: d.stepSizes), maximize: a.flag("maximize", default: d.maximize))
            }
        case "ASGD":
            let d = try ASGD(none)
            return try arguments.build { a throws(InvalidOption) in
                try ASGD(
                    parameters, lr: a.number("lr", default: d.lr), lambd: a.number("lambd", default: d.lambd),
                    alpha: a.number("alpha", default: d.alpha), t0: a.number("t0", default: d.t0),
                    weightDecay: a.number("weight_decay", default: d.weightDecay),
                    maximize: a.flag("maximize", default: d.maximize))
            }
        default:
            throw InvalidOption(
                option: "optimizer", value: name,
                reason: "unknown optimizer; replayable ones are " + names.joined(separator: ", "))
        }
    }
}

/// Builds torch's optimizer `name` on `parameters` from torch's keyword
/// arguments (as a trajectory file gives them), absent options taking
/// torch's defaults: the catalog replay builds its optimizers with, for
/// other tools (`optnb bench`) to build theirs alike. `root` is the square
/// root of the optimizers that take one (replay's is `.torchMKL`).
/// - Throws: `InvalidOption` naming the unknown optimizer (option
///   `"optimizer"`), the unknown or ill-typed option, or one torch refuses.
public func makeOptimizer<S: OptimizerScalar>(
    _ name: String, options: [String: TorchArgument], on parameters: [Parameter<S>], squareRoot root: SquareRoot
) throws(InvalidOption) -> any ThreadedOptimizer<S> {
    var arguments = TorchArguments(of: name, options)
    return try OptimizerCatalog.makeOptimizer(name, &arguments, parameters, squareRoot: root)
}

extension Trajectory {
    /// Every keyword argument of the recorded optimizer's constructor: the
    /// file's value, or torch's default where it gives none — what replay
    /// builds the optimizer from.
    /// - Throws: `InvalidOption` as replay would refuse the options.
    public func optimizerArguments() throws(InvalidOption) -> [String: TorchArgument] {
        var arguments = TorchArguments(of: optimizer, options)
        _ = try OptimizerCatalog.makeOptimizer(optimizer, &arguments, [Parameter<Double>]())
        return arguments.resolved
    }
}
