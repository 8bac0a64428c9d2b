import Optimizers
import Testing

/// Each optimizer configuration whose loop is a separate specialization,
/// built with a given thread count.
private let variants = [
    "sgd", "sgd-momentum-decay", "sgd-nesterov-maximize", "sgd-dampening",
    "adagrad", "adagrad-decay", "rmsprop", "rmsprop-centered-momentum-decay", "rmsprop-momentum",
    "adam", "adam-amsgrad-decay", "adamw", "adamw-amsgrad-maximize", "nadam", "nadam-decoupled",
    "nadam-coupled",
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
    default: preconditionFailure("unknown variant \(variant)")
    }
}

/// Above `parallelThreshold` and not a multiple of the chunk alignment, so
/// chunks end mid-vector and the last one is short.
private let count = 2 * parallelThreshold + 37

/// Fixed pseudo-random values in [−1, 1) with NaN, ±0 and ±∞ placed at the
/// start, at chunk boundaries of 2 and 3 threads, and at the end.
private func values(seed: UInt64) -> [Double] {
    var rng = RandomSource(seed: seed)
    var v = (0..<count).map { _ in rng.uniform(in: -1..<1) }
    let specials: [Double] = [.nan, 0, -0.0, .infinity, -.infinity, 1e-300]
    for (k, at) in [0, 43_711, 43_712, 65_599, 65_600, count - 1].enumerated() {
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
    for step in 0..<3 {
        p.grad = values(seed: UInt64(2 + step)).map { S($0) }
        optimizer.step()
    }
    return p.value
}

@Suite("Library optimizers: threads")
struct ThreadingTests {
    @Test("three steps give bitwise the same float32 result on 1, 2 and 3 threads", arguments: variants)
    func float32(_ variant: String) throws {
        let one = try trajectory(variant, Float.self, threads: 1)
        #expect(one.contains { !$0.isNaN && $0 != 0 }, "the update must produce numbers to compare")
        #expect(sameBits(one, try trajectory(variant, Float.self, threads: 2)))
        #expect(sameBits(one, try trajectory(variant, Float.self, threads: 3)))
    }

    @Test("three steps give bitwise the same float64 result on 1, 2 and 3 threads", arguments: variants)
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
