import Foundation
import Optimizers
import Testing

/// `SequentialLR`, `ChainedScheduler` and `ReduceLROnPlateau`, traced by hand
/// through torch's update rules.
@Suite struct SchedulerCompositionTests {
    @Test func sequentialLRMatchesTorchDocumentation() throws {
        // torch's SequentialLR docstring: lr 0.05, ConstantLR(factor 0.1, total_iters 20),
        // then ExponentialLR(0.9) from milestone 20: 0.005 … 0.005, 0.05, 0.045, 0.0405.
        let optimizer = StubOptimizer(lr: 0.05)
        let constant = try ConstantLR(optimizer, factor: 0.1, totalIters: 20)
        let decay = ExponentialLR(optimizer, gamma: 0.9)
        let schedule = try SequentialLR(optimizer, schedulers: [constant, decay], milestones: [20])
        let rates = recordRates(schedule, steps: 23)
        #expect(close(Array(rates[..<20]), Array(repeating: 0.005, count: 20), rtol: 1e-15, atol: 0))
        #expect(close(Array(rates[20...]), [0.05, 0.045, 0.0405], rtol: 1e-15, atol: 0))
    }

    @Test func sequentialLRRestartsTheDecayFromTheInitialRate() throws {
        // Warm-up 0.5 → 0.75, then cosine from the initial rate 1 (not from 0.75): 1, ½, 0, ½.
        let optimizer = StubOptimizer(lr: 1)
        let warmup = try LinearLR(optimizer, startFactor: 0.5, totalIters: 2)
        let cosine = try CosineAnnealingLR(optimizer, tMax: 2)
        let schedule = try SequentialLR(optimizer, schedulers: [warmup, cosine], milestones: [2])
        #expect(optimizer.lr == 0.5 && schedule.lastLR == 0.5)
        #expect(close(recordRates(schedule, steps: 6), [0.5, 0.75, 1, 0.5, 0, 0.5], rtol: 1e-15, atol: 1e-16))
        #expect(schedule.lastEpoch == 6)
    }

    @Test func sequentialLRWithAChainFirstDecaysAtStepZeroLikeTorch() throws {
        // torch's initial step of a ChainedScheduler steps its members normally,
        // so the ExponentialLR inside decays at its step 0 (torch's behaviour, kept).
        let optimizer = StubOptimizer(lr: 1)
        let chain = try ChainedScheduler([ExponentialLR(optimizer, gamma: 0.5)])
        let after = ExponentialLR(optimizer, gamma: 0.1)
        let schedule = try SequentialLR(optimizer, schedulers: [chain, after], milestones: [2])
        #expect(close(recordRates(schedule, steps: 4), [0.5, 0.25, 1, 0.1], rtol: 1e-15, atol: 0))
    }

    @Test func chainedSchedulerMultipliesItsMembers() throws {
        // ConstantLR halves until step 2 (restores ×2 there) while ExponentialLR halves every step.
        let optimizer = StubOptimizer(lr: 1)
        let schedule = try ChainedScheduler([
            ConstantLR(optimizer, factor: 0.5, totalIters: 2), ExponentialLR(optimizer, gamma: 0.5),
        ])
        #expect(schedule.lastLR == 0.5)
        #expect(recordRates(schedule, steps: 5) == [0.5, 0.25, 0.25, 0.125, 0.0625])
    }

    @Test func plateauReducesAfterPatienceRunsOut() throws {
        // Improvement needs m < 0.9·best. 9.5 twice is two bad steps > patience 1: halve.
        // 8 improves; 8 twice more is bad twice: halve again.
        let plateau = try ReduceLROnPlateau(StubOptimizer(lr: 1), factor: 0.5, patience: 1, threshold: 0.1)
        let rates = learningRates(plateau, metrics: [10, 9.5, 9.5, 8, 8, 8, 8])
        #expect(rates == [1, 1, 1, 0.5, 0.5, 0.5, 0.25])
        #expect(plateau.best == 8 && plateau.numBadEpochs == 1 && plateau.lastEpoch == 7)
    }

