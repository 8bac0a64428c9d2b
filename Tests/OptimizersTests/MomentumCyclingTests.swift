import Foundation
import Optimizers
import Replay
import Testing

/// The momentum each step would use: the optimizer's momentum or β₁ before
/// each of `steps` steps, stepping the scheduler after each.
private func recordMomenta(_ scheduler: any LRScheduler, _ optimizer: any MomentumCyclable, steps: Int) -> [Double] {
    (0..<steps).map { _ in
        let momentum = optimizer.momentumOrBeta1
        scheduler.step()
        return momentum
    }
}

private func oneParameter(_ value: Double = 1) -> [Parameter<Double>] {
    [Parameter([value], shape: [1], name: "θ")]
}

/// `CyclicLR` and `OneCycleLR` move the momentum (or β₁) inversely to the
/// rate, as torch's `cycle_momentum=True` does; expected values are derived
/// by hand from torch's formulas.
@Suite struct MomentumCyclingTests {
    @Test func optimizersWithoutMomentumAreRefusedByName() throws {
        let p = oneParameter()
        let without: [any Optimizer] = [
            StubOptimizer(lr: 0.1), try Adagrad(p), try Adadelta(p), try Rprop(p), try ASGD(p),
        ]
        for optimizer in without {
            let lrBefore = optimizer.lr
            let cyclic = refusal { _ = try CyclicLR(optimizer, baseLR: 0.5, maxLR: 1, stepSizeUp: 2) }
            #expect(cyclic?.option == "cycle_momentum" && cyclic?.value == "true")
            #expect(cyclic?.reason.contains("pass cycleMomentum: false to CyclicLR") == true, "\(String(describing: cyclic))")
            let oneCycle = refusal { _ = try OneCycleLR(optimizer, maxLR: 1, totalSteps: 10) }
            #expect(oneCycle?.option == "cycle_momentum")
            #expect(oneCycle?.reason.hasPrefix("optimizer must support momentum or beta1") == true)
            #expect(oneCycle?.reason.contains("pass cycleMomentum: false to OneCycleLR") == true)
            // Refused before the rate was touched.
            #expect(optimizer.lr == lrBefore)
            // Without momentum cycling torch accepts them.
            #expect(refusal { _ = try CyclicLR(optimizer, baseLR: 0.5, maxLR: 1, cycleMomentum: false) } == nil)
            #expect(refusal { _ = try OneCycleLR(optimizer, maxLR: 1, totalSteps: 10, cycleMomentum: false) } == nil)
        }
        // OneCycleLR's step-count and divisor checks come first, as in torch.
        #expect(refusal { _ = try OneCycleLR(StubOptimizer(lr: 1), maxLR: 1, totalSteps: 0) }?.option == "total_steps")
        #expect(refusal { _ = try OneCycleLR(StubOptimizer(lr: 1), maxLR: 1, totalSteps: 5, divFactor: 0) }?.option == "div_factor")
        // CyclicLR: torch divides by up + down in __init__ (ZeroDivisionError
        // before the momentum check), by up alone only at its initial step.
        #expect(refusal { _ = try CyclicLR(StubOptimizer(lr: 1), baseLR: 0.5, maxLR: 1, stepSizeUp: 0) }?.option == "step_size_up")
        #expect(refusal { _ = try CyclicLR(StubOptimizer(lr: 1), baseLR: 0.5, maxLR: 1, stepSizeUp: 0, stepSizeDown: 0) }?.option == "step_size_up")
        #expect(refusal { _ = try CyclicLR(StubOptimizer(lr: 1), baseLR: 0.5, maxLR: 1, stepSizeUp: 0, stepSizeDown: 3) }?.option == "cycle_momentum")
    }

    @Test func theOptimizersTorchAcceptsNameTheirEntry() throws {
        let p = oneParameter()
        #expect(SGD<Double>.momentumKey == .momentum && RMSprop<Double>.momentumKey == .momentum)
        #expect(ScheduleProbe.momentumKey == .momentum)
        let betaOptimizers: [any MomentumCyclable] = [
            try Adam(p), try AdamW(p), try Adamax(p), try NAdam(p), try RAdam(p),
        ]
        for optimizer in betaOptimizers {
            #expect(type(of: optimizer).momentumKey == .beta1)
            _ = try OneCycleLR(optimizer, maxLR: 0.1, totalSteps: 10)
            #expect(optimizer.momentumOrBeta1 == 0.95)
        }
        // β₂ is kept.
        let adam = try Adam(p, betas: (0.9, 0.99))
        _ = try CyclicLR(adam, baseLR: 0.01, maxLR: 0.1)
        #expect(adam.betas == (0.9, 0.99))
        let nadam = try NAdam(p, betas: (0.5, 0.9))
        _ = try OneCycleLR(nadam, maxLR: 0.1, totalSteps: 10)
        #expect(nadam.betas == (0.95, 0.9))
    }

