import Foundation
import Optimizers
import Replay
import Testing

/// A small valid schedule, hand-derived: StepLR with step_size 2 and gamma
/// 0.5 from 0.1 gives 0.1, 0.1, 0.05, 0.05, 0.025 (halving is exact).
func stepSchedule(
    top extra: String = "", scheduler: String = "StepLR", options: String = #"{"step_size": 2, "gamma": 0.5}"#,
    steps: String = "5", lrs: String = "[0.1, 0.1, 0.05, 0.05, 0.025]"
) -> String {
    """
    {"format": "optnb-schedule/1", "name": "hand-steplr", "scheduler": "\(scheduler)",
     "options": \(options), "base_lr": 0.1, "steps": \(steps), "lrs": \(lrs),
     "tolerance": {"rtol": 0, "atol": 0}\(extra)}
    """
}

/// The error loading `text` as a schedule raises, or nil when it loads.
func scheduleError(_ text: String) throws -> (path: String, error: TrajectoryError?) {
    let path = try temporaryFile(text)
    do {
        _ = try loadSchedule(at: path)
        return (path, nil)
    } catch {
        return (path, error)
    }
}

@Suite("Schedule files")
struct ScheduleParserTests {
    @Test("the hand-derived StepLR file passes exactly; a perturbed rate fails at lrs[k]")
    func handDerived() throws {
        let good = replayFile(at: try temporaryFile(stepSchedule()))
        #expect(good.passed, "\(good.line)")
        #expect(good.line == "PASS  hand-steplr  all numbers exact")

        let bad = replayFile(at: try temporaryFile(stepSchedule(lrs: "[0.1, 0.1, 0.05, 0.06, 0.025]")))
        #expect(!bad.passed)
        let worst = try #require(bad.worst)
        #expect(worst.location == "lrs[3]" && worst.actual == 0.05 && worst.expected == 0.06)
        #expect(bad.line.hasSuffix("at lrs[3]: got 0.05, torch 0.06  1 rate outside tolerance"))
    }

    @Test(
        "malformed files are refused, naming the file and the field",
        arguments: [
            (stepSchedule(top: #", "comment": "hi""#), "comment", "unknown field"),
            (stepSchedule(scheduler: "LambdaLR"), "scheduler", "unknown scheduler \"LambdaLR\""),
            (stepSchedule(steps: "6"), "lrs", "expected 6 numbers, found 5"),
            (stepSchedule(steps: "2.5"), "steps", "expected a non-negative integer, found 2.5"),
            (stepSchedule(lrs: "[0.1, 0.1, \"0.05\", 0.05, 0.025]"), "lrs[2]", "expected a number, found a string"),
            (stepSchedule(options: #"{"step_size": {"value": 2}}"#), "options.step_size",
             "expected a number, boolean, string, null or array of numbers, found an object"),
            (stepSchedule(top: #", "metrics": [1, 2, 3, 4, 5]"#), "metrics", "only ReduceLROnPlateau files record metrics"),
            (stepSchedule(scheduler: "ReduceLROnPlateau", options: "{}"), "metrics", "missing"),
            (stepSchedule().replacingOccurrences(of: "\"base_lr\": 0.1", with: "\"base_lr\": Infinity"), "base_lr",
             "expected a finite number, found inf"),
        ])
    func refused(text: String, field: String, message: String) throws {
        let (path, error) = try scheduleError(text)
        let e = try #require(error)
        #expect(e.file == path)
        #expect(e.field == field)
        #expect(e.message.hasPrefix(message), "\(e.message)")
        let result = replayFile(at: path)
        #expect(!result.passed && result.message == e.description)
    }

    @Test("JSON 1 and 0 are numbers, never booleans: a flag given as 0 is refused by name")
    func numbersAreNotFlags() throws {
        let path = try temporaryFile(
            stepSchedule(
                scheduler: "CyclicLR",
                options: #"{"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2, "cycle_momentum": 0}"#,
                lrs: "[0.01, 0.055, 0.1, 0.055, 0.01]"))
        let schedule = try loadSchedule(at: path)
        #expect(schedule.options["cycle_momentum"] == .number(0))
        #expect(schedule.options["step_size_up"] == .number(2))
        let result = replayFile(at: path)
        #expect(!result.passed)
        #expect(result.message?.hasPrefix("\(path): options.cycle_momentum: optnb refused the schedule: ") == true)
        #expect(result.message?.contains("CyclicLR takes true or false for cycle_momentum") == true)
    }

    @Test("options take their kind from the JSON value; null is Python's None")
    func optionKinds() throws {
        let schedule = try loadSchedule(at: try temporaryFile(stepSchedule(
            scheduler: "OneCycleLR",
            options: #"{"max_lr": [0.5], "total_steps": 5, "epochs": null, "anneal_strategy": "linear", "three_phase": true}"#,
            lrs: "[0.02, 0.5, 0.25, 0.00001, 0.000002]")))
        #expect(schedule.options == [
            "max_lr": .numbers([0.5]), "total_steps": .number(5), "epochs": TorchArgument.none,
            "anneal_strategy": .text("linear"), "three_phase": .flag(true),
        ])
        #expect(schedule.baseLR == 0.1 && schedule.steps == 5 && schedule.metrics == nil)
    }

    @Test("options the scheduler refuses fail the replay, naming the option")
    func refusedOption() throws {
        let path = try temporaryFile(stepSchedule(options: #"{"step_size": 2, "stepsize": 3}"#))
        let result = replayFile(at: path)
        #expect(!result.passed)
        #expect(result.message?.hasPrefix("\(path): options.stepsize: optnb refused the schedule: invalid stepsize 3") == true)
    }

    @Test("a schedule file read as a trajectory says what it is")
    func notATrajectory() throws {
        let path = try temporaryFile(stepSchedule())
        #expect(throws: TrajectoryError(
            file: path, field: "format",
            message: "a learning-rate schedule, not a trajectory (read it with loadSchedule(at:))")
        ) { _ = try loadTrajectory(at: path) }
        let e = try #require(try scheduleError(sgdTrajectory()).error)
        #expect(e.field == "format" && e.message.hasPrefix("unsupported format \"optnb-trajectory/1\""))
    }
}
