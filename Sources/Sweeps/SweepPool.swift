import Foundation  // Thread, ProcessInfo
import Synchronization

/// Runs `count` points on `threads` worker threads and returns each point's
/// outcome in point order, whatever order they finished in.
///
/// Points are claimed one at a time from a shared counter, so a slow point
/// never holds up the others' thread; each outcome is written to the
/// point's own slot. After the first failure no new point is started (the
/// ones running finish), and the failure of the lowest-numbered failed point
/// is reported. Each worker is named `optnb-p<index>` while it runs point
/// `index`: a trap's crash report names the crashed thread, and so the
/// point (see the runner's sweep hooks).
enum SweepPool {
    enum Outcome {
        case done(SweepMetrics)
        case failed(any Error)
    }

    /// The thread count a sweep uses: `OPTNB_THREADS` (set by `optnb render
    /// --threads`), else every processor.
    static var defaultThreads: Int {
        if let text = ProcessInfo.processInfo.environment["OPTNB_THREADS"], let n = Int(text), n > 0 { return n }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    static func run(count: Int, threads: Int, progress: SweepProgress,
                    _ body: (Int) throws -> SweepMetrics) -> [Outcome?] {
        withoutActuallyEscaping(body) { body in
            let shared = Shared(count: count, body: body)
            let workers = max(1, min(threads, count))
            let done = DispatchGroup()
            for _ in 0..<workers {
                done.enter()
                let thread = Thread {
                    shared.work(progress: progress)
                    done.leave()
                }
                thread.start()
            }
            done.wait()
            // The threads may outlive this call a little (and with them
            // `shared`); `body` must not, as withoutActuallyEscaping checks.
            shared.body = nil
            return shared.outcomes()
        }
    }

    /// The state the workers share.
    private final class Shared: @unchecked Sendable {
        // @unchecked: `slots` is written by one thread per index (claimed
        // through `next`) and read only after every worker has left.
        let count: Int
        /// Set to nil once every worker has left.
        var body: ((Int) throws -> SweepMetrics)?
        let next = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let finished = Atomic<Int>(0)
        let slots: UnsafeMutableBufferPointer<Outcome?>

        init(count: Int, body: @escaping (Int) throws -> SweepMetrics) {
            self.count = count
            self.body = body
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit { slots.deinitialize().deallocate() }

        func work(progress: SweepProgress) {
            while !stop.load(ordering: .acquiring) {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                Thread.current.name = "optnb-p\(i)"
                progress.pointBegan(i)
                do {
                    slots[i] = .done(try body!(i))
                } catch {
                    slots[i] = .failed(error)
                    stop.store(true, ordering: .releasing)
                }
                progress.pointFinished(i)
                let n = finished.wrappingAdd(1, ordering: .relaxed).newValue
                progress.pointDone(n)
            }
        }

        func outcomes() -> [Outcome?] { Array(slots) }
    }
}
