import Optimizers

/// The torch scheduler class names replay builds: `makeScheduler` builds all
/// but `ReduceLROnPlateau`, which `replayScheduleTrace` steps on its metrics.
public let replayableSchedulers = [
    "StepLR", "MultiStepLR", "ExponentialLR", "ConstantLR", "LinearLR", "PolynomialLR",
    "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR", "ReduceLROnPlateau",
]

/// Builds torch's scheduler `name` on `optimizer` from torch's keyword
/// arguments (as a schedule or trajectory file gives them), performing its
/// initial step. Absent options take torch's defaults, read from an
/// instance built with none (see `probe`). Every name in `replayableSchedulers` but `ReduceLROnPlateau`,
/// which steps on a metric (use `replaySchedule` with metrics).
/// - Throws: `InvalidOption` naming the unknown scheduler (option
///   `"scheduler"`), the unknown or ill-typed option, or one torch refuses,
///   including `cycle_momentum` on an optimizer without momentum or β₁.
public func makeScheduler(
    _ name: String, options: [String: TorchArgument], on optimizer: any Optimizer
) throws(InvalidOption) -> any LRScheduler {
    guard name != "ReduceLROnPlateau" else {
        throw InvalidOption(
            option: "scheduler", value: name, reason: "it steps on a metric; replay it with its metrics")
    }
    var reader = TorchArguments(of: name, options)
    return try buildScheduler(name, &reader, on: optimizer)
}

private func buildScheduler(
    _ name: String, _ options: inout TorchArguments, on optimizer: any Optimizer
) throws(InvalidOption) -> any LRScheduler {
    if replayableSchedulers.contains(name) { try options.startAfresh() }
    switch name {
    case "StepLR":
        let d = try StepLR(probe(), stepSize: 1)
        return try options.build { a throws(InvalidOption) in
            try StepLR(optimizer, stepSize: a.integer("step_size"), gamma: a.number("gamma", default: d.gamma))
        }
    case "MultiStepLR":
        let d = MultiStepLR(try probe(), milestones: [])
        return try options.build { a throws(InvalidOption) in
            MultiStepLR(optimizer, milestones: try a.integers("milestones"), gamma: try a.number("gamma", default: d.gamma))
        }
    case "ExponentialLR":
        return try options.build { a throws(InvalidOption) in ExponentialLR(optimizer, gamma: try a.number("gamma")) }
    case "ConstantLR":
        let d = try ConstantLR(probe())
        return try options.build { a throws(InvalidOption) in
            try ConstantLR(
                optimizer, factor: a.number("factor", default: d.factor),
                totalIters: a.integer("total_iters", default: d.totalIters))
        }
    case "LinearLR":
        let d = try LinearLR(probe())
        return try options.build { a throws(InvalidOption) in
            try LinearLR(
                optimizer, startFactor: a.number("start_factor", default: d.startFactor),
                endFactor: a.number("end_factor", default: d.endFactor),
                totalIters: a.integer("total_iters", default: d.totalIters))
        }
    case "PolynomialLR":
        let d = try PolynomialLR(probe())
        return try options.build { a throws(InvalidOption) in
            try PolynomialLR(
                optimizer, totalIters: a.integer("total_iters", default: d.totalIters),
                power: a.number("power", default: d.power))
        }
    case "CosineAnnealingLR":
        let d = try CosineAnnealingLR(probe(), tMax: 1)
        return try options.build { a throws(InvalidOption) in
            try CosineAnnealingLR(optimizer, tMax: a.integer("T_max"), etaMin: a.number("eta_min", default: d.etaMin))
        }
    case "CosineAnnealingWarmRestarts":
        let d = try CosineAnnealingWarmRestarts(probe(), t0: 1)
        return try options.build { a throws(InvalidOption) in
            try CosineAnnealingWarmRestarts(
                optimizer, t0: a.integer("T_0"), tMult: a.integer("T_mult", default: d.tMult),
                etaMin: a.number("eta_min", default: d.etaMin))
        }
    case "CyclicLR":
        return try buildCyclic(&options, on: optimizer)
    case "OneCycleLR":
        return try buildOneCycle(&options, on: optimizer)
    case "SequentialLR", "ChainedScheduler", "ParamwiseScheduler", "LambdaLR", "MultiplicativeLR":
        throw InvalidOption(
            option: "scheduler", value: name,
            reason: "a schedule file cannot describe it (it takes other schedulers or a Python function)")
    default:
        throw InvalidOption(
            option: "scheduler", value: name,
            reason: "unknown scheduler; replayable ones are " + replayableSchedulers.joined(separator: ", "))
    }
}

