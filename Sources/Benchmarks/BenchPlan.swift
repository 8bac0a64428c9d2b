import Optimizers

/// What to measure: every optimizer × size, at one dtype and thread count.
public struct BenchPlan: Sendable {
    public var optimizers: [BenchOptimizer]
    public var sizes: [Int]
    public var dtype: BenchDType
    public var threads: Int
    public var repetitions: Int
    /// Also time the study's manual step functions (always float64, one
    /// thread).
    public var includeManual: Bool

    public init(
        optimizers: [BenchOptimizer] = BenchOptimizer.allCases,
        sizes: [Int] = [1_000, 100_000, 10_000_000], dtype: BenchDType = .float32,
        threads: Int = 1, repetitions: Int = 15, includeManual: Bool = true
    ) {
        self.optimizers = optimizers
        self.sizes = sizes
        self.dtype = dtype
        self.threads = threads
        self.repetitions = repetitions
        self.includeManual = includeManual
    }
}

/// A plan that cannot be measured; `description` says which setting and
/// what would work.
public struct InvalidBenchPlan: Error, CustomStringConvertible, Equatable {
    public let description: String
}

extension BenchPlan {
    func check() throws(InvalidBenchPlan) {
        if let size = sizes.first(where: { $0 <= 0 }) {
            throw InvalidBenchPlan(description: "size \(size) is not a tensor size: give a positive number of elements")
        }
        guard threads >= 1 else {
            throw InvalidBenchPlan(description: "threads \(threads) cannot run anything: give 1 or more")
        }
        guard repetitions >= 1 else {
            throw InvalidBenchPlan(description: "repetitions \(repetitions) measures nothing: give 1 or more")
        }
    }
}

/// Small tensors take microseconds per step, near the clock's resolution and
/// its call overhead, so one timed sample runs enough consecutive steps to
/// cover about this many elements.
let elementsPerSample = 1 << 20

/// Runs `plan`: for each optimizer and size, the library optimizer and then
/// (if asked) the manual step function, each with one untimed warm-up step
/// (it allocates the state, as a first step does) before `repetitions` timed
/// samples. `report` sees each row as soon as it is measured.
///
/// Parameters and gradients are fixed pseudo-random values in [−1, 1); the
/// gradient is the same at every step, which changes nothing for an
/// elementwise update's speed.
///
/// - Throws: `InvalidBenchPlan` for a size ≤ 0, threads ≤ 0 or repetitions
///   < 1, before measuring anything; `InvalidOption` if an optimizer refuses
///   its hyper-parameters (it does not for the fixed ones used here).
public func runBench(_ plan: BenchPlan, report: (BenchRow) -> Void = { _ in }) throws -> [BenchRow] {
    try plan.check()
    var rows: [BenchRow] = []
    for optimizer in plan.optimizers {
        for size in plan.sizes {
            let row: BenchRow
            switch plan.dtype {
            case .float32: row = try measureLibrary(optimizer, Float.self, size: size, plan: plan)
            case .float64: row = try measureLibrary(optimizer, Double.self, size: size, plan: plan)
            }
            rows.append(row)
            report(row)
            if plan.includeManual, let row = measureManual(optimizer, size: size, plan: plan) {
                rows.append(row)
                report(row)
            }
        }
    }
    return rows
}

/// `count` pseudo-random values in [−1, 1) from a fixed seed.
func benchValues(_ count: Int, seed: UInt64) -> [Double] {
    var rng = RandomSource(seed: seed)
    return (0..<count).map { _ in rng.uniform(in: -1..<1) }
}

func measureLibrary<S: OptimizerScalar>(
    _ optimizer: BenchOptimizer, _: S.Type, size: Int, plan: BenchPlan
) throws -> BenchRow {
    let parameter = Parameter<S>(benchValues(size, seed: 1).map { S($0) }, name: "bench")
    parameter.grad = benchValues(size, seed: 2).map { S($0) }
    let o = try optimizer.library([parameter], threads: plan.threads)
    let dtype: BenchDType = S.self == Float.self ? .float32 : .float64
    let (steps, seconds) = timeSteps(size: size, repetitions: plan.repetitions) { o.step() }
    return BenchRow(
        optimizer: optimizer, implementation: .library, dtype: dtype, size: size,
        threads: plan.threads, stepsPerSample: steps, secondsPerStep: seconds)
}

func measureManual(_ optimizer: BenchOptimizer, size: Int, plan: BenchPlan) -> BenchRow? {
    guard let step = optimizer.manual(benchValues(size, seed: 1), benchValues(size, seed: 2)) else {
        return nil
    }
    let (steps, seconds) = timeSteps(size: size, repetitions: plan.repetitions, step)
    return BenchRow(
        optimizer: optimizer, implementation: .manual, dtype: .float64, size: size, threads: 1,
        stepsPerSample: steps, secondsPerStep: seconds)
}

/// One warm-up step, then `repetitions` samples of consecutive steps; returns
/// the steps per sample and each sample's seconds per step.
func timeSteps(size: Int, repetitions: Int, _ step: () -> Void) -> (Int, [Double]) {
    let stepsPerSample = max(1, elementsPerSample / size)
    step()
    let clock = ContinuousClock()
    var seconds: [Double] = []
    for _ in 0..<repetitions {
        let elapsed = clock.measure {
            for _ in 0..<stepsPerSample { step() }
        }
        let (whole, atto) = elapsed.components
        seconds.append((Double(whole) + Double(atto) * 1e-18) / Double(stepsPerSample))
    }
    return (stepsPerSample, seconds)
}
