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
/// The work is cut into blocks of `blockSize` elements, and the blocks into
/// one contiguous segment per participant. Each participant claims the
/// blocks of its own segment in order, then those left in the others, each
/// claim an atomic increment of the segment's counter. So a worker that
/// wakes late (or not at all) only means the caller claims more blocks: a
/// step never waits for a sleeping thread. Each element is still updated
/// exactly once, by the same scalar code, so results do not depend on who
/// claimed what.
///
/// Why segments and not one shared counter: with blocks dealt alternately
/// to two threads, each thread's memory accesses jump every block and the
/// hardware prefetchers keep restarting. Measured with a C Adam loop on
/// 10⁶ float32 elements (in L3), two threads ran 1.54× one thread with
/// blocks of 16,384 dealt dynamically and 1.92× with one contiguous half
/// each (OpenMP's static schedule).
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
    /// The next unclaimed block of segment k is `counters[k * counterStride]`:
    /// one counter per 128 bytes, so claims in different segments do not
    /// contend for a cache line. Allocated once and never freed: the pool
    /// lives as long as the process.
    private let counters: UnsafeMutablePointer<Atomic<Int>>
    private static let counterStride = 128 / MemoryLayout<Atomic<Int>>.stride
    private let sleepers = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let workers = Mutex<Int>(0)
    private let wakeUp = NSCondition()
    private var job = Job()

    private struct Job {
        var body: ((Range<Int>) -> Void)?
        var count = 0
        var blocks = 0
        var segments = 1

        /// Blocks of segment k: the k-th of `segments` near-equal runs.
        func segment(_ k: Int) -> Range<Int> { k * blocks / segments..<(k + 1) * blocks / segments }
    }

    private init() {
        let segments = Self.maxWorkers + 1
        counters = .allocate(capacity: segments * Self.counterStride)
        for k in 0..<segments { (counters + k * Self.counterStride).initialize(to: Atomic(0)) }
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
            job = Job(body: body, count: count, blocks: blocks, segments: helpers + 1)
            for k in 0...helpers {
                counters[k * Self.counterStride].store(job.segment(k).lowerBound, ordering: .relaxed)
            }
            let generation = Self.generation(state.load(ordering: .relaxed)) + 1
            // Publishes `job` and opens it; sequentially consistent so that
            // a worker about to sleep either sees it or is seen in `sleepers`.
            state.store(generation << 32 | Self.openBit | UInt64(helpers) << 16, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            claimBlocks(startingAt: 0)
            // Close the job to late workers, then wait for those inside: each
            // is finishing at most one block.
            state.bitwiseAnd(~Self.openBit, ordering: .relaxed)
            // A worker descheduled inside (more threads than processors) may
            // need this processor to finish: spin briefly, then yield.
            var polls = 0
            while state.load(ordering: .acquiring) & Self.activeMask != 0 {
                polls += 1
                if polls > 64 { sched_yield() }
            }
            job = Job()
        }
        busy.store(false, ordering: .releasing)
    }

    /// Claims and runs blocks until none is left: segment `first` (mod the
    /// segment count) in order, then the rest of each following segment.
    private func claimBlocks(startingAt first: Int) {
        let job = self.job
        guard let body = job.body else { return }
        for k in 0..<job.segments {
            let segment = (first + k) % job.segments
            let end = job.segment(segment).upperBound
            while true {
                let block = counters[segment * Self.counterStride].wrappingAdd(1, ordering: .relaxed).oldValue
                guard block < end else { break }
                let start = block * Self.blockSize
                body(start..<min(job.count, start + Self.blockSize))
            }
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
            // The n-th worker inside starts on segment n (the caller's is 0).
            var joinedAs: Int?
            while s & Self.openBit != 0 && Self.generation(s) == seen && s & Self.activeMask < Self.limit(s) {
                let (exchanged, current) = state.compareExchange(
                    expected: s, desired: s + 1, ordering: .acquiring)
                if exchanged {
                    joinedAs = Int(s & Self.activeMask) + 1
                    break
                }
                s = current
            }
            guard let joinedAs else { continue }
            claimBlocks(startingAt: joinedAs)
            state.wrappingSubtract(1, ordering: .releasing)
        }
    }
}
