import Optimizers

/// What to measure: every optimizer × size × thread count, at one dtype.
public struct BenchPlan: Sendable {
    /// The optimizers, measured in this order.
    public var optimizers: [BenchOptimizer]
    /// Elements per tensor (each > 0), measured in this order.
    public var sizes: [Int]
    /// The library optimizers' scalar type (manual steps are always float64).
    public var dtype: BenchDType
    /// Thread counts for the library optimizers. With more than one, their
    /// samples alternate (1, 2, 1, 2, …) on the same tensors, so a speed-up
    /// compares runs from the same seconds of a machine whose memory
    /// bandwidth drifts with its neighbours' load.
    public var threads: [Int]
    /// Timed samples per cell (> 0), after the untimed warm-up.
    public var repetitions: Int
    /// Which code to time: the library optimizers, the study's manual step
    /// functions (always float64, one thread), or both.
    public var implementations: Set<Implementation>
    /// The square root of the library optimizers that take one (Adagrad,
    /// RMSprop, Adam, AdamW, NAdam, RAdam, Adadelta).
    public var squareRoot: BenchSquareRoot

    /// A plan as given; by default every optimizer, 10³, 10⁵ and 10⁷
    /// elements, float32, one thread, 15 samples, both implementations.
    /// `check()` refuses what cannot be measured.
    public init(
        optimizers: [BenchOptimizer] = BenchOptimizer.allCases,
        sizes: [Int] = [1_000, 100_000, 10_000_000], dtype: BenchDType = .float32,
        threads: [Int] = [1], repetitions: Int = 15,
        implementations: Set<Implementation> = [.library, .manual], squareRoot: BenchSquareRoot = .ieee
    ) {
        self.optimizers = optimizers
        self.sizes = sizes
        self.dtype = dtype
        self.threads = threads
        self.repetitions = repetitions
        self.implementations = implementations
        self.squareRoot = squareRoot
    }
}

/// `optnb bench --square-root`: the library's two square roots under
/// command-line names.
public enum BenchSquareRoot: String, CaseIterable, Sendable {
    /// `SquareRoot.ieee`, the correctly rounded root (the library's default).
    case ieee
    /// `SquareRoot.torchMKL`, the root torch returned on the recorded host.
    case torch

    /// The library's value.
    public var squareRoot: SquareRoot { self == .ieee ? .ieee : .torchMKL }
}

/// A plan that cannot be measured; `description` says which setting and
/// what would work.
public struct InvalidBenchPlan: Error, CustomStringConvertible, Equatable {
    /// The message, printed as it is.
    public let description: String
}

