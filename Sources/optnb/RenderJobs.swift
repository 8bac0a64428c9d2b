import Foundation

/// `render --jobs` when not given: the number of cores optnb may use.
///
/// The rule is that jobs × threads per notebook stays within the cores.
/// Notebooks without sweeps run on one thread, so one job per core fills
/// the machine and no more. (Once `render --threads T` sets the sweeps'
/// threads, the default becomes cores / T, at least 1.)
func defaultJobs() -> Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

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