    @Test func plateauCooldownIgnoresBadSteps() throws {
        let plateau = try ReduceLROnPlateau(
            StubOptimizer(lr: 1), factor: 0.5, patience: 0, threshold: 0, thresholdMode: .abs, cooldown: 2)
        let rates = learningRates(plateau, metrics: Array(repeating: 1, count: 8))
        #expect(rates == [1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25])
        #expect(plateau.lastLR == 0.125)
    }

    @Test func plateauStopsAtMinLRAndIgnoresStepsBelowEps() throws {
        let clamped = try ReduceLROnPlateau(StubOptimizer(lr: 1), factor: 0.1, patience: 0, minLR: 0.05)
        #expect(learningRates(clamped, metrics: [1, 2, 3, 4]) == [1, 1, 0.1, 0.05])
        #expect(clamped.lastLR == 0.05)
        // Halving 1e-9 would lower it by 5e-10 < eps = 1e-8: torch leaves it.
        let tiny = try ReduceLROnPlateau(StubOptimizer(lr: 1e-9), factor: 0.5, patience: 0)
        _ = learningRates(tiny, metrics: [1, 2, 3])
        #expect(tiny.lastLR == 1e-9)
    }

    @Test func plateauMaxModeAndNaNMetrics() throws {
        let rising = try ReduceLROnPlateau(StubOptimizer(lr: 1), mode: .max, factor: 0.5, patience: 0, threshold: 0)
        #expect(learningRates(rising, metrics: [1, 2, 2]) == [1, 1, 1])
        #expect(rising.lastLR == 0.5 && rising.best == 2)
        // NaN never compares as better, so it is a bad step, even the first.
        let nan = try ReduceLROnPlateau(StubOptimizer(lr: 1), patience: 0)
        nan.step(metric: .nan)
        #expect(nan.lastLR == 0.1 && nan.best == .infinity)
    }

    @Test func plateauLeavesTheRateAloneWhenBuilt() throws {
        let optimizer = StubOptimizer(lr: 0.3)
        let plateau = try ReduceLROnPlateau(optimizer)
        #expect(optimizer.lr == 0.3 && plateau.lastLR == 0.3 && plateau.best == .infinity)
    }

    @Test func learningRatesPlotsWithoutAnOptimizer() throws {
        let rates = try learningRates(StepLR(ScheduleProbe(lr: 1), stepSize: 2, gamma: 0.5), steps: 5)
        #expect(rates == [1, 1, 0.5, 0.5, 0.25])
        #expect(try learningRates(ExponentialLR(ScheduleProbe(lr: 1), gamma: 0.5), steps: 0) == [])
    }

    @Test func learningRatesRefusesStepsTorchRaisesAt() throws {
        let cycle = try OneCycleLR(ScheduleProbe(lr: 1), maxLR: 1, totalSteps: 8)
        #expect(refusal { _ = try learningRates(cycle, steps: 9) }?.option == "total_steps")
        let exploding = try CyclicLR(
            ScheduleProbe(lr: 1), baseLR: 1, maxLR: 2, stepSizeUp: 1000, mode: .expRange, gamma: 10)
        // 10^309 overflows a Double, where Python raises OverflowError.
        let overflow = refusal { _ = try learningRates(exploding, steps: 400) }
        #expect(overflow?.option == "gamma")
        #expect(overflow?.reason.contains("step 309") == true)
        #expect(refusal { _ = try learningRates(exploding, steps: -1) }?.option == "steps")
    }
}

/// The `InvalidOption` that `body` throws, or `nil`.
func refusal(_ body: () throws -> Void) -> InvalidOption? {
    do {
        try body()
        return nil
    } catch {
        return error as? InvalidOption
    }
}
