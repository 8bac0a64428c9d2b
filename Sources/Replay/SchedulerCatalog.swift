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
        let stepSize = try options.integer("step_size")
        let gamma = try options.number("gamma", default: d.gamma)
        try options.finish()
        return try StepLR(optimizer, stepSize: stepSize, gamma: gamma)
    case "MultiStepLR":
        let d = MultiStepLR(try probe(), milestones: [])
        let milestones = try options.integers("milestones")
        let gamma = try options.number("gamma", default: d.gamma)
        try options.finish()
        return MultiStepLR(optimizer, milestones: milestones, gamma: gamma)
    case "ExponentialLR":
        let gamma = try options.number("gamma")
        try options.finish()
        return ExponentialLR(optimizer, gamma: gamma)
    case "ConstantLR":
        let d = try ConstantLR(probe())
        let factor = try options.number("factor", default: d.factor)
        let totalIters = try options.integer("total_iters", default: d.totalIters)
        try options.finish()
        return try ConstantLR(optimizer, factor: factor, totalIters: totalIters)
    case "LinearLR":
        let d = try LinearLR(probe())
        let start = try options.number("start_factor", default: d.startFactor)
        let end = try options.number("end_factor", default: d.endFactor)
        let totalIters = try options.integer("total_iters", default: d.totalIters)
        try options.finish()
        return try LinearLR(optimizer, startFactor: start, endFactor: end, totalIters: totalIters)
    case "PolynomialLR":
        let d = try PolynomialLR(probe())
        let totalIters = try options.integer("total_iters", default: d.totalIters)
        let power = try options.number("power", default: d.power)
        try options.finish()
        return try PolynomialLR(optimizer, totalIters: totalIters, power: power)
    case "CosineAnnealingLR":
        let d = try CosineAnnealingLR(probe(), tMax: 1)
        let tMax = try options.integer("T_max")
        let etaMin = try options.number("eta_min", default: d.etaMin)
        try options.finish()
        return try CosineAnnealingLR(optimizer, tMax: tMax, etaMin: etaMin)
    case "CosineAnnealingWarmRestarts":
        let d = try CosineAnnealingWarmRestarts(probe(), t0: 1)
        let t0 = try options.integer("T_0")
        let tMult = try options.integer("T_mult", default: d.tMult)
        let etaMin = try options.number("eta_min", default: d.etaMin)
        try options.finish()
        return try CosineAnnealingWarmRestarts(optimizer, t0: t0, tMult: tMult, etaMin: etaMin)
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
    let baseLR = try options.perGroupNumber("base_lr")
    let maxLR = try options.perGroupNumber("max_lr")
    let up = try options.integer("step_size_up", default: d.stepSizeUp)
    let down = try options.optionalInteger("step_size_down")
    let mode = try options.choice("mode", default: d.mode)
    let gamma = try options.number("gamma", default: d.gamma)
    try options.requireNone("scale_fn")
    // Without scale_fn torch replaces scale_mode by the mode's own.
    _ = try options.choiceText("scale_mode", among: ["cycle", "iterations"])
    let cycleMomentum = try options.flag("cycle_momentum", default: d.cycleMomentum)
    let baseMomentum = try options.perGroupNumber("base_momentum", default: d.baseMomentum)
    let maxMomentum = try options.perGroupNumber("max_momentum", default: d.maxMomentum)
    try options.finish()
    return try CyclicLR(
        optimizer, baseLR: baseLR, maxLR: maxLR, stepSizeUp: up, stepSizeDown: down, mode: mode, gamma: gamma,
        cycleMomentum: cycleMomentum, baseMomentum: baseMomentum, maxMomentum: maxMomentum)
}

private func buildOneCycle(_ options: inout TorchArguments, on optimizer: any Optimizer) throws(InvalidOption) -> OneCycleLR {
    let d = try OneCycleLR(probe(), maxLR: 1, totalSteps: 10)
    let maxLR = try options.perGroupNumber("max_lr")
    let totalSteps = try options.optionalInteger("total_steps")
    let epochs = try options.optionalInteger("epochs")
    let stepsPerEpoch = try options.optionalInteger("steps_per_epoch")
    let pctStart = try options.number("pct_start", default: d.pctStart)
    let anneal = try options.choice("anneal_strategy", default: d.annealStrategy)
    let cycleMomentum = try options.flag("cycle_momentum", default: d.cycleMomentum)
    let baseMomentum = try options.perGroupNumber("base_momentum", default: d.baseMomentum)
    let maxMomentum = try options.perGroupNumber("max_momentum", default: d.maxMomentum)
    let divFactor = try options.number("div_factor", default: d.divFactor)
    let finalDivFactor = try options.number("final_div_factor", default: d.finalDivFactor)
    let threePhase = try options.flag("three_phase", default: d.threePhase)
    try options.finish()
    return try OneCycleLR(
        optimizer, maxLR: maxLR, totalSteps: totalSteps, epochs: epochs, stepsPerEpoch: stepsPerEpoch,
        pctStart: pctStart, annealStrategy: anneal, cycleMomentum: cycleMomentum, baseMomentum: baseMomentum,
        maxMomentum: maxMomentum, divFactor: divFactor, finalDivFactor: finalDivFactor, threePhase: threePhase)
}

func buildPlateau(
    _ options: inout TorchArguments, on optimizer: any Optimizer
) throws(InvalidOption) -> ReduceLROnPlateau {
    let d = try ReduceLROnPlateau(probe())
    let mode = try options.choice("mode", default: d.mode)
    let factor = try options.number("factor", default: d.factor)
    let patience = try options.integer("patience", default: d.patience)
    let threshold = try options.number("threshold", default: d.threshold)
    let thresholdMode = try options.choice("threshold_mode", default: d.thresholdMode)
    let cooldown = try options.integer("cooldown", default: d.cooldown)
    let minLR = try options.perGroupNumber("min_lr", default: d.minLR)
    let eps = try options.number("eps", default: d.eps)
    try options.finish()
    return try ReduceLROnPlateau(
        optimizer, mode: mode, factor: factor, patience: patience, threshold: threshold,
        thresholdMode: thresholdMode, cooldown: cooldown, minLR: minLR, eps: eps)
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
