import Foundation
import Optimizers
import Replay
import Testing

/// The `InvalidOption` that `body` throws, or `nil`.
private func refusal(_ body: () throws -> Void) -> InvalidOption? {
    do {
        try body()
        return nil
    } catch {
        return error as? InvalidOption
    }
}

/// `replaySchedule` and the scheduler catalog: what a schedule file may say.
@Suite struct SchedulerCatalogTests {
    @Test func argumentsPrintAsTheFileWritesThem() {
        #expect(TorchArgument.number(6).description == "6" && TorchArgument.number(0.25).description == "0.25")
        #expect(TorchArgument.numbers([5, 0.5]).description == "[5, 0.5]" && TorchArgument.none.description == "null")
    }

    @Test func replaysWithTorchDefaults() throws {
        // ConstantLR's defaults: factor 1/3 for 5 steps.
        let rates = try replaySchedule(scheduler: "ConstantLR", options: [:], baseLR: 0.3, steps: 7)
        let expected = [0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.3]
        #expect(rates.count == 7 && zip(rates, expected).allSatisfy { abs($0 - $1) <= 1e-15 * $1 })
        let cyclic = try replaySchedule(
            scheduler: "CyclicLR",
            options: ["base_lr": .numbers([1]), "max_lr": .number(3), "step_size_up": .number(2),
                      "step_size_down": .none, "cycle_momentum": .flag(true), "last_epoch": .number(-1)],
            baseLR: 0.1, steps: 5)
        #expect(cyclic == [1, 2, 3, 2, 1])
    }

    @Test func namesTheUnknownSchedulerOrOption() {
        let unknown = refusal { _ = try replaySchedule(scheduler: "StepLRR", options: [:], baseLR: 0.1, steps: 3) }
        #expect(unknown?.option == "scheduler" && unknown?.value == "StepLRR")
        let sequential = refusal { _ = try replaySchedule(scheduler: "SequentialLR", options: [:], baseLR: 0.1, steps: 3) }
        #expect(sequential?.option == "scheduler")
        let typo = refusal {
            _ = try replaySchedule(
                scheduler: "StepLR", options: ["step_size": .number(2), "stepsize": .number(3)], baseLR: 0.1, steps: 3)
        }
        #expect(typo?.option == "stepsize" && typo?.reason.contains("step_size, gamma") == true)
    }

    @Test func refusesIllTypedOrMissingOptions() {
        func option(_ scheduler: String, _ options: [String: TorchArgument], steps: Int = 3) -> String? {
            refusal { _ = try replaySchedule(scheduler: scheduler, options: options, baseLR: 0.1, steps: steps) }?.option
        }
        #expect(option("CosineAnnealingLR", [:]) == "T_max")
        #expect(option("StepLR", ["step_size": .text("8")]) == "step_size")
        #expect(option("StepLR", ["step_size": .number(2.5)]) == "step_size")
        #expect(option("StepLR", ["step_size": .number(2), "last_epoch": .number(3)]) == "last_epoch")
        #expect(option("MultiStepLR", ["milestones": .number(3)]) == "milestones")
        #expect(option("CyclicLR", ["base_lr": .number(0.1), "max_lr": .number(1), "mode": .text("triangular3")]) == "mode")
        #expect(option("CyclicLR", ["base_lr": .numbers([0.1, 0.2]), "max_lr": .number(1)]) == "base_lr")
        #expect(option("OneCycleLR", ["max_lr": .number(1), "total_steps": .number(5), "anneal_strategy": .text("cosine")]) == "anneal_strategy")
        #expect(option("OneCycleLR", ["max_lr": .number(1), "total_steps": .number(5)], steps: 6) == "total_steps")
        #expect(option("ReduceLROnPlateau", ["threshold_mode": .text("relative")]) == "threshold_mode")
        #expect(option("ReduceLROnPlateau", ["last_epoch": .number(-1)]) == "last_epoch")
    }

    @Test func oneCycleAllowsExactlyTotalStepsSteps() throws {
        let options: [String: TorchArgument] = ["max_lr": .number(1), "total_steps": .number(5)]
        #expect(try replaySchedule(scheduler: "OneCycleLR", options: options, baseLR: 0.1, steps: 5).count == 5)
        let error = refusal { _ = try replaySchedule(scheduler: "OneCycleLR", options: options, baseLR: 0.1, steps: 6) }
        #expect(error?.reason == "Tried to step 6 times. The specified number of total steps is 5")
    }

    @Test func metricsBelongToReduceLROnPlateauOnly() {
        let short = refusal {
            _ = try replaySchedule(scheduler: "ReduceLROnPlateau", options: [:], baseLR: 0.1, steps: 3, metrics: [1, 2])
        }
        #expect(short?.option == "metrics")
        let missing = refusal { _ = try replaySchedule(scheduler: "ReduceLROnPlateau", options: [:], baseLR: 0.1, steps: 3) }
        #expect(missing?.option == "metrics")
        let stray = refusal {
            _ = try replaySchedule(
                scheduler: "ExponentialLR", options: ["gamma": .number(0.5)], baseLR: 0.1, steps: 3, metrics: [1, 2, 3])
        }
        #expect(stray?.option == "metrics")
    }

    @Test func refusesBadBaseRatesAndStepCounts() throws {
        for baseLR in [-0.1, .nan] {
            let error = refusal {
                _ = try replaySchedule(scheduler: "ExponentialLR", options: ["gamma": .number(0.5)], baseLR: baseLR, steps: 3)
            }
            #expect(error?.option == "base_lr")
        }
        let negative = refusal {
            _ = try replaySchedule(scheduler: "ExponentialLR", options: ["gamma": .number(0.5)], baseLR: 0.1, steps: -1)
        }
        #expect(negative?.option == "steps")
        #expect(try replaySchedule(scheduler: "ExponentialLR", options: ["gamma": .number(0.5)], baseLR: 0.1, steps: 0) == [])
    }
}
