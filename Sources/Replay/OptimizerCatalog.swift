import Optimizers

/// The torch optimizers a trajectory may name, each read from torch's
/// keyword arguments by `TorchArguments`: the entry is the one place that
/// states the options its class takes and their types. torch's defaults
/// are written once, in the library's initializers: each entry reads them
/// from an instance built with no options (`d`).
/// Implementation switches (`foreach`, `fused`, `capturable`,
/// `differentiable`) are not accepted: trajectories are recorded on the
/// single-tensor path.
enum OptimizerCatalog {
    /// The class names `makeOptimizer` builds.
    static let names = [
        "SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "NAdam", "Adamax", "RAdam", "Adadelta", "Rprop", "ASGD",
    ]

    /// Builds torch's optimizer `name` on `parameters`, absent options taking
    /// torch's defaults; `arguments.resolved` then holds every option used.
    /// - Throws: `InvalidOption` for an unknown name (option `"optimizer"`),
    ///   an option the class does not take, of the wrong type, or one torch
    ///   refuses (the constructor's own check).
    static func makeOptimizer<S: OptimizerScalar>(
        _ name: String, _ arguments: inout TorchArguments, _ parameters: [Parameter<S>]
    ) throws(InvalidOption) -> any Optimizer<S> {
        switch name {
        case "SGD":
            let d = try SGD([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), momentum = try arguments.number("momentum", default: d.momentum)
            let dampening = try arguments.number("dampening", default: d.dampening)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let nesterov = try arguments.flag("nesterov", default: d.nesterov)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            try arguments.finish()
            return try SGD(
                parameters, lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
                nesterov: nesterov, maximize: maximize)
        case "Adagrad":
            let d = try Adagrad([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), lrDecay = try arguments.number("lr_decay", default: d.lrDecay)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let initial = try arguments.number("initial_accumulator_value", default: d.initialAccumulatorValue)
            let eps = try arguments.number("eps", default: d.eps)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            try arguments.finish()
            return try Adagrad(
                parameters, lr: lr, lrDecay: lrDecay, weightDecay: weightDecay, initialAccumulatorValue: initial,
                eps: eps, maximize: maximize, squareRoot: .torchMKL)
        case "RMSprop":
            let d = try RMSprop([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), alpha = try arguments.number("alpha", default: d.alpha)
            let eps = try arguments.number("eps", default: d.eps)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let momentum = try arguments.number("momentum", default: d.momentum)
            let centered = try arguments.flag("centered", default: d.centered)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            try arguments.finish()
            return try RMSprop(
                parameters, lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay, momentum: momentum,
                centered: centered, maximize: maximize, squareRoot: .torchMKL)
        case "Adam", "AdamW":
            let adamW = name == "AdamW"
            let d = adamW ? try AdamW([Parameter<S>]()) : try Adam([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr)
            let betas = try arguments.pair("betas", default: d.betas)
            let eps = try arguments.number("eps", default: d.eps)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let amsgrad = try arguments.flag("amsgrad", default: d.amsgrad)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            // AdamW is Adam with decoupled decay always on, and no switch for it.
            let decoupled = adamW ? true : try arguments.flag("decoupled_weight_decay", default: d.decoupledWeightDecay)
            try arguments.finish()
            if adamW {
                return try AdamW(
                    parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                    maximize: maximize, squareRoot: .torchMKL)
            }
            return try Adam(
                parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                maximize: maximize, decoupledWeightDecay: decoupled, squareRoot: .torchMKL)
        default:
            return try makeOtherOptimizer(name, &arguments, parameters)
        }
    }
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
