import Optimizers

extension Catalog {
    /// The rest of torch.optim beyond the study's six, with torch's defaults
    /// for absent options; `nil` for a name optnb does not implement.
    static func makeTorchExtra<S: OptimizerScalar>(
        _ name: String, _ o: Options, _ parameters: [Parameter<S>]
    ) throws(InvalidOption) -> (any Optimizer<S>)? {
        switch name {
        case "Adamax":
            return try Adamax(
                parameters, lr: o.number("lr", 0.002), betas: o.pair("betas", (0.9, 0.999)),
                eps: o.number("eps", 1e-8), weightDecay: o.number("weight_decay", 0),
                maximize: o.bool("maximize", false))
        case "RAdam":
            return try RAdam(
                parameters, lr: o.number("lr", 0.001), betas: o.pair("betas", (0.9, 0.999)),
                eps: o.number("eps", 1e-8), weightDecay: o.number("weight_decay", 0),
                decoupledWeightDecay: o.bool("decoupled_weight_decay", false),
                maximize: o.bool("maximize", false))
        case "Adadelta":
            return try Adadelta(
                parameters, lr: o.number("lr", 1.0), rho: o.number("rho", 0.9), eps: o.number("eps", 1e-6),
                weightDecay: o.number("weight_decay", 0), maximize: o.bool("maximize", false))
        case "Rprop":
            return try Rprop(
                parameters, lr: o.number("lr", 0.01), etas: o.pair("etas", (0.5, 1.2)),
                stepSizes: o.pair("step_sizes", (1e-6, 50)), maximize: o.bool("maximize", false))
        case "ASGD":
            return try ASGD(
                parameters, lr: o.number("lr", 0.01), lambd: o.number("lambd", 1e-4),
                alpha: o.number("alpha", 0.75), t0: o.number("t0", 1e6),
                weightDecay: o.number("weight_decay", 0), maximize: o.bool("maximize", false))
        default:
            return nil
        }
    }
}
