import Foundation
import Optimizers
import Testing

/// Options torch refuses (or fails on at a step the options themselves name)
/// are refused when the scheduler is built, naming torch's keyword.
@Suite struct SchedulerRefusalTests {
    let optimizer = StubOptimizer(lr: 0.1)

    @Test func stepAndCosinePeriodsMustBePositive() {
        for size in [0, -3] {
            #expect(refusal { _ = try StepLR(optimizer, stepSize: size) }?.option == "step_size")
            #expect(refusal { _ = try CosineAnnealingLR(optimizer, tMax: size) }?.option == "T_max")
            #expect(refusal { _ = try CosineAnnealingWarmRestarts(optimizer, t0: size) }?.option == "T_0")
            #expect(refusal { _ = try CyclicLR(optimizer, baseLR: 0.1, maxLR: 1, stepSizeUp: size, cycleMomentum: false) }?.option == "step_size_up")
        }
        #expect(refusal { _ = try CosineAnnealingWarmRestarts(optimizer, t0: 1, tMult: 0) }?.option == "T_mult")
        #expect(refusal { _ = try CyclicLR(optimizer, baseLR: 0.1, maxLR: 1, stepSizeDown: -1, cycleMomentum: false) }?.option == "step_size_down")
        #expect(refusal { _ = try CyclicLR(optimizer, baseLR: 0.1, maxLR: 1, stepSizeUp: 1, stepSizeDown: 0, cycleMomentum: false) } == nil)
    }

    @Test func factorsOutsideTorchsRanges() {
        for factor in [-0.1, 1.5, .nan] {
            #expect(refusal { _ = try ConstantLR(optimizer, factor: factor) }?.option == "factor")
            #expect(refusal { _ = try LinearLR(optimizer, startFactor: factor) }?.option == "start_factor")
            #expect(refusal { _ = try LinearLR(optimizer, endFactor: factor) }?.option == "end_factor")
        }
        #expect(refusal { _ = try LinearLR(optimizer, startFactor: 0) }?.option == "start_factor")
        #expect(refusal { _ = try LinearLR(optimizer, startFactor: 1, endFactor: 0) } == nil)
        let message = refusal { _ = try ConstantLR(optimizer, factor: 2) }
        #expect(message?.description == "invalid factor 2.0: Constant multiplicative factor expected to be between 0 and 1.")
    }

    @Test func divisionsByZeroTorchMeetsLater() {
        // ConstantLR divides by its factor at step total_iters; PolynomialLR raises 0 to the power at T.
        #expect(refusal { _ = try ConstantLR(optimizer, factor: 0, totalIters: 5) }?.option == "factor")
        #expect(refusal { _ = try ConstantLR(optimizer, factor: 0, totalIters: 0) } == nil)
        #expect(refusal { _ = try PolynomialLR(optimizer, totalIters: 5, power: -1) }?.option == "power")
        #expect(refusal { _ = try PolynomialLR(optimizer, totalIters: 0, power: -1) } == nil)
    }

    @Test func plateauFactorMustBeBelowOne() {
        for factor in [1.0, 2.0, .nan] {
            let error = refusal { _ = try ReduceLROnPlateau(optimizer, factor: factor) }
            #expect(error?.option == "factor" && error?.reason == "Factor should be < 1.0.")
        }
    }

    @Test func oneCycleNeedsPositiveStepsAndSensiblePhases() {
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1) }?.option == "total_steps")
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, totalSteps: 0) }?.option == "total_steps")
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, totalSteps: -5) }?.option == "total_steps")
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, epochs: 0, stepsPerEpoch: 3) }?.option == "epochs")
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, epochs: 2, stepsPerEpoch: 0) }?.option == "steps_per_epoch")
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, epochs: 2) }?.option == "total_steps")
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, epochs: .max, stepsPerEpoch: 2) }?.option == "steps_per_epoch")
        for pct in [-0.1, 1.1, .nan] {
            #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, totalSteps: 10, pctStart: pct) }?.option == "pct_start")
        }
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, totalSteps: 10, divFactor: 0) }?.option == "div_factor")
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, totalSteps: 10, finalDivFactor: 0) }?.option == "final_div_factor")
        // pct_start · total_steps = 1 makes the warm-up end at step 0: torch divides 0 by 0 when built.
        #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, totalSteps: 4, pctStart: 0.25, cycleMomentum: false) }?.option == "pct_start")
    }

    @Test func compositionsCheckTheirMembers() throws {
        let other = StubOptimizer(lr: 0.1)
        let mine = ExponentialLR(optimizer, gamma: 0.9)
        let theirs = ExponentialLR(other, gamma: 0.9)
        #expect(refusal { _ = try SequentialLR(optimizer, schedulers: [], milestones: []) }?.option == "schedulers")
        #expect(refusal { _ = try SequentialLR(optimizer, schedulers: [mine, mine], milestones: []) }?.option == "milestones")
        #expect(refusal { _ = try SequentialLR(optimizer, schedulers: [mine, theirs], milestones: [3]) }?.option == "schedulers")
        #expect(refusal { _ = try ChainedScheduler([]) }?.option == "schedulers")
        #expect(refusal { _ = try ChainedScheduler([mine, theirs]) }?.option == "schedulers")
        #expect(refusal { _ = try ChainedScheduler([theirs], optimizer: optimizer) }?.option == "schedulers")
    }

    @Test func sequentialLRRefusesMembersTorchCannotRestart() throws {
        let first = ExponentialLR(optimizer, gamma: 0.9)
        let chain = try ChainedScheduler([ExponentialLR(optimizer, gamma: 0.5)])
        let nested = refusal { _ = try SequentialLR(optimizer, schedulers: [first, chain], milestones: [3]) }
        #expect(nested?.option == "schedulers" && nested?.reason.contains("NotImplementedError") == true)
        let instant = try LinearLR(optimizer, totalIters: 0)
        let zero = refusal { _ = try SequentialLR(optimizer, schedulers: [first, instant], milestones: [3]) }
        #expect(zero?.reason.contains("ZeroDivisionError") == true)
        let foreign = refusal { _ = try SequentialLR(optimizer, schedulers: [first, HomemadeScheduler(optimizer)], milestones: [3]) }
        #expect(foreign?.value.contains("HomemadeScheduler") == true)
    }

    /// LinearLR and PolynomialLR share one refusal for total_iters = 0; it names each.
    @Test func zeroTotalItersRefusalNamesItsScheduler() throws {
        let first = ExponentialLR(optimizer, gamma: 0.9)
        let members: [(SteppedLRScheduler, String)] = [
            (try LinearLR(optimizer, totalIters: 0), "LinearLR"), (try PolynomialLR(optimizer, totalIters: 0), "PolynomialLR"),
        ]
        for (member, name) in members {
            let error = refusal { _ = try SequentialLR(optimizer, schedulers: [first, member], milestones: [3]) }
            #expect(error?.value == "index 1 (\(name))")
            #expect(error?.reason == "total_iters 0: restarting \(name) at a SequentialLR milestone divides by "
                        + "total_iters (ZeroDivisionError in torch)")
        }
    }
}

/// A scheduler written outside the library, which has none of torch's private hooks.
private final class HomemadeScheduler: LRScheduler {
    let optimizer: any Optimizer
    var lastLR: Double { optimizer.lr }

    init(_ optimizer: any Optimizer) { self.optimizer = optimizer }

    func step() { optimizer.lr *= 0.5 }
}