    @Test func oneCycleCosineMomentumAtEachPhase() throws {
        // N = 16, p = 0.25: phase 1 is steps 0…3 (M → B), phase 2 steps 3…15 (B → M).
        // μ = end + (start − end)/2 · (1 + cos(π q)), M = 0.95, B = 0.85.
        let sgd = try SGD(oneParameter(), lr: 0.1, momentum: 0.9)
        let scheduler = try OneCycleLR(sgd, maxLR: 0.1, totalSteps: 16, pctStart: 0.25)
        let momenta = recordMomenta(scheduler, sgd, steps: 16)
        let expected: [Int: Double] = [
            0: 0.95,
            1: 0.85 + 0.05 * 1.5,  // q = 1/3, cos = 1/2
            2: 0.85 + 0.05 * 0.5,  // q = 2/3, cos = −1/2
            3: 0.85,  // the peak rate
            7: 0.95 - 0.05 * 1.5,  // q = 4/12
            9: 0.9,  // q = 1/2
            15: 0.95,
        ]
        for (step, value) in expected {
            #expect(abs(momenta[step] - value) <= 1e-15, "step \(step): \(momenta[step]) vs \(value)")
        }
    }

    @Test func oneCycleThreePhaseLinearMomentum() throws {
        // N = 10, p = 0.2: phases end at steps 1, 2 and 9: M → B → M, then M throughout.
        let adam = try Adam(oneParameter(), betas: (0.9, 0.999))
        let scheduler = try OneCycleLR(
            adam, maxLR: 1, totalSteps: 10, pctStart: 0.2, annealStrategy: .linear, baseMomentum: 0.5,
            maxMomentum: 0.75, threePhase: true)
        #expect(scheduler.cycleMomentum && scheduler.baseMomentum == 0.5 && scheduler.maxMomentum == 0.75)
        #expect(recordMomenta(scheduler, adam, steps: 10) == [0.75, 0.5, 0.75] + Array(repeating: 0.75, count: 7))
        #expect(adam.betas.1 == 0.999)
    }

    @Test func cyclicMomentumFallsAsTheRateRises() throws {
        // μ_t = M − (M − B) · scale · f with M = 0.9, B = 0.8 and up = down = 2 steps.
        let sgd = try SGD(oneParameter(), lr: 0.1, momentum: 0.3)
        let triangular = try CyclicLR(sgd, baseLR: 1, maxLR: 3, stepSizeUp: 2)
        #expect(sgd.momentum == 0.9)
        let momenta = recordMomenta(triangular, sgd, steps: 5)
        #expect(close(momenta, [0.9, 0.85, 0.8, 0.85, 0.9], rtol: 0, atol: 1e-15))
        // triangular2 halves the swing in cycle 2 (its peak is step 6); exp_range scales it by γ^t.
        let rms = try RMSprop(oneParameter(), momentum: 0)
        let halving = try CyclicLR(rms, baseLR: 1, maxLR: 3, stepSizeUp: 2, mode: .triangular2)
        #expect(abs(recordMomenta(halving, rms, steps: 7)[6] - 0.85) <= 1e-15)
        let adamax = try Adamax(oneParameter())
        let shrinking = try CyclicLR(
            adamax, baseLR: 1, maxLR: 3, stepSizeUp: 2, mode: .expRange, gamma: 0.5, baseMomentum: 0.6,
            maxMomentum: 1)
        #expect(close(recordMomenta(shrinking, adamax, steps: 3), [1, 1 - 0.4 * 0.5 * 0.5, 1 - 0.4 * 0.25], rtol: 0, atol: 1e-15))
    }

    @Test func noMomentumCyclingLeavesMomentumAlone() throws {
        let sgd = try SGD(oneParameter(), lr: 0.1, momentum: 0.3)
        let oneCycle = try OneCycleLR(sgd, maxLR: 0.1, totalSteps: 10, cycleMomentum: false)
        #expect(!oneCycle.cycleMomentum)
        #expect(recordMomenta(oneCycle, sgd, steps: 10) == Array(repeating: 0.3, count: 10))
        let adam = try Adam(oneParameter(), betas: (0.7, 0.9))
        let cyclic = try CyclicLR(adam, baseLR: 0.1, maxLR: 1, stepSizeUp: 3, cycleMomentum: false)
        _ = recordMomenta(cyclic, adam, steps: 9)
        #expect(adam.betas == (0.7, 0.9))
    }

    @Test func noMomentumCyclingStepsLikeTheRatesAlone() throws {
        // Identity: a scheduler that does not cycle momentum moves the
        // parameters exactly as its rates set by hand do.
        let scheduled = try SGD(oneParameter(2), lr: 0.1, momentum: 0.9, nesterov: true)
        let byHand = try SGD(oneParameter(2), lr: 0.1, momentum: 0.9, nesterov: true)
        let scheduler = try OneCycleLR(scheduled, maxLR: 0.3, totalSteps: 12, cycleMomentum: false)
        let rates = try learningRates(OneCycleLR(ScheduleProbe(lr: 0), maxLR: 0.3, totalSteps: 12), steps: 12)
        for (k, rate) in rates.enumerated() {
            let g = [sin(Double(k)) + 0.5]
            scheduled.parameters[0].grad = g
            byHand.parameters[0].grad = g
            byHand.lr = rate
            scheduled.step()
            byHand.step()
            scheduler.step()
        }
        #expect(scheduled.parameters[0].value == byHand.parameters[0].value)
    }