extension BenchPlan {
    /// Refuses what cannot be measured; each message starts with the
    /// setting's name (`size`, `threads`, `repetitions`) and its value,
    /// except for an empty thread or implementation list.
    public func check() throws(InvalidBenchPlan) {
        if let size = sizes.first(where: { $0 <= 0 }) {
            throw InvalidBenchPlan(description: "size \(size) is not a tensor size: give a positive number of elements")
        }
        guard !threads.isEmpty else {
            throw InvalidBenchPlan(description: "no thread count given: give at least one, such as 1")
        }
        if let bad = threads.first(where: { $0 < 1 }) {
            throw InvalidBenchPlan(description: "threads \(bad) cannot run anything: give 1 or more")
        }
        if let repeated = threads.first(where: { count in threads.filter { $0 == count }.count > 1 }) {
            throw InvalidBenchPlan(description: "threads \(repeated) is given twice: give each thread count once")
        }
        guard !implementations.isEmpty else {
            throw InvalidBenchPlan(description: "no implementation given: give library, manual or both")
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
/// (if asked) the manual step function, each with untimed warm-up steps
/// (the first allocates the state, as a first step does) before
/// `repetitions` timed samples. `report` sees each row as soon as it is measured.
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
            var library: [BenchRow] = []
            switch plan.dtype {
            case _ where !plan.implementations.contains(.library): break
            case .float32: library = try measureLibrary(optimizer, Float.self, size: size, plan: plan)
            case .float64: library = try measureLibrary(optimizer, Double.self, size: size, plan: plan)
            }
            for row in library {
                rows.append(row)
                report(row)
            }
            if plan.implementations.contains(.manual), let row = measureManual(optimizer, size: size, plan: plan) {
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

/// One row per thread count in `plan.threads`, from one optimizer whose
/// `threads` setting changes between samples: the state and the memory it
/// lives in are the same for every thread count.
func measureLibrary<S: OptimizerScalar>(
    _ optimizer: BenchOptimizer, _: S.Type, size: Int, plan: BenchPlan
) throws -> [BenchRow] {
    let parameter = Parameter<S>(benchValues(size, seed: 1).map { S($0) }, name: "bench")
    parameter.grad = benchValues(size, seed: 2).map { S($0) }
    let o = try optimizer.library([parameter], threads: plan.threads[0], root: plan.squareRoot.squareRoot)
    let dtype: BenchDType = S.self == Float.self ? .float32 : .float64
    let steps = stepsPerSample(size: size)
    var seconds = Array(repeating: [Double](), count: plan.threads.count)
    // The first step allocates the state, as a first step does. Then 100 ms
    // of steps on the most threads: measured on this 2-vCPU VM, a process's
    // first tens of milliseconds of two-thread steps ran no faster than one
    // thread (Adam, 10⁶ elements: 1.0× in 5 of 5 runs without this, 1.7–2.1×
    // with it), while the idle second vCPU was being brought into service.
    o.step()
    o.threads = plan.threads.max() ?? 1
    warmUp(for: .milliseconds(100)) { o.step() }
    for _ in 0..<plan.repetitions {
        for (k, threads) in plan.threads.enumerated() {
            o.threads = threads
            // Untimed steps first when the thread count changes: during a
            // one-thread sample the pool's workers go to sleep, and waking
            // one takes 0.3–1 ms on this VM (longer than a whole step on 10⁶
            // elements), so the first steps after it run mostly on the
            // caller. 2 ms of steps let the worker join; the sample then
            // measures steps in a row, as with a single thread count.
            if plan.threads.count > 1 { warmUp(for: .milliseconds(2)) { o.step() } }
            seconds[k].append(timeSample(steps: steps) { o.step() })
        }
    }
    let rows = zip(plan.threads, seconds).map { threads, seconds in
        BenchRow(
            optimizer: optimizer, implementation: .library, dtype: dtype, size: size,
            threads: threads, stepsPerSample: steps, secondsPerStep: seconds,
            squareRoot: optimizer.takesSquareRoot ? plan.squareRoot : nil)
    }
    guard rows.count > 1, let one = rows.first(where: { $0.threads == 1 }) else { return rows }
    return rows.map { $0.comparedWith(oneThread: one) }
}

func measureManual(_ optimizer: BenchOptimizer, size: Int, plan: BenchPlan) -> BenchRow? {
    guard let step = optimizer.manual(benchValues(size, seed: 1), benchValues(size, seed: 2)) else {
        return nil
    }
    let steps = stepsPerSample(size: size)
    step()
    let seconds = (0..<plan.repetitions).map { _ in timeSample(steps: steps, step) }
    return BenchRow(
        optimizer: optimizer, implementation: .manual, dtype: .float64, size: size, threads: 1,
        stepsPerSample: steps, secondsPerStep: seconds)
}

/// Runs `step` until `duration` has passed, at least once.
func warmUp(for duration: Duration, _ step: () -> Void) {
    let clock = ContinuousClock()
    let deadline = clock.now + duration
    repeat { step() } while clock.now < deadline
}

/// Steps per timed sample: enough to cover about `elementsPerSample`.
func stepsPerSample(size: Int) -> Int { max(1, elementsPerSample / size) }

/// Seconds per step over `steps` consecutive steps.
func timeSample(steps: Int, _ step: () -> Void) -> Double {
    let elapsed = ContinuousClock().measure {
        for _ in 0..<steps { step() }
    }
    return elapsed / .seconds(1) / Double(steps)
}
