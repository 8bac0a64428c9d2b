import Optimizers

extension OptimizerCatalog {
    /// NAdam and the rest of torch.optim beyond the study's first five, as
    /// `makeOptimizer` documents.
    static func makeOtherOptimizer<S: OptimizerScalar>(
        _ name: String, _ arguments: inout TorchArguments, _ parameters: [Parameter<S>]
    ) throws(InvalidOption) -> any Optimizer<S> {
        switch name {
        case "NAdam", "Adamax", "RAdam":
            let lr = try arguments.number("lr", default: name == "RAdam" ? 0.001 : 0.002)
            let betas = try arguments.pair("betas", default: (0.9, 0.999))
            let eps = try arguments.number("eps", default: 1e-8)
            let weightDecay = try arguments.number("weight_decay", default: 0)
            let momentumDecay = name == "NAdam" ? try arguments.number("momentum_decay", default: 0.004) : 0
            let decoupled = name == "Adamax" ? false : try arguments.flag("decoupled_weight_decay", default: false)
            let maximize = try arguments.flag("maximize", default: false)
            try arguments.finish()
            switch name {
            case "NAdam":
                return try NAdam(
                    parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, momentumDecay: momentumDecay,
                    decoupledWeightDecay: decoupled, maximize: maximize)
            case "RAdam":
                return try RAdam(
                    parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                    decoupledWeightDecay: decoupled, maximize: maximize)
            default:
                return try Adamax(
                    parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, maximize: maximize)
            }
        case "Adadelta":
            let lr = try arguments.number("lr", default: 1.0), rho = try arguments.number("rho", default: 0.9)
            let eps = try arguments.number("eps", default: 1e-6)
            let weightDecay = try arguments.number("weight_decay", default: 0)
            let maximize = try arguments.flag("maximize", default: false)
            try arguments.finish()
            return try Adadelta(parameters, lr: lr, rho: rho, eps: eps, weightDecay: weightDecay, maximize: maximize)
        case "Rprop":
            let lr = try arguments.number("lr", default: 0.01), etas = try arguments.pair("etas", default: (0.5, 1.2))
            let stepSizes = try arguments.pair("step_sizes", default: (1e-6, 50))
            let maximize = try arguments.flag("maximize", default: false)
            try arguments.finish()
            return try Rprop(parameters, lr: lr, etas: etas, stepSizes: stepSizes, maximize: maximize)
        case "ASGD":
            let lr = try arguments.number("lr", default: 0.01), lambd = try arguments.number("lambd", default: 1e-4)
            let alpha = try arguments.number("alpha", default: 0.75), t0 = try arguments.number("t0", default: 1e6)
            let weightDecay = try arguments.number("weight_decay", default: 0)
            let maximize = try arguments.flag("maximize", default: false)
            try arguments.finish()
            return try ASGD(
                parameters, lr: lr, lambd: lambd, alpha: alpha, t0: t0, weightDecay: weightDecay, maximize: maximize)
        default:
            throw InvalidOption(
                option: "optimizer", value: name,
                reason: "unknown optimizer; replayable ones are " + names.joined(separator: ", "))
        }
    }
}