    @Test func plainSGDGainsMomentumAsInTorch() throws {
        // SGD built without momentum; CyclicLR (lr 1 → 2, μ 0.9 → 0.7) turns it on.
        // Step 0: b = g = 1 (torch clones g), θ = 1 − 1·1 = 0.
        // Step 1: b = 0.7·1 + 1 = 1.7, θ = 0 − 2·1.7 = −3.4.
        let sgd = try SGD(oneParameter(), lr: 0.1)
        let scheduler = try CyclicLR(sgd, baseLR: 1, maxLR: 3, stepSizeUp: 2, baseMomentum: 0.5, maxMomentum: 0.9)
        #expect(sgd.state[0].momentumBuffer == nil)
        sgd.parameters[0].grad = [1]
        sgd.step()
        scheduler.step()
        #expect(sgd.state[0].momentumBuffer == [1] && sgd.parameters[0].value == [0])
        sgd.step()
        #expect(abs(sgd.parameters[0].value[0] + 3.4) <= 1e-15)
        #expect(abs((sgd.state[0].momentumBuffer?[0] ?? .nan) - 1.7) <= 1e-15)
    }

    @Test func noRangeIsCheckedAndNaNPropagatesAsInTorch() throws {
        // torch writes max − (max − base)·0 at step 0: NaN when base is NaN.
        let sgd = try SGD(oneParameter(), lr: 0.1, momentum: 0.9)
        _ = try CyclicLR(sgd, baseLR: 0.1, maxLR: 1, baseMomentum: .nan)
        #expect(sgd.momentum.isNaN)
        // A momentum above 1 is written as given (torch checks none there).
        let adam = try Adam(oneParameter())
        _ = try OneCycleLR(adam, maxLR: 0.1, totalSteps: 10, maxMomentum: 1.5)
        #expect(adam.betas.0 == 1.5)
        // Equal bounds hold the momentum still, through every phase (±0 included).
        let probe = ScheduleProbe(lr: 0.1, momentum: 0.4)
        let trace = try scheduleTrace(
            OneCycleLR(probe, maxLR: 0.1, totalSteps: 10, baseMomentum: -0.0, maxMomentum: 0), steps: 10)
        #expect(trace.momentum?.allSatisfy { $0 == 0 } == true)
    }

    @Test func scheduleFilesNameTheMomentumOptions() throws {
        let defaults = try replayScheduleTrace(
            scheduler: "OneCycleLR", options: ["max_lr": .number(1), "total_steps": .number(10)], baseLR: 0.1, steps: 3)
        #expect(defaults.momentum?.first == 0.95)
        let fixed = try replayScheduleTrace(
            scheduler: "OneCycleLR",
            options: ["max_lr": .number(1), "total_steps": .number(10), "cycle_momentum": .flag(false)],
            baseLR: 0.1, steps: 3)
        #expect(fixed.momentum == [0, 0, 0] && fixed.lrs == defaults.lrs)
        let bounds = try replayScheduleTrace(
            scheduler: "CyclicLR",
            options: ["base_lr": .number(1), "max_lr": .number(3), "step_size_up": .number(2),
                      "base_momentum": .numbers([0.5]), "max_momentum": .number(0.7)],
            baseLR: 0.1, steps: 3)
        #expect(close(bounds.momentum ?? [], [0.7, 0.6, 0.5], rtol: 0, atol: 1e-15))
        let mistyped = refusal {
            _ = try replayScheduleTrace(
                scheduler: "OneCycleLR",
                options: ["max_lr": .number(1), "total_steps": .number(10), "max_momentum": .text("high")],
                baseLR: 0.1, steps: 3)
        }
        #expect(mistyped?.option == "max_momentum")
        let plateau = refusal { _ = try makeScheduler("ReduceLROnPlateau", options: [:], on: ScheduleProbe(lr: 1)) }
        #expect(plateau?.option == "scheduler")
    }

    /// Linear and triangular schedules need no libm call, so torch's momenta
    /// are reproduced bit for bit.
    @Test(arguments: ["cycliclr-momentum.json", "onecyclelr-momentum-three-phase.json"])
    func reproducesTorchMomentumBitForBit(_ fileName: String) throws {
        let fixture = try RecordedSchedules.load(fileName)
        let recorded = try #require(fixture.momentum)
        let trace = try replayScheduleTrace(
            scheduler: fixture.scheduler, options: fixture.options, baseLR: fixture.baseLR, steps: fixture.steps)
        #expect(trace.momentum == recorded)
        #expect(Set(recorded).count > 2)
    }
}
