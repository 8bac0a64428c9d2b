import Foundation
import Optimizers
import Replay
import Testing

/// The project's own copy of the torch recordings: Tests/Fixtures/.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func files(in folder: String) -> [String] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    /// The study's six, recorded with refused options too.
    static let studied: Set<String> = ["SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "NAdam"]
    /// The rest of torch.optim.
    static let others: Set<String> = ["Adamax", "RAdam", "Adadelta", "Rprop", "ASGD"]

    /// Every trajectory, parsed once; a file that fails to parse is kept
    /// with a nil trajectory so the tests report it instead of skipping it.
    static let trajectories: [(path: String, trajectory: Trajectory?)] = files(in: "torch").map { path in
        (path, try? loadTrajectory(at: path))
    }
}

private func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

@Suite("Replay of the torch fixtures")
struct FixtureReplayTests {
    @Test("every fixture file parses")
    func allFixturesParse() throws {
        #expect(Fixtures.trajectories.count == 110)
        for path in Fixtures.files(in: "torch") {
            #expect(throws: Never.self, "\(name(path))") { try loadTrajectory(at: path) }
        }
    }

    @Test("every trajectory fixture reproduces torch within the file's tolerance", arguments: Fixtures.files(in: "torch"))
    func fixturePasses(path: String) {
        let result = replayFile(at: path)
        #expect(result.passed, "\(result.line)")
    }

    @Test("the fixtures cover both dtypes and closed loops for all eleven, refusals for the six")
    func coverage() throws {
        let parsed = Fixtures.trajectories.compactMap(\.trajectory)
        #expect(Set(parsed.map(\.optimizer)) == Fixtures.studied.union(Fixtures.others))
        for optimizer in Fixtures.studied.union(Fixtures.others) {
            let mine = parsed.filter { $0.optimizer == optimizer }
            #expect(mine.contains { $0.dtype == .float32 && $0.error == nil }, "\(optimizer) float32")
            #expect(mine.contains { $0.dtype == .float64 && $0.model == nil && $0.error == nil }, "\(optimizer) float64")
            #expect(mine.contains { $0.model != nil }, "\(optimizer) closed loop")
            #expect(mine.allSatisfy { $0.error != nil || $0.steps.count >= 10 }, "\(optimizer) step counts")
            if Fixtures.studied.contains(optimizer) {
                #expect(mine.contains { $0.error != nil }, "\(optimizer) refused options")
            }
        }
        let special = ["adam-none-grad", "sgd-momentum-none-grad", "adam-lr-schedule", "sgd-nesterov-lr-schedule",
                       "adamw-zero-gradient", "adam-zero-gradient-l2", "adagrad-sparse", "adam-huge-grads",
                       "rmsprop-tiny-grads"]
        for s in special { #expect(parsed.contains { $0.name == s }, "\(s)") }
        // The none-grad files really do contain None gradients, and the
        // schedules really do change lr.
        let noneGrad = try #require(parsed.first { $0.name == "adam-none-grad" })
        #expect(noneGrad.steps.contains { $0.gradients.contains { $0 == nil } })
        let schedule = try #require(parsed.first { $0.name == "adam-lr-schedule" }?.lrSchedule)
        #expect(Set(schedule).count > 1)
    }

    @Test("scheduler-driven fixtures cycle the momentum of every optimizer torch cycles it for")
    func scheduledCoverage() throws {
        let scheduled = Fixtures.trajectories.compactMap(\.trajectory).filter { $0.scheduler != nil }
        let cycled = scheduled.filter { $0.error == nil && $0.momentumSchedule.map { Set($0).count > 1 } == true }
        #expect(Set(cycled.map(\.optimizer)) == ["SGD", "RMSprop", "Adam", "AdamW", "Adamax", "NAdam", "RAdam"])
        #expect(Set(cycled.compactMap(\.scheduler?.name)) == ["CyclicLR", "OneCycleLR"])
        // A plain SGD (no momentum option) gains momentum; a closed loop; both refusals.
        #expect(cycled.contains { $0.optimizer == "SGD" && $0.options["momentum"] == nil })
        #expect(cycled.contains { $0.model != nil })
        #expect(Set(scheduled.filter { $0.error != nil }.compactMap(\.scheduler?.name)) == ["CyclicLR", "OneCycleLR"])
        #expect(scheduled.allSatisfy { $0.error != nil || $0.steps.count >= 30 })
    }

    @Test("a refusal passes only when optnb refuses too, and says so")
    func refusals() {
        let refused = Fixtures.trajectories.compactMap(\.trajectory).filter { $0.error != nil }
        #expect(refused.count == 12)
        for t in refused {
            let result = replay(t)
            #expect(result.passed, "\(result.line)")
            #expect(result.message?.hasPrefix("refused as torch did: invalid ") == true, "\(result.line)")
        }
    }

    @Test("every schedule fixture reproduces torch's rates within the file's tolerance",
          arguments: Fixtures.files(in: "torch-schedules"))
    func scheduleFixturePasses(path: String) throws {
        let result = replayFile(at: path)
        #expect(result.passed, "\(result.line)")
        let schedule = try loadSchedule(at: path)
        #expect(result.name == schedule.name && schedule.lrs.count == schedule.steps && schedule.steps >= 10)
    }

    @Test("the schedule fixtures cover every scheduler optnb replays")
    func scheduleCoverage() throws {
        let files = Fixtures.files(in: "torch-schedules")
        #expect(files.count == 16)
        let schedules = try files.map { try loadSchedule(at: $0) }
        #expect(Set(schedules.map(\.scheduler)) == Set(replayableSchedulers))
        // Both momentum-cycling schedulers have a recording of the momentum.
        #expect(Set(schedules.filter { $0.momentum != nil }.map(\.scheduler)) == ["CyclicLR", "OneCycleLR"])
    }
}
