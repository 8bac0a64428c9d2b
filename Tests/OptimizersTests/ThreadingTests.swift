@testable import Optimizers
import Testing

/// Each optimizer configuration whose loop is a separate specialization,
/// built with a given thread count.
private let variants = [
    "sgd", "sgd-momentum-decay", "sgd-nesterov-maximize", "sgd-dampening",
    "adagrad", "adagrad-decay", "rmsprop", "rmsprop-centered-momentum-decay", "rmsprop-momentum",
    "adam", "adam-amsgrad-decay", "adamw", "adamw-amsgrad-maximize", "nadam", "nadam-decoupled",
    "nadam-coupled", "adamax", "adamax-decay-maximize", "radam", "radam-decoupled", "adadelta",
    "adadelta-decay", "rprop", "asgd", "asgd-averaging",
]

private func make<S: OptimizerScalar>(
    _ variant: String, _ ps: [Parameter<S>], threads: Int
) throws -> any Optimizer<S> {
    func with<O: Optimizer>(_ o: O, _ set: (O) -> Void) -> O {
        set(o)
        return o
    }
    switch variant {
    case "sgd": return with(try SGD(ps, lr: 0.01)) { $0.threads = threads }
    case "sgd-momentum-decay":
        return with(try SGD(ps, lr: 0.01, momentum: 0.9, weightDecay: 0.1)) { $0.threads = threads }
    case "sgd-nesterov-maximize":
        return with(try SGD(ps, lr: 0.01, momentum: 0.9, nesterov: true, maximize: true)) { $0.threads = threads }
    case "sgd-dampening":
        return with(try SGD(ps, lr: 0.01, momentum: 0.9, dampening: 0.3)) { $0.threads = threads }
    case "adagrad": return with(try Adagrad(ps, lr: 0.01, lrDecay: 0.1)) { $0.threads = threads }
    case "adagrad-decay": return with(try Adagrad(ps, lr: 0.01, weightDecay: 0.1)) { $0.threads = threads }
    case "rmsprop": return with(try RMSprop(ps, lr: 0.01)) { $0.threads = threads }
    case "rmsprop-centered-momentum-decay":
        return with(try RMSprop(ps, lr: 0.01, alpha: 0.3, weightDecay: 0.1, momentum: 0.5, centered: true)) {
            $0.threads = threads
        }
    case "rmsprop-momentum": return with(try RMSprop(ps, lr: 0.01, momentum: 0.9)) { $0.threads = threads }
    case "adam": return with(try Adam(ps, lr: 0.01)) { $0.threads = threads }
    case "adam-amsgrad-decay":
        return with(try Adam(ps, lr: 0.01, betas: (0.3, 0.999), weightDecay: 0.1, amsgrad: true)) {
            $0.threads = threads
        }
    case "adamw": return with(try AdamW(ps, lr: 0.01)) { $0.threads = threads }
    case "adamw-amsgrad-maximize":
        return with(try AdamW(ps, lr: 0.01, amsgrad: true, maximize: true)) { $0.threads = threads }
    case "nadam": return with(try NAdam(ps, lr: 0.01)) { $0.threads = threads }
    case "nadam-decoupled":
        return with(try NAdam(ps, lr: 0.01, weightDecay: 0.1, decoupledWeightDecay: true)) { $0.threads = threads }
    case "nadam-coupled":
        return with(try NAdam(ps, lr: 0.01, betas: (0.2, 0.9), weightDecay: 0.1)) { $0.threads = threads }
    case "adamax": return with(try Adamax(ps, lr: 0.01)) { $0.threads = threads }
    case "adamax-decay-maximize":
        return with(try Adamax(ps, lr: 0.01, weightDecay: 0.1, maximize: true)) { $0.threads = threads }
    case "radam": return with(try RAdam(ps, lr: 0.01)) { $0.threads = threads }
    case "radam-decoupled":
        return with(try RAdam(ps, lr: 0.01, weightDecay: 0.1, decoupledWeightDecay: true)) { $0.threads = threads }
    case "adadelta": return with(try Adadelta(ps)) { $0.threads = threads }
    case "adadelta-decay": return with(try Adadelta(ps, weightDecay: 0.1)) { $0.threads = threads }
    case "rprop": return with(try Rprop(ps)) { $0.threads = threads }
    case "asgd": return with(try ASGD(ps)) { $0.threads = threads }
    case "asgd-averaging": return with(try ASGD(ps, t0: 1)) { $0.threads = threads }
    default: preconditionFailure("unknown variant \(variant)")
    }
}

/// Above `parallelThreshold` and not a multiple of any block size, so the
/// last block is short and ends mid-vector.
private let count = 2 * parallelThreshold + 37

/// Fixed pseudo-random values in [−1, 1) with NaN, ±0, ±∞ and a value whose
/// square underflows, placed at the start, on both sides of block
/// boundaries (multiples of 2¹⁴), and at the end.
private func values(seed: UInt64) -> [Double] {
    var rng = RandomSource(seed: seed)
    var v = (0..<count).map { _ in rng.uniform(in: -1..<1) }
    let specials: [Double] = [.nan, 0, -0.0, .infinity, -.infinity, 1e-300]
    for (k, at) in [0, 16_383, 16_384, 65_535, 65_536, count - 1].enumerated() {
        v[at] = specials[(k + Int(seed)) % specials.count]
    }
    return v
}

