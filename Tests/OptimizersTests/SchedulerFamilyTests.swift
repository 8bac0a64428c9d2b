import Foundation
import Optimizers
import Testing

/// One hand-derived schedule per family, worked out from torch's update rules
/// with numbers chosen so most products are exact in binary.
@Suite struct SchedulerFamilyTests {
    @Test func stepLRHalvesEveryThirdStep() throws {
        let optimizer = StubOptimizer(lr: 0.1)
        let scheduler = try StepLR(optimizer, stepSize: 3, gamma: 0.5)
        #expect(recordRates(scheduler, steps: 8) == [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025])
        // After 8 steps it is step 8, not a multiple of 3.
        #expect(scheduler.lastLR == 0.025 && optimizer.lr == 0.025)
        #expect(optimizer.steps == 8)
    }

    @Test func multiStepLRCountsRepeatedMilestones() {
        // Milestone 4 appears twice: γ² at step 4. Order does not matter to the recursion.
        let scheduler = MultiStepLR(StubOptimizer(lr: 1), milestones: [4, 2, 4], gamma: 0.5)
        #expect(recordRates(scheduler, steps: 6) == [1, 1, 0.5, 0.5, 0.125, 0.125])
    }

    @Test func multiStepLRMilestoneZeroDecaysAtConstruction() {
        let optimizer = StubOptimizer(lr: 1)
        _ = MultiStepLR(optimizer, milestones: [0], gamma: 0.5)
        #expect(optimizer.lr == 0.5)
    }

    @Test func exponentialLRStartsUndecayed() {
        let scheduler = ExponentialLR(StubOptimizer(lr: 1), gamma: 0.5)
        #expect(recordRates(scheduler, steps: 4) == [1, 0.5, 0.25, 0.125])
    }

    @Test func exponentialLRPropagatesNaNAsTorchDoes() {
        let rates = recordRates(ExponentialLR(StubOptimizer(lr: 1), gamma: .nan), steps: 3)
        #expect(rates[0] == 1 && rates[1].isNaN && rates[2].isNaN)
    }

    @Test func constantLRRestoresAtTotalIters() throws {
        let scheduler = try ConstantLR(StubOptimizer(lr: 1), factor: 0.5, totalIters: 2)
        #expect(recordRates(scheduler, steps: 5) == [0.5, 0.5, 1, 1, 1])
    }

    @Test func constantLRWithZeroItersNeverRestoresLikeTorch() throws {
        // torch's recursion scales at step 0 and only restores at step total_iters,
        // which is step 0 itself: the rate stays scaled (its closed form would not).
        let scheduler = try ConstantLR(StubOptimizer(lr: 1), factor: 0.25, totalIters: 0)
        #expect(recordRates(scheduler, steps: 3) == [0.25, 0.25, 0.25])
    }

    @Test func linearLRWarmsUpInEqualIncrements() throws {
        let scheduler = try LinearLR(StubOptimizer(lr: 1), startFactor: 0.5, endFactor: 1, totalIters: 4)
        #expect(close(recordRates(scheduler, steps: 6), [0.5, 0.625, 0.75, 0.875, 1, 1], rtol: 1e-15, atol: 0))
    }

    @Test func linearLRCanDecay() throws {
        // 1 · (1 − 0.5/2) = 0.75, then 0.75 · (1 − 0.5/1.5) = 0.5.
        let scheduler = try LinearLR(StubOptimizer(lr: 1), startFactor: 1, endFactor: 0.5, totalIters: 2)
        #expect(close(recordRates(scheduler, steps: 4), [1, 0.75, 0.5, 0.5], rtol: 1e-15, atol: 0))
    }

    @Test func polynomialLRMatchesTorchDocumentation() throws {
        // torch's docstring: lr 0.001, total_iters 4, power 1.
        let scheduler = try PolynomialLR(StubOptimizer(lr: 0.001), totalIters: 4, power: 1)
        #expect(close(recordRates(scheduler, steps: 6), [0.001, 0.00075, 0.0005, 0.00025, 0, 0], rtol: 1e-14, atol: 1e-19))
    }

    @Test func polynomialLRSquares() throws {
        // (1 − t/2)²: 1, 1/4, 0.
        let scheduler = try PolynomialLR(StubOptimizer(lr: 1), totalIters: 2, power: 2)
        #expect(recordRates(scheduler, steps: 4) == [1, 0.25, 0, 0])
    }

    @Test func cosineAnnealingLRGoesDownAndBackUp() throws {
        // Half-period 2: 1, ½, 0, then the special step leaving the minimum, then up.
        let scheduler = try CosineAnnealingLR(StubOptimizer(lr: 1), tMax: 2)
        #expect(close(recordRates(scheduler, steps: 8), [1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5], rtol: 1e-15, atol: 1e-15))
    }

    @Test func cosineAnnealingLRFollowsSGDRToTheLastBits() throws {
        let scheduler = try CosineAnnealingLR(StubOptimizer(lr: 1.1), tMax: 4, etaMin: 0.1)
        let sgdr = (0..<12).map { (t: Int) -> Double in 0.1 + 0.5 * (1 + cos(Double.pi * Double(t) / 4)) }
        #expect(close(recordRates(scheduler, steps: 12), sgdr, rtol: 1e-13, atol: 1e-15))
    }

