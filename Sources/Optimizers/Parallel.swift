import Foundation  // ProcessInfo.activeProcessorCount; no file I/O here

// Every library update is elementwise: element i of the new state depends on
// element i of the old state and the per-step scalars only. Splitting a
// tensor into blocks and updating them on different threads therefore gives
// bitwise the same result as one pass, whatever the thread count.

/// Tensors with fewer elements than this are updated on the calling thread.
/// Measured on 2 vCPUs with the pool's workers awake, two threads start to
/// pay off between 2¹⁵ and 2¹⁷ elements (with one contiguous segment per
/// thread, Adam float32: no gain at 32,768 when this threshold was chosen,
/// 1.88× at 131,072, 1.98× at 10⁶).
public let parallelThreshold = 1 << 16

/// The thread count new optimizers start with: the processors this process
/// may run on.
public var defaultOptimizerThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

/// Calls `body` on disjoint ranges that cover `0..<count`, each starting at
/// a multiple of `ChunkPool.blockSize`: all of it on the calling thread when
/// `count < parallelThreshold` or `threads <= 1`, otherwise shared with up
/// to `threads − 1` pool workers. Returns when every range is done.
@inline(__always)
func forEachChunk(count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    guard count >= parallelThreshold, threads > 1 else {
        body(0..<count)
        return
    }
    ChunkPool.shared.run(count: count, threads: threads, body)
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
