import Dispatch
import Foundation  // ProcessInfo.activeProcessorCount; no file I/O here

// Every library update is elementwise: element i of the new state depends on
// element i of the old state and the per-step scalars only. Splitting a
// tensor into chunks and updating them on different threads therefore gives
// bitwise the same result as one pass, whatever the thread count.

/// Tensors with fewer elements than this are updated on the calling thread:
/// below it, handing chunks to other threads costs more than it saves.
public let parallelThreshold = 1 << 16

/// The thread count new optimizers start with: the processors this process
/// may run on.
public var defaultOptimizerThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

/// Chunk boundaries are multiples of this many elements (a 64-byte cache
/// line for either scalar type, and a whole number of vectors), so no two
/// threads write the same cache line.
let chunkAlignment = 64

/// Calls `body` on contiguous chunks that cover `0..<count`: one chunk when
/// `count < parallelThreshold` or `threads <= 1`, otherwise `threads` chunks
/// run concurrently. Returns when every chunk is done.
@inline(__always)
func forEachChunk(count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    guard count >= parallelThreshold, threads > 1 else {
        body(0..<count)
        return
    }
    let chunks = min(threads, count / chunkAlignment)
    let perChunk = ((count + chunks - 1) / chunks + chunkAlignment - 1) / chunkAlignment * chunkAlignment
    // `body` writes through pointers, which Swift cannot prove safe to share
    // across threads; it is, because the chunks are disjoint ranges and
    // concurrentPerform returns only after every call has finished.
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let start = c * perChunk, end = min(count, start + perChunk)
            if start < end { body(start..<end) }
        }
    }
}

extension UnsafeMutableBufferPointer {
    /// The elements in `range`; an empty buffer (state a variant does not
    /// use) stays empty.
    @inline(__always)
    func chunk(_ range: Range<Int>) -> Self { isEmpty ? self : Self(rebasing: self[range]) }
}

extension UnsafeBufferPointer {
    /// The elements in `range`.
    @inline(__always)
    func chunk(_ range: Range<Int>) -> Self { Self(rebasing: self[range]) }
}
