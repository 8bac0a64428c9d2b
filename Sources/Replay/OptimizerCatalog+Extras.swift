import Optimizers

extension OptimizerCatalog {
    /// NAdam and the rest of torch.optim beyond the study's first five, as
    /// `makeOptimizer` documents.
    static func makeOtherOptimizer<S: OptimizerScalar>(
        _ name: String, _ arguments: inout TorchArguments, _ parameters: [Parameter<S>]
    ) throws(InvalidOption) -> any Optimizer<S> {
        switch name {
        case "NAdam":
            let d = try NAdam([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), betas = try arguments.pair("betas", default: d.betas)
            let eps = try arguments.number("eps", default: d.eps)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let momentumDecay = try arguments.number("momentum_decay", default: d.momentumDecay)
            let decoupled = try arguments.flag("decoupled_weight_decay", default: d.decoupledWeightDecay)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            try arguments.finish()
            return try NAdam(
                parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, momentumDecay: momentumDecay,
                decoupledWeightDecay: decoupled, maximize: maximize, squareRoot: .torchMKL)
        case "Adamax":
            let d = try Adamax([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), betas = try arguments.pair("betas", default: d.betas)
            let eps = try arguments.number("eps", default: d.eps)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            try arguments.finish()
            return try Adamax(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, maximize: maximize)
        case "RAdam":
            let d = try RAdam([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), betas = try arguments.pair("betas", default: d.betas)
            let eps = try arguments.number("eps", default: d.eps)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let decoupled = try arguments.flag("decoupled_weight_decay", default: d.decoupledWeightDecay)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            try arguments.finish()
            return try RAdam(
                parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, decoupledWeightDecay: decoupled,
                maximize: maximize, squareRoot: .torchMKL)
        case "Adadelta":
            let d = try Adadelta([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), rho = try arguments.number("rho", default: d.rho)
            let eps = try arguments.number("eps", default: d.eps)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            try arguments.finish()
            return try Adadelta(parameters, lr: lr, rho: rho, eps: eps, weightDecay: weightDecay, maximize: maximize, squareRoot: .torchMKL)
        case "Rprop":
            let d = try Rprop([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), etas = try arguments.pair("etas", default: d.etas)
            let stepSizes = try arguments.pair("step_sizes", default: d.stepSizes)
            let maximize = try arguments.flag("maximize", default: d.maximize)
            try arguments.finish()
            return try Rprop(parameters, lr: lr, etas: etas, stepSizes: stepSizes, maximize: maximize)
        case "ASGD":
            let d = try ASGD([Parameter<S>]())
            let lr = try arguments.number("lr", default: d.lr), lambd = try arguments.number("lambd", default: d.lambd)
            let alpha = try arguments.number("alpha", default: d.alpha), t0 = try arguments.number("t0", default: d.t0)
            let weightDecay = try arguments.number("weight_decay", default: d.weightDecay)
            let maximize = try arguments.flag("maximize", default: d.maximize)
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
