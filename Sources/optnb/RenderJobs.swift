import Foundation

/// How many notebooks render at once (`--jobs`) and how many threads each
/// notebook's sweeps use (`--threads`), so that jobs × threads ≤ cores:
/// - neither given: one job per core, but no more jobs than notebooks, and
///   the cores left to each job for its sweeps (one notebook alone gets all
///   of them; nine notebooks on 2 cores run 2 at a time, 1 thread each);
/// - `--threads T` alone: cores ÷ T jobs (at least 1);
/// - `--jobs J` alone: cores ÷ J threads (at least 1);
/// - both: as given.
/// Sweep results are identical for every thread count, so this decides only
/// speed. Oversubscribing (2 jobs × 2 threads on 2 cores) gains nothing:
/// the threads take turns on the cores and each notebook's sweep finishes later.
struct Parallelism: Equatable {
    var jobs: Int
    var threads: Int

    init(jobs: Int?, threads: Int?, notebooks: Int,
         cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        let cores = max(1, cores)
        switch (jobs, threads) {
        case let (j?, t?): self.jobs = j; self.threads = t
        case let (j?, nil): self.jobs = j; self.threads = max(1, cores / j)
        case let (nil, t?): self.jobs = max(1, cores / t); self.threads = t
        case (nil, nil):
            self.jobs = max(1, min(cores, notebooks))
            self.threads = max(1, cores / self.jobs)
        }
    }
}

/// The order notebooks start in. One job: reading order. Several: the
/// longest first, by the durations the last render recorded (`seconds`,
/// from the results files in --output; a notebook without one weighs the
/// mean), so the render does not end on one long notebook with the other
/// cores idle. Only the start order changes: reports, results files and
/// the index are the same.
func startOrder(_ notebooks: [String], jobs: Int, seconds: [String: Double]) -> [String] {
    guard jobs > 1 else { return notebooks }
    return longestFirst(durationWeights(notebooks, seconds: seconds)).map { notebooks[$0] }
}

/// Evaluates `paths` on up to `jobs` threads and hands each evaluation to
/// `handle` on the calling thread as it finishes, with the instant its
/// evaluation started. With one job this is a plain loop in order.
///
/// `handle` returns false to start no further notebook; those already
/// running finish and are handed over too, so nothing is left half-done.
/// An error `handle` throws is rethrown once the running ones have finished.
func forEachEvaluated<Value>(
    _ paths: [String], jobs: Int,
    evaluate: @escaping @Sendable (String) throws -> Value,
    handle: (_ path: String, _ started: ContinuousClock.Instant, Result<Value, any Error>) throws -> Bool
) throws {
    let clock = ContinuousClock()
    guard jobs > 1, paths.count > 1 else {
        for path in paths {
            let start = clock.now
            let result = Result { try evaluate(path) }
            if try !handle(path, start, result) { break }
        }
        return
    }
    let pool = EvaluationPool<Value>(paths: paths)
    for _ in 0..<min(jobs, paths.count) {
        Thread { pool.work(evaluate) }.start()
    }
    var failure: (any Error)?
    while let done = pool.next() {
        if failure != nil { continue }  // drain the running ones
        do {
            if try !handle(done.path, done.started, done.result) { pool.stop() }
        } catch {
            failure = error
            pool.stop()
        }
    }
    if let failure { throw failure }
}

/// The shared state of `forEachEvaluated`'s threads: which notebook is next,
/// and the finished ones not yet handed over.
private final class EvaluationPool<Value>: @unchecked Sendable {
    struct Done {
        var path: String
        var started: ContinuousClock.Instant
        var result: Result<Value, any Error>
    }

    private let paths: [String]
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var nextIndex = 0
    private var started = 0
    private var handedOver = 0
    private var stopped = false
    private var done: [Done] = []

    init(paths: [String]) { self.paths = paths }

    /// A worker: takes notebooks until none is left or the pool stops.
    func work(_ evaluate: (String) throws -> Value) {
        let clock = ContinuousClock()
        while true {
            let path: String? = lock.withLock {
                guard !stopped, nextIndex < paths.count else { return nil }
                defer { nextIndex += 1; started += 1 }
                return paths[nextIndex]
            }
            guard let path else { return }
            let start = clock.now
            let result = Result { try evaluate(path) }
            lock.withLock { done.append(Done(path: path, started: start, result: result)) }
            finished.signal()
        }
    }

    /// The next finished evaluation, waiting for one; nil when every one
    /// started has been handed over and no more will start.
    func next() -> Done? {
        let over = lock.withLock { handedOver == started && (stopped || nextIndex >= paths.count) }
        if over { return nil }
        finished.wait()
        return lock.withLock {
            handedOver += 1
            return done.removeFirst()
        }
    }

    func stop() { lock.withLock { stopped = true } }
}