/// Same bits, or both NaN: IEEE 754 leaves a NaN result's payload to the
/// hardware, which is not what this test is about. Widening to Double is
/// exact and one-to-one on non-NaN values (±0 and subnormals included), so
/// equal Double bits mean equal bits in S.
private func sameBits<S: OptimizerScalar>(_ a: [S], _ b: [S]) -> Bool {
    a.count == b.count
        && zip(a, b).allSatisfy { Double($0).bitPattern == Double($1).bitPattern || ($0.isNaN && $1.isNaN) }
}

private func trajectory<S: OptimizerScalar>(_ variant: String, _: S.Type, threads: Int) throws -> [S] {
    let p = Parameter(values(seed: 1).map { S($0) })
    let optimizer = try make(variant, [p], threads: threads)
    // Seven steps: RAdam's rectified branch starts at step 6 (ρₜ > 5), and
    // ASGD with t0 = 1 averages from step 2.
    for step in 0..<7 {
        p.grad = values(seed: UInt64(2 + step)).map { S($0) }
        optimizer.step()
    }
    return p.value
}

@Suite("Library optimizers: threads")
struct ThreadingTests {
    @Test("seven steps give bitwise the same float32 result on 1, 2 and 3 threads", arguments: variants)
    func float32(_ variant: String) throws {
        let one = try trajectory(variant, Float.self, threads: 1)
        #expect(one.contains { !$0.isNaN && $0 != 0 }, "the update must produce numbers to compare")
        #expect(sameBits(one, try trajectory(variant, Float.self, threads: 2)))
        #expect(sameBits(one, try trajectory(variant, Float.self, threads: 3)))
    }

    @Test("seven steps give bitwise the same float64 result on 1, 2 and 3 threads", arguments: variants)
    func float64(_ variant: String) throws {
        let one = try trajectory(variant, Double.self, threads: 1)
        #expect(sameBits(one, try trajectory(variant, Double.self, threads: 2)))
        #expect(sameBits(one, try trajectory(variant, Double.self, threads: 3)))
    }

    @Test("a tensor below the threshold, and threads below 1, still update it")
    func smallAndZeroThreads() throws {
        let p = Parameter<Double>([1, -2]), q = Parameter<Double>([1, -2])
        let a = try SGD([p], lr: 0.5), b = try SGD([q], lr: 0.5)
        a.threads = 4
        b.threads = 0
        p.grad = [1, 1]
        q.grad = [1, 1]
        a.step()
        b.step()
        // θ − γg by hand: 1 − 0.5 = 0.5, −2 − 0.5 = −2.5.
        #expect(p.value == [0.5, -2.5])
        #expect(q.value == [0.5, -2.5])
    }

    @Test("optimizers start with every processor")
    func defaultThreads() throws {
        #expect(defaultOptimizerThreads >= 1)
        #expect(try Adam([Parameter<Float>([0])]).threads == defaultOptimizerThreads)
    }
}

@Suite("Chunked loops: every element exactly once")
struct ChunkCoverageTests {
    /// Counts how often `forEachChunk` hands each index to `body`.
    private func visits(count: Int, threads: Int) -> [UInt8] {
        var seen = [UInt8](repeating: 0, count: count)
        seen.withUnsafeMutableBufferPointer { seen in
            forEachChunk(count: count, threads: threads) { range in
                for i in range { seen[i] &+= 1 }
            }
        }
        return seen
    }

    @Test(
        "sizes around the threshold and the block size, on 1 to 8 threads",
        arguments: [
            0, 1, parallelThreshold - 1, parallelThreshold, parallelThreshold + 1,
            3 * ChunkPool.blockSize + 5, 1_000_003,
        ], [1, 2, 3, 8])
    func coverage(count: Int, threads: Int) {
        #expect(visits(count: count, threads: threads).allSatisfy { $0 == 1 })
    }

    @Test("back-to-back calls, and calls after the workers went to sleep")
    func repeatedCalls() async throws {
        let count = 4 * parallelThreshold + 1
        for _ in 0..<200 {
            #expect(visits(count: count, threads: 2).allSatisfy { $0 == 1 })
        }
        for _ in 0..<3 {
            try await Task.sleep(for: .milliseconds(5))  // longer than the workers spin
            #expect(visits(count: count, threads: 2).allSatisfy { $0 == 1 })
        }
    }

    @Test("two optimizers stepping at once on different threads both finish, each result as on one thread")
    func concurrentCallers() async throws {
        func run(threads: Int) throws -> [Float] {
            let p = Parameter((0..<(3 * parallelThreshold)).map { Float($0 % 97) / 97 - 0.5 })
            let adam = try Adam([p], lr: 0.01)
            adam.threads = threads
            for step in 0..<5 {
                p.grad = p.value.map { $0 * Float(step + 1) }
                adam.step()
            }
            return p.value
        }
        let expected = try run(threads: 1)
        try await withThrowingTaskGroup(of: [Float].self) { group in
            for _ in 0..<4 { group.addTask { try run(threads: 2) } }
            for try await result in group { #expect(result == expected) }
        }
    }
}
