import Foundation  // Thread, NSCondition
import Synchronization

/// Worker threads that help one caller at a time update a large tensor.
///
/// Why not `DispatchQueue.concurrentPerform`: on the 2-vCPU virtual machines
/// optnb was measured on, waking an idle worker thread takes 0.3–1 ms (the
/// hypervisor must reschedule the halted vCPU), longer than a whole step on
/// a 10⁵–10⁶-element tensor, so dispatch's workers joined too late to help.
/// These workers spin for `spinDuration` after each job before they sleep,
/// so a worker is still awake when the next step starts; back-to-back steps
/// then run on all threads at once.
///
/// The work is cut into blocks of `blockSize` elements that participants
/// claim from a shared counter, so a worker that wakes late (or not at all)
/// only means the caller claims more blocks: a step never waits for a
/// sleeping thread. Each element is still updated exactly once, by the same
/// scalar code, so results do not depend on who claimed what.
final class ChunkPool: @unchecked Sendable {
    // @unchecked: `job` is plain memory shared across threads. The caller
    // writes it only while the job is closed and no worker is inside (the
    // active count in `state` is 0); workers read it only between joining
    // (an acquiring compare-exchange on `state`) and leaving.

    static let shared = ChunkPool()

    /// Elements per claimed block: whole 64-byte cache lines for either
    /// scalar type, so no two threads write the same line; large enough
    /// that claiming costs nothing next to updating (≥ 5 µs), small enough
    /// to balance two threads on a 10⁵-element tensor.
    static let blockSize = 1 << 14
    /// How long an idle worker keeps polling for the next job before it
    /// blocks; it yields the processor on each poll.
    static let spinDuration = Duration.microseconds(200)
    /// Workers beyond twice the processors only take turns on them; a
    /// larger `threads` uses this many.
    static let maxWorkers = 2 * ProcessInfo.processInfo.activeProcessorCount

    /// generation (bits 32…63) | open (bit 31) | worker limit (bits 16…30) |
    /// active workers (bits 0…15).
    private let state = Atomic<UInt64>(0)
    private let nextBlock = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let workers = Mutex<Int>(0)
    private let wakeUp = NSCondition()
    private var job = Job()

    private struct Job {
        var body: ((Range<Int>) -> Void)?
        var count = 0
        var blocks = 0
    }

    private static let openBit: UInt64 = 1 << 31
    private static let activeMask: UInt64 = 0xFFFF

    private static func generation(_ s: UInt64) -> UInt64 { s >> 32 }
    private static func limit(_ s: UInt64) -> UInt64 { (s >> 16) & 0x7FFF }

    /// Calls `body` on disjoint ranges covering `0..<count`, on the calling
    /// thread and up to `threads − 1` workers; returns when all are done.
    /// If another caller is using the pool, runs everything on this thread.
    func run(count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
        let blocks = (count + Self.blockSize - 1) / Self.blockSize
        let helpers = min(threads - 1, blocks - 1, Self.maxWorkers)
        guard helpers > 0,
            busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            body(0..<count)
            return
        }
        startWorkers(helpers)
        withoutActuallyEscaping(body) { body in
            job = Job(body: body, count: count, blocks: blocks)
            nextBlock.store(0, ordering: .relaxed)
            let generation = Self.generation(state.load(ordering: .relaxed)) + 1
            // Publishes `job` and opens it; sequentially consistent so that
            // a worker about to sleep either sees it or is seen in `sleepers`.
            state.store(generation << 32 | Self.openBit | UInt64(helpers) << 16, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            claimBlocks()
            // Close the job to late workers, then wait for those inside: each
            // is finishing at most one block.
            state.bitwiseAnd(~Self.openBit, ordering: .relaxed)
            while state.load(ordering: .acquiring) & Self.activeMask != 0 {}
            job = Job()
        }
        busy.store(false, ordering: .releasing)
    }

    private func claimBlocks() {
        let job = self.job
        guard let body = job.body else { return }
        while true {
            let block = nextBlock.wrappingAdd(1, ordering: .relaxed).oldValue
            guard block < job.blocks else { return }
            let start = block * Self.blockSize
            body(start..<min(job.count, start + Self.blockSize))
        }
    }

    private func startWorkers(_ wanted: Int) {
        workers.withLock { running in
            while running < wanted {
                let thread = Thread { [self] in workerLoop() }
                thread.name = "optnb-chunks-\(running + 1)"
                thread.start()
                running += 1
            }
        }
    }

    private func workerLoop() {
        let clock = ContinuousClock()
        var seen = Self.generation(state.load(ordering: .acquiring))
        while true {
            var s = state.load(ordering: .acquiring)
            if Self.generation(s) == seen {
                let deadline = clock.now + Self.spinDuration
                while Self.generation(s) == seen && clock.now < deadline {
                    sched_yield()
                    s = state.load(ordering: .acquiring)
                }
            }
            if Self.generation(s) == seen {
                wakeUp.lock()
                sleepers.wrappingAdd(1, ordering: .sequentiallyConsistent)
                s = state.load(ordering: .sequentiallyConsistent)
                while Self.generation(s) == seen {
                    wakeUp.wait()
                    s = state.load(ordering: .sequentiallyConsistent)
                }
                sleepers.wrappingSubtract(1, ordering: .relaxed)
                wakeUp.unlock()
            }
            seen = Self.generation(s)
            // Join only the job of this generation, while it is open and has
            // room; otherwise wait for the next one.
            var joined = false
            while s & Self.openBit != 0 && Self.generation(s) == seen && s & Self.activeMask < Self.limit(s) {
                let (exchanged, current) = state.compareExchange(
                    expected: s, desired: s + 1, ordering: .acquiring)
                if exchanged {
                    joined = true
                    break
                }
                s = current
            }
            guard joined else { continue }
            claimBlocks()
            state.wrappingSubtract(1, ordering: .releasing)
        }
    }
}