private func buildCyclic(_ options: inout TorchArguments, on optimizer: any Optimizer) throws(InvalidOption) -> CyclicLR {
    let d = try CyclicLR(probe(), baseLR: 0.1, maxLR: 1)
    return try options.build { a throws(InvalidOption) in
        // Read in torch's order: scale_fn and scale_mode come after gamma.
        let baseLR = try a.perGroupNumber("base_lr"), maxLR = try a.perGroupNumber("max_lr")
        let up = try a.integer("step_size_up", default: d.stepSizeUp), down = try a.optionalInteger("step_size_down")
        let mode = try a.choice("mode", default: d.mode), gamma = try a.number("gamma", default: d.gamma)
        try a.requireNone("scale_fn")
        // Without scale_fn torch replaces scale_mode by the mode's own.
        _ = try a.choiceText("scale_mode", among: ["cycle", "iterations"])
        return try CyclicLR(
            optimizer, baseLR: baseLR, maxLR: maxLR, stepSizeUp: up, stepSizeDown: down, mode: mode, gamma: gamma,
            cycleMomentum: a.flag("cycle_momentum", default: d.cycleMomentum),
            baseMomentum: a.perGroupNumber("base_momentum", default: d.baseMomentum),
            maxMomentum: a.perGroupNumber("max_momentum", default: d.maxMomentum))
    }
}

private func buildOneCycle(_ options: inout TorchArguments, on optimizer: any Optimizer) throws(InvalidOption) -> OneCycleLR {
    let d = try OneCycleLR(probe(), maxLR: 1, totalSteps: 10)
    return try options.build { a throws(InvalidOption) in
        try OneCycleLR(
            optimizer, maxLR: a.perGroupNumber("max_lr"), totalSteps: a.optionalInteger("total_steps"),
            epochs: a.optionalInteger("epochs"), stepsPerEpoch: a.optionalInteger("steps_per_epoch"),
            pctStart: a.number("pct_start", default: d.pctStart),
            annealStrategy: a.choice("anneal_strategy", default: d.annealStrategy),
            cycleMomentum: a.flag("cycle_momentum", default: d.cycleMomentum),
            baseMomentum: a.perGroupNumber("base_momentum", default: d.baseMomentum),
            maxMomentum: a.perGroupNumber("max_momentum", default: d.maxMomentum),
            divFactor: a.number("div_factor", default: d.divFactor),
            finalDivFactor: a.number("final_div_factor", default: d.finalDivFactor),
            threePhase: a.flag("three_phase", default: d.threePhase))
    }
}

func buildPlateau(
    _ options: inout TorchArguments, on optimizer: any Optimizer
) throws(InvalidOption) -> ReduceLROnPlateau {
    let d = try ReduceLROnPlateau(probe())
    return try options.build { a throws(InvalidOption) in
        try ReduceLROnPlateau(
            optimizer, mode: a.choice("mode", default: d.mode), factor: a.number("factor", default: d.factor),
            patience: a.integer("patience", default: d.patience), threshold: a.number("threshold", default: d.threshold),
            thresholdMode: a.choice("threshold_mode", default: d.thresholdMode),
            cooldown: a.integer("cooldown", default: d.cooldown), minLR: a.perGroupNumber("min_lr", default: d.minLR),
            eps: a.number("eps", default: d.eps))
    }
}

/// A throwaway optimizer with no parameters (and a momentum, for the
/// cycling schedulers) to build a scheduler on with no options: each entry
/// reads torch's defaults from that instance (`d`), so they are written once,
/// in the library's initializers, as `OptimizerCatalog` does for optimizers.
/// The required options get any valid value; their readings are not used.
private func probe() throws(InvalidOption) -> SGD<Double> {
    try SGD([Parameter<Double>](), momentum: 0.9)
}

extension TorchArguments {
    /// A scheduler's `last_epoch`, which only the default -1 (start afresh)
    /// may take.
    fileprivate mutating func startAfresh() throws(InvalidOption) {
        guard let epoch = try optionalInteger("last_epoch"), epoch != -1 else { return }
        throw InvalidOption(
            option: "last_epoch", value: "\(epoch)",
            reason: "resuming a schedule is not supported; replay it from the start (last_epoch -1)")
    }
}
