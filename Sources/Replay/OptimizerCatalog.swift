import Optimizers

/// The torch optimizers a trajectory may name, each read from torch's
/// keyword arguments by `TorchArguments`: the entry is the one place that
/// states the options its class takes, their types and torch's defaults.
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
            let lr = try arguments.number("lr", default: 0.001), momentum = try arguments.number("momentum", default: 0)
            let dampening = try arguments.number("dampening", default: 0)
            let weightDecay = try arguments.number("weight_decay", default: 0)
            let nesterov = try arguments.flag("nesterov", default: false)
            let maximize = try arguments.flag("maximize", default: false)
            try arguments.finish()
            return try SGD(
                parameters, lr: lr, momentum: momentum, dampening: dampening, weightDecay: weightDecay,
                nesterov: nesterov, maximize: maximize)
        case "Adagrad":
            let lr = try arguments.number("lr", default: 0.01), lrDecay = try arguments.number("lr_decay", default: 0)
            let weightDecay = try arguments.number("weight_decay", default: 0)
            let initial = try arguments.number("initial_accumulator_value", default: 0)
            let eps = try arguments.number("eps", default: 1e-10)
            let maximize = try arguments.flag("maximize", default: false)
            try arguments.finish()
            return try Adagrad(
                parameters, lr: lr, lrDecay: lrDecay, weightDecay: weightDecay, initialAccumulatorValue: initial,
                eps: eps, maximize: maximize)
        case "RMSprop":
            let lr = try arguments.number("lr", default: 0.01), alpha = try arguments.number("alpha", default: 0.99)
            let eps = try arguments.number("eps", default: 1e-8)
            let weightDecay = try arguments.number("weight_decay", default: 0)
            let momentum = try arguments.number("momentum", default: 0)
            let centered = try arguments.flag("centered", default: false)
            let maximize = try arguments.flag("maximize", default: false)
            try arguments.finish()
            return try RMSprop(
                parameters, lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay, momentum: momentum,
                centered: centered, maximize: maximize)
        case "Adam", "AdamW":
            let adamW = name == "AdamW"
            let lr = try arguments.number("lr", default: 0.001)
            let betas = try arguments.pair("betas", default: (0.9, 0.999))
            let eps = try arguments.number("eps", default: 1e-8)
            let weightDecay = try arguments.number("weight_decay", default: adamW ? 0.01 : 0)
            let amsgrad = try arguments.flag("amsgrad", default: false)
            let maximize = try arguments.flag("maximize", default: false)
            // AdamW is Adam with decoupled decay always on, and no switch for it.
            let decoupled = adamW ? true : try arguments.flag("decoupled_weight_decay", default: false)
            try arguments.finish()
            if adamW {
                return try AdamW(
                    parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                    maximize: maximize)
            }
            return try Adam(
                parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                maximize: maximize, decoupledWeightDecay: decoupled)
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
