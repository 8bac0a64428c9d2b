import Optimizers

/// The torch scheduler class names replay builds: `makeScheduler` builds all
/// but `ReduceLROnPlateau`, which `replayScheduleTrace` steps on its metrics.
public let replayableSchedulers = [
    "StepLR", "MultiStepLR", "ExponentialLR", "ConstantLR", "LinearLR", "PolynomialLR",
    "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR", "ReduceLROnPlateau",
]

/// Builds torch's scheduler `name` on `optimizer` from torch's keyword
/// arguments (as a schedule or trajectory file gives them), performing its
/// initial step. Every name in `replayableSchedulers` but `ReduceLROnPlateau`,
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
        let stepSize = try options.integer("step_size")
        let gamma = try options.number("gamma", default: 0.1)
        try options.finish()
        return try StepLR(optimizer, stepSize: stepSize, gamma: gamma)
    case "MultiStepLR":
        let milestones = try options.integers("milestones")
        let gamma = try options.number("gamma", default: 0.1)
        try options.finish()
        return MultiStepLR(optimizer, milestones: milestones, gamma: gamma)
    case "ExponentialLR":
        let gamma = try options.number("gamma")
        try options.finish()
        return ExponentialLR(optimizer, gamma: gamma)
    case "ConstantLR":
        let factor = try options.number("factor", default: 1.0 / 3)
        let totalIters = try options.integer("total_iters", default: 5)
        try options.finish()
        return try ConstantLR(optimizer, factor: factor, totalIters: totalIters)
    case "LinearLR":
        let start = try options.number("start_factor", default: 1.0 / 3)
        let end = try options.number("end_factor", default: 1.0)
        let totalIters = try options.integer("total_iters", default: 5)
        try options.finish()
        return try LinearLR(optimizer, startFactor: start, endFactor: end, totalIters: totalIters)
    case "PolynomialLR":
        let totalIters = try options.integer("total_iters", default: 5)
        let power = try options.number("power", default: 1.0)
        try options.finish()
        return try PolynomialLR(optimizer, totalIters: totalIters, power: power)
    case "CosineAnnealingLR":
        let tMax = try options.integer("T_max")
        let etaMin = try options.number("eta_min", default: 0)
        try options.finish()
        return try CosineAnnealingLR(optimizer, tMax: tMax, etaMin: etaMin)
    case "CosineAnnealingWarmRestarts":
        let t0 = try options.integer("T_0")
        let tMult = try options.integer("T_mult", default: 1)
        let etaMin = try options.number("eta_min", default: 0)
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
    let baseLR = try options.perGroupNumber("base_lr")
    let maxLR = try options.perGroupNumber("max_lr")
    let up = try options.integer("step_size_up", default: 2000)
    let down = try options.optionalInteger("step_size_down")
    let mode = try options.choice("mode", default: CyclicLR.Mode.triangular)
    let gamma = try options.number("gamma", default: 1.0)
    try options.requireNone("scale_fn")
    // Without scale_fn torch replaces scale_mode by the mode's own.
    _ = try options.choiceText("scale_mode", among: ["cycle", "iterations"])
    let cycleMomentum = try options.flag("cycle_momentum", default: true)
    let baseMomentum = try options.perGroupNumber("base_momentum", default: 0.8)
    let maxMomentum = try options.perGroupNumber("max_momentum", default: 0.9)
    try options.finish()
    return try CyclicLR(
        optimizer, baseLR: baseLR, maxLR: maxLR, stepSizeUp: up, stepSizeDown: down, mode: mode, gamma: gamma,
        cycleMomentum: cycleMomentum, baseMomentum: baseMomentum, maxMomentum: maxMomentum)
}

private func buildOneCycle(_ options: inout TorchArguments, on optimizer: any Optimizer) throws(InvalidOption) -> OneCycleLR {
    let maxLR = try options.perGroupNumber("max_lr")
    let totalSteps = try options.optionalInteger("total_steps")
    let epochs = try options.optionalInteger("epochs")
    let stepsPerEpoch = try options.optionalInteger("steps_per_epoch")
    let pctStart = try options.number("pct_start", default: 0.3)
    let anneal = try options.choice("anneal_strategy", default: OneCycleLR.AnnealStrategy.cos)
    let cycleMomentum = try options.flag("cycle_momentum", default: true)
    let baseMomentum = try options.perGroupNumber("base_momentum", default: 0.85)
    let maxMomentum = try options.perGroupNumber("max_momentum", default: 0.95)
    let divFactor = try options.number("div_factor", default: 25)
    let finalDivFactor = try options.number("final_div_factor", default: 1e4)
    let threePhase = try options.flag("three_phase", default: false)
    try options.finish()
    return try OneCycleLR(
        optimizer, maxLR: maxLR, totalSteps: totalSteps, epochs: epochs, stepsPerEpoch: stepsPerEpoch,
        pctStart: pctStart, annealStrategy: anneal, cycleMomentum: cycleMomentum, baseMomentum: baseMomentum,
        maxMomentum: maxMomentum, divFactor: divFactor, finalDivFactor: finalDivFactor, threePhase: threePhase)
}

func buildPlateau(
    _ options: inout TorchArguments, on optimizer: any Optimizer
) throws(InvalidOption) -> ReduceLROnPlateau {
    let mode = try options.choice("mode", default: ReduceLROnPlateau.Mode.min)
    let factor = try options.number("factor", default: 0.1)
    let patience = try options.integer("patience", default: 10)
    let threshold = try options.number("threshold", default: 1e-4)
    let thresholdMode = try options.choice("threshold_mode", default: ReduceLROnPlateau.ThresholdMode.rel)
    let cooldown = try options.integer("cooldown", default: 0)
    let minLR = try options.perGroupNumber("min_lr", default: 0)
    let eps = try options.number("eps", default: 1e-8)
    try options.finish()
    return try ReduceLROnPlateau(
        optimizer, mode: mode, factor: factor, patience: patience, threshold: threshold,
        thresholdMode: thresholdMode, cooldown: cooldown, minLR: minLR, eps: eps)
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
