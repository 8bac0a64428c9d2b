import Foundation
import Optimizers
import Replay
import Testing

/// A hand-derived trajectory driven by a scheduler: SGD built without
/// momentum, CyclicLR(base_lr 1, max_lr 3, step_size_up 2, base_momentum 0.5,
/// max_momentum 0.9), g = [1, −1] at both steps from θ = [1, 2].
/// Step 0: lr 1, μ 0.9; b = g (torch clones it), θ = [0, 3].
/// Step 1: lr 2, μ = 0.9 − 0.4·½ = 0.7; b = 0.7·b + g = [1.7, −1.7], θ = [−3.4, 6.4].
func scheduledTrajectory(
    top extra: String = "", optimizer: String = "SGD", options: String = #"{"lr": 0.5}"#,
    scheduler: String = #"{"name": "CyclicLR", "options": {"base_lr": 1, "max_lr": 3, "step_size_up": 2, "base_momentum": 0.5, "max_momentum": 0.9}}"#,
    lrs: String? = "[1, 2]", momenta: String? = "[0.9, 0.7]", after: String = "[-3.4, 6.4]"
) -> String {
    var schedules = ""
    if let lrs { schedules += #", "lr_schedule": \#(lrs)"# }
    if let momenta { schedules += #", "momentum_schedule": \#(momenta)"# }
    return """
    {"format": "optnb-trajectory/1", "name": "hand-cyclic", "source": "hand-derived",
     "optimizer": "\(optimizer)", "options": \(options), "dtype": "float64",
     "parameters": [{"name": "p0", "shape": [2], "initial": [1.0, 2.0]}],
     "steps": [{"gradients": [[1.0, -1.0]], "parameters": [[0.0, 3.0]]},
               {"gradients": [[1.0, -1.0]], "parameters": [\(after)]}],
     "scheduler": \(scheduler)\(schedules),
     "tolerance": {"rtol": 1e-12, "atol": 1e-15}\(extra)}
    """
}

@Suite("Trajectories driven by a scheduler")
struct ScheduledTrajectoryTests {
    @Test("the hand-derived CyclicLR run passes; a wrong momentum or rate fails at its field")
    func handDerived() throws {
        let good = replayFile(at: try temporaryFile(scheduledTrajectory()))
        #expect(good.passed, "\(good.line)")
        let t = try loadTrajectory(at: try temporaryFile(scheduledTrajectory()))
        #expect(t.scheduler?.name == "CyclicLR" && t.scheduler?.options["step_size_up"] == .number(2))
        #expect(t.lrSchedule == [1, 2] && t.momentumSchedule == [0.9, 0.7])

        let wrongMomentum = replayFile(at: try temporaryFile(scheduledTrajectory(momenta: "[0.9, 0.75]")))
        #expect(!wrongMomentum.passed)
        #expect(wrongMomentum.worst?.location == "momentum_schedule[1]")
        let wrongRate = replayFile(at: try temporaryFile(scheduledTrajectory(lrs: "[1, 2.5]")))
        #expect(!wrongRate.passed && wrongRate.worst?.location == "lr_schedule[1]")
        // Without the momentum optnb's SGD would step to θ = [−3, 6] instead.
        let unmoved = replayFile(at: try temporaryFile(scheduledTrajectory(after: "[-3.0, 6.0]")))
        #expect(!unmoved.passed && unmoved.worst?.location.hasPrefix("steps[1] p0") == true)
    }

    @Test(
        "scheduler fields are checked against each other",
        arguments: [
            (sgdTrajectory(top: #", "momentum_schedule": [0.9]"#), "momentum_schedule",
             "only a trajectory driven by a scheduler records momentum_schedule"),
            (scheduledTrajectory(lrs: nil), "lr_schedule", "missing (a trajectory driven by a scheduler records its rates)"),
            (scheduledTrajectory(scheduler: #"{"name": "LambdaLR", "options": {}}"#), "scheduler.name",
             "unknown scheduler \"LambdaLR\""),
            (scheduledTrajectory(scheduler: #"{"name": "ReduceLROnPlateau", "options": {}}"#), "scheduler.name",
             "unknown scheduler \"ReduceLROnPlateau\""),
            (scheduledTrajectory(scheduler: #"{"name": "StepLR", "options": {"step_size": 2}, "steps": 3}"#),
             "scheduler.steps", "unknown field"),
            (scheduledTrajectory(momenta: "[0.9]"), "momentum_schedule", "expected 2 numbers, found 1"),
        ])
    func refusedFields(text: String, field: String, message: String) throws {
        let (path, error) = try loadError(text)
        let e = try #require(error)
        #expect(e.file == path && e.field == field)
        #expect(e.message.hasPrefix(message), "\(e.message)")
    }

    @Test("a scheduler torch refused passes only when optnb refuses it too")
    func refusedScheduler() throws {
        let oneCycle = #"{"name": "OneCycleLR", "options": {"max_lr": 0.1, "total_steps": 2}}"#
        let torchMessage = "optimizer must support momentum or beta1 with `cycle_momentum` option enabled"
        let recorded = """
            {"format": "optnb-trajectory/1", "name": "adagrad-refused", "optimizer": "Adagrad", "options": {},
             "dtype": "float64", "parameters": [{"name": "p0", "shape": [1], "initial": [1.0]}], "steps": [],
             "scheduler": \(oneCycle), "error": "\(torchMessage)"}
            """
        let refused = replayFile(at: try temporaryFile(recorded))
        #expect(refused.passed, "\(refused.line)")
        #expect(refused.message?.hasPrefix("refused as torch did: invalid cycle_momentum true: \(torchMessage)") == true)
        // Accepted by torch (no error recorded): optnb's refusal is a failure.
        let acceptedPath = try temporaryFile(scheduledTrajectory(optimizer: "Adagrad", scheduler: oneCycle))
        let accepted = replayFile(at: acceptedPath)
        #expect(!accepted.passed)
        // cycle_momentum is torch's default here, so no field of the file is named.
        #expect(accepted.message?.hasPrefix(
            "\(acceptedPath): optnb refused the scheduler torch accepted: invalid cycle_momentum") == true)
    }

    @Test("momentum recorded for an optimizer optnb cannot read it from fails plainly")
    func momentumWithoutMomentum() throws {
        let fixed = #"{"name": "CyclicLR", "options": {"base_lr": 1, "max_lr": 3, "step_size_up": 2, "cycle_momentum": false}}"#
        let result = replayFile(at: try temporaryFile(scheduledTrajectory(optimizer: "Adagrad", scheduler: fixed)))
        #expect(!result.passed)
        #expect(result.message == "the file records momentum_schedule, but optnb's Adagrad has no momentum or beta1")
    }

    @Test("a scheduler optnb refuses to build or to step fails the replay, saying where")
    func refusedStep() throws {
        // pct_start · total_steps = 1: the warm-up is 0 steps long, which torch divides by when built.
        let empty = #"{"name": "OneCycleLR", "options": {"max_lr": 0.1, "total_steps": 4, "pct_start": 0.25}}"#
        let builtPath = try temporaryFile(scheduledTrajectory(scheduler: empty))
        let built = replayFile(at: builtPath)
        #expect(!built.passed)
        #expect(built.message?.hasPrefix(
            "\(builtPath): scheduler.options.pct_start: optnb refused the scheduler torch accepted: invalid pct_start 0.25")
            == true)
        // total_steps 1 allows one step() after the first optimizer step, not two.
        let short = #"{"name": "OneCycleLR", "options": {"max_lr": 0.1, "total_steps": 1}}"#
        let stepped = replayFile(at: try temporaryFile(scheduledTrajectory(scheduler: short)))
        #expect(!stepped.passed)
        #expect(stepped.message?.hasPrefix("optnb's scheduler refused step 1 that torch took: invalid total_steps 1") == true)
    }
}

@Suite("Schedule files with momentum")
struct ScheduleMomentumTests {
    /// CyclicLR(base_lr 1, max_lr 3, step_size_up 2) on the SGD probe:
    /// momentum 0.9, 0.85, 0.8 (M − (M − B)·scale with M 0.9, B 0.8).
    func cyclicSchedule(momentum: String) -> String {
        stepSchedule(
            top: #", "momentum": \#(momentum)"#, scheduler: "CyclicLR",
            options: #"{"base_lr": 1, "max_lr": 3, "step_size_up": 2}"#, steps: "3", lrs: "[1, 2, 3]"
        ).replacingOccurrences(of: #""rtol": 0, "atol": 0"#, with: #""rtol": 1e-15, "atol": 1e-15"#)
    }

    @Test("recorded momentum is compared step by step")
    func compared() throws {
        let good = replayFile(at: try temporaryFile(cyclicSchedule(momentum: "[0.9, 0.85, 0.8]")))
        #expect(good.passed, "\(good.line)")
        #expect(try loadSchedule(at: try temporaryFile(cyclicSchedule(momentum: "[0.9, 0.85, 0.8]"))).momentum == [0.9, 0.85, 0.8])
        let bad = replayFile(at: try temporaryFile(cyclicSchedule(momentum: "[0.9, 0.8, 0.8]")))
        #expect(!bad.passed && bad.worst?.location == "momentum[1]")
        #expect(bad.message == "1 momentum value outside tolerance")
        let e = try #require(try scheduleError(cyclicSchedule(momentum: "[0.9]")).error)
        #expect(e.field == "momentum" && e.message == "expected 3 numbers, found 1")
    }
}
