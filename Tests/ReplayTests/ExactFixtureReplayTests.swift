import Foundation
import Optimizers
import Replay
import Testing

/// Tests/Fixtures/torch-exact/ and torch-exact-linear/: torch 2.15 recorded
/// with ATEN_CPU_CAPABILITY=default (no fused multiply-add), every file asking
/// for rtol = atol = 0. 91 come from shared/reference/torch-exact; 34 were
/// recorded for options that set lacks (`scripts/record_trajectory.py
/// --exact --seed 2`: amsgrad, maximize, centered, dampening, weight decay on
/// every optimizer), each in float32 and float64.
enum ExactFixtures {
    static let openLoop = Fixtures.files(in: "torch-exact")
    static let closedLoop = Fixtures.files(in: "torch-exact-linear")
    static let trajectories: [(path: String, trajectory: Trajectory)] = (openLoop + closedLoop).compactMap { path in
        (try? loadTrajectory(at: path)).map { (path, $0) }
    }
}

@Suite("Replay of the bit-exact torch fixtures at zero tolerance")
struct ExactFixtureReplayTests {
    @Test("all 125 files parse: 114 open loop (76 float64, 38 float32), 11 closed loop, each asking for zero tolerance")
    func coverage() {
        #expect(ExactFixtures.openLoop.count == 114 && ExactFixtures.closedLoop.count == 11)
        #expect(ExactFixtures.trajectories.count == 125)
        let open = ExactFixtures.trajectories.map(\.trajectory).filter { $0.model == nil }
        #expect(open.count == 114)
        #expect(open.filter { $0.dtype == .float64 }.count == 76)
        #expect(open.filter { $0.dtype == .float32 }.count == 38)
        // Every optimizer is covered with weight decay and with maximize.
        let decayed = Set(open.filter { $0.options["weight_decay"].map { $0 != .number(0) } ?? false }.map(\.optimizer))
        let maximized = Set(open.filter { $0.options["maximize"] == .flag(true) }.map(\.optimizer))
        #expect(decayed == Fixtures.studied.union(Fixtures.others).subtracting(["Rprop"]))  // Rprop has no weight decay
        #expect(maximized == Fixtures.studied.union(Fixtures.others))
        #expect(ExactFixtures.trajectories.allSatisfy { $0.trajectory.tolerance?.rtol == 0 && $0.trajectory.tolerance?.atol == 0 })
    }

    @Test("every open-loop file reproduces torch bit for bit", arguments: ExactFixtures.openLoop)
    func openLoopIsExact(path: String) {
        let result = replayFile(at: path)
        #expect(result.passed, "\(result.line)")
    }

    /// Closed loops get their gradients from torch's nn.Linear and MSELoss,
    /// whose sums run through a BLAS in its own order: measured within 6 ulp
    /// of the recorded loss, gradients and parameters (the largest: the bias
    /// gradient of rmsprop-linear-mse, 3.3e-16 on 0.28).
    @Test("closed-loop files stay within 8 ulp of torch", arguments: ExactFixtures.closedLoop)
    func closedLoopIsClose(path: String) throws {
        let result = replayFile(at: path)
        let worst = try #require(result.worst, "\(result.line)")
        #expect(worst.error <= 8 * worst.expected.magnitude.ulp, "\(result.line)")
    }
}