    @Test func warmRestartsDoubleTheCycle() throws {
        // Cycles of 2, 4, 8 steps; within one, (1 + cos(π·T_cur/T_i)) / 2.
        let scheduler = try CosineAnnealingWarmRestarts(StubOptimizer(lr: 1), t0: 2, tMult: 2)
        let quarter = (1 + cos(Double.pi / 4)) / 2
        let expected = [1, 0.5, 1, quarter, 0.5, 1 - quarter, 1, (1 + cos(Double.pi / 8)) / 2]
        #expect(close(recordRates(scheduler, steps: 8), expected, rtol: 1e-15, atol: 1e-16))
        // After 8 steps: step 8 is the third of the 8-step cycle that began at step 6.
        #expect(scheduler.cycleLength == 8 && scheduler.stepsSinceRestart == 2)
    }

    @Test func cyclicLRTriangles() throws {
        let optimizer = StubOptimizer(lr: 42)
        let triangular = try CyclicLR(optimizer, baseLR: 1, maxLR: 3, stepSizeUp: 2, cycleMomentum: false)
        #expect(optimizer.lr == 1)
        #expect(recordRates(triangular, steps: 9) == [1, 2, 3, 2, 1, 2, 3, 2, 1])
        let halving = try CyclicLR(
            StubOptimizer(lr: 1), baseLR: 1, maxLR: 3, stepSizeUp: 2, mode: .triangular2, cycleMomentum: false)
        #expect(recordRates(halving, steps: 12) == [1, 2, 3, 2, 1, 1.5, 2, 1.5, 1, 1.25, 1.5, 1.25])
    }

    @Test func cyclicLRExpRangeAndAsymmetricCycle() throws {
        // exp_range: height 2·scale·0.5^t → 1, 1+1·½, 1+2·¼, 1+1·⅛, 1.
        let shrinking = try CyclicLR(
            StubOptimizer(lr: 1), baseLR: 1, maxLR: 3, stepSizeUp: 2, mode: .expRange, gamma: 0.5,
            cycleMomentum: false)
        #expect(recordRates(shrinking, steps: 5) == [1, 1.5, 1.5, 1.125, 1])
        // Up in 1 step, down in 3: heights 1, ⅔, ⅓ of the way.
        let skewed = try CyclicLR(
            StubOptimizer(lr: 1), baseLR: 1, maxLR: 3, stepSizeUp: 1, stepSizeDown: 3, cycleMomentum: false)
        let skewedRates: [Double] = [1, 3, 1 + 4.0 / 3, 1 + 2.0 / 3, 1]
        #expect(close(recordRates(skewed, steps: 5), skewedRates, rtol: 1e-15, atol: 0))
    }

    @Test func oneCycleLRLinearTwoPhases() throws {
        // a = 1/10, z = a/10; warm-up ends at step 0.25·8 − 1 = 1, then 1 → 0.01 over steps 1…7.
        let optimizer = StubOptimizer(lr: 123)
        let scheduler = try OneCycleLR(
            optimizer, maxLR: 1, totalSteps: 8, pctStart: 0.25, annealStrategy: .linear, cycleMomentum: false,
            divFactor: 10, finalDivFactor: 10)
        #expect(optimizer.lr == 0.1)
        let expected = [0.1, 1] + (2...7).map { (t: Int) -> Double in 1 - 0.99 * Double(t - 1) / 6 }
        #expect(close(recordRates(scheduler, steps: 8), expected, rtol: 1e-14, atol: 1e-16))
        // torch allows an 8th step() (extrapolating past z) and raises on the 9th.
        #expect(abs(optimizer.lr - (1 - 0.99 * 7 / 6)) < 1e-15)
        #expect(scheduler.refusedStep == nil)
        let extrapolated = optimizer.lr
        scheduler.step()
        #expect(optimizer.lr == extrapolated && scheduler.lastLR == extrapolated)
        #expect(scheduler.refusedStep?.option == "total_steps")
        #expect(scheduler.refusedStep?.reason == "Tried to step 9 times. The specified number of total steps is 8")
    }

    @Test func oneCycleLRCosineAndEpochs() throws {
        let scheduler = try OneCycleLR(
            StubOptimizer(lr: 1), maxLR: 1, epochs: 2, stepsPerEpoch: 4, pctStart: 0.25, cycleMomentum: false,
            divFactor: 10, finalDivFactor: 10)
        #expect(scheduler.totalSteps == 8)
        let expected = [0.1, 1] + (2...7).map { (t: Int) -> Double in
            0.01 + 0.495 * (1 + cos(Double.pi * Double(t - 1) / 6))
        }
        #expect(close(recordRates(scheduler, steps: 8), expected, rtol: 1e-14, atol: 1e-16))
    }

    @Test func oneCycleLRThreePhases() throws {
        // Phases end at 0.2·10 − 1 = 1 and 2·0.2·10 − 2 = 2: 0.1 → 1 → 0.1, then 0.1 → 0.01 by step 9.
        let scheduler = try OneCycleLR(
            StubOptimizer(lr: 1), maxLR: 1, totalSteps: 10, pctStart: 0.2, annealStrategy: .linear,
            cycleMomentum: false, divFactor: 10, finalDivFactor: 10, threePhase: true)
        let expected = [0.1, 1, 0.1] + (3...9).map { (t: Int) -> Double in 0.1 - 0.09 * Double(t - 2) / 7 }
        #expect(close(recordRates(scheduler, steps: 10), expected, rtol: 1e-14, atol: 1e-16))
    }
}
