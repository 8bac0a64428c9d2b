import Optimizers

/// The torch optimizers a trajectory may name, with the keyword arguments
/// that change their arithmetic. Implementation switches (`foreach`,
/// `fused`, `capturable`, `differentiable`) are not accepted: trajectories
/// are recorded on the single-tensor path.
enum Catalog {
    enum Kind {
        case number, bool, pair

        var expected: String {
            switch self {
            case .number: "a number"
            case .bool: "a boolean"
            case .pair: "an array of two numbers"
            }
        }
    }

    static let options: [String: [String: Kind]] = [
        "SGD": [
            "lr": .number, "momentum": .number, "dampening": .number, "weight_decay": .number,
            "nesterov": .bool, "maximize": .bool,
        ],
        "Adagrad": [
            "lr": .number, "lr_decay": .number, "weight_decay": .number,
            "initial_accumulator_value": .number, "eps": .number, "maximize": .bool,
        ],
        "RMSprop": [
            "lr": .number, "alpha": .number, "eps": .number, "weight_decay": .number,
            "momentum": .number, "centered": .bool, "maximize": .bool,
        ],
        "Adam": adamOptions.merging(["decoupled_weight_decay": .bool]) { $1 },
        "AdamW": adamOptions,
        "NAdam": [
            "lr": .number, "betas": .pair, "eps": .number, "weight_decay": .number,
            "momentum_decay": .number, "decoupled_weight_decay": .bool, "maximize": .bool,
        ],
        "Adamax": [
            "lr": .number, "betas": .pair, "eps": .number, "weight_decay": .number, "maximize": .bool,
        ],
        "RAdam": [
            "lr": .number, "betas": .pair, "eps": .number, "weight_decay": .number,
            "decoupled_weight_decay": .bool, "maximize": .bool,
        ],
        "Adadelta": [
            "lr": .number, "rho": .number, "eps": .number, "weight_decay": .number, "maximize": .bool,
        ],
        "Rprop": ["lr": .number, "etas": .pair, "step_sizes": .pair, "maximize": .bool],
        "ASGD": [
            "lr": .number, "lambd": .number, "alpha": .number, "t0": .number,
            "weight_decay": .number, "maximize": .bool,
        ],
    ]

    private static let adamOptions: [String: Kind] = [
        "lr": .number, "betas": .pair, "eps": .number, "weight_decay": .number,
        "amsgrad": .bool, "maximize": .bool,
    ]

    /// Builds the named optimizer with torch's defaults for absent options;
    /// `nil` when optnb does not implement it. Options were type-checked
    /// when the file was read.
    static func makeOptimizer<S: OptimizerScalar>(
        _ name: String, _ options: [String: Trajectory.OptionValue], _ parameters: [Parameter<S>]
    ) throws(InvalidOption) -> (any Optimizer<S>)? {
        let o = Options(values: options)
        switch name {
        case "SGD":
            return try SGD(
                parameters, lr: o.number("lr", 0.001), momentum: o.number("momentum", 0),
                dampening: o.number("dampening", 0), weightDecay: o.number("weight_decay", 0),
                nesterov: o.bool("nesterov", false), maximize: o.bool("maximize", false))
        case "Adagrad":
            return try Adagrad(
                parameters, lr: o.number("lr", 0.01), lrDecay: o.number("lr_decay", 0),
                weightDecay: o.number("weight_decay", 0),
                initialAccumulatorValue: o.number("initial_accumulator_value", 0),
                eps: o.number("eps", 1e-10), maximize: o.bool("maximize", false))
        case "RMSprop":
            return try RMSprop(
                parameters, lr: o.number("lr", 0.01), alpha: o.number("alpha", 0.99),
                eps: o.number("eps", 1e-8), weightDecay: o.number("weight_decay", 0),
                momentum: o.number("momentum", 0), centered: o.bool("centered", false),
                maximize: o.bool("maximize", false))
        case "Adam":
            return try Adam(
                parameters, lr: o.number("lr", 0.001), betas: o.pair("betas", (0.9, 0.999)),
                eps: o.number("eps", 1e-8), weightDecay: o.number("weight_decay", 0),
                amsgrad: o.bool("amsgrad", false), maximize: o.bool("maximize", false),
                decoupledWeightDecay: o.bool("decoupled_weight_decay", false))
        case "AdamW":
            return try AdamW(
                parameters, lr: o.number("lr", 0.001), betas: o.pair("betas", (0.9, 0.999)),
                eps: o.number("eps", 1e-8), weightDecay: o.number("weight_decay", 0.01),
                amsgrad: o.bool("amsgrad", false), maximize: o.bool("maximize", false))
        case "NAdam":
            return try NAdam(
                parameters, lr: o.number("lr", 0.002), betas: o.pair("betas", (0.9, 0.999)),
                eps: o.number("eps", 1e-8), weightDecay: o.number("weight_decay", 0),
                momentumDecay: o.number("momentum_decay", 0.004),
                decoupledWeightDecay: o.bool("decoupled_weight_decay", false),
                maximize: o.bool("maximize", false))
        default:
            return try makeTorchExtra(name, o, parameters)
        }
    }
}

/// Typed access to checked option values, with torch's default when absent.
struct Options {
    let values: [String: Trajectory.OptionValue]

    func number(_ key: String, _ fallback: Double) -> Double {
        if case .number(let x) = values[key] { return x }
        return fallback
    }

    func bool(_ key: String, _ fallback: Bool) -> Bool {
        if case .bool(let x) = values[key] { return x }
        return fallback
    }

    func pair(_ key: String, _ fallback: (Double, Double)) -> (Double, Double) {
        if case .pair(let a, let b) = values[key] { return (a, b) }
        return fallback
    }
}
