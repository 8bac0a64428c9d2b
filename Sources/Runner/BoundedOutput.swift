import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps at most `limit` bytes of each block's standard output and error,
/// drains the rest without storing it, and says how much was cut.
///
/// The generated program opens `<dir>/<index>.stdout` and `.stderr` for
/// each block (`_optnbBeginBlock`). Made FIFOs here before the program
/// starts, they carry the block's output to this process instead of to
/// disk: a block printing in a loop fills neither the disk nor memory, and
/// the program never blocks for long (a pipe's 64 KiB buffer is read as fast
/// as it fills). What is kept is the first `limit - tailSize` bytes and the
/// last `tailSize`, because a trap message comes last on stderr and must
/// survive a chatty block. After the program has ended, `finish()` replaces
/// each FIFO by a plain file with the kept text and a note of the cut.
public final class BoundedOutput: @unchecked Sendable {
    /// 1 MB per block and stream: well above what a report can usefully
    /// show, well below what makes a page slow to open.
    public static let defaultLimit = 1_000_000

    private final class Stream {
        let path: String
        var fd: Int32
        var head: [UInt8] = []
        var tail: [UInt8] = []
        var total = 0
        init(path: String, fd: Int32) { self.path = path; self.fd = fd }
    }

    let limit: Int
    private var tailSize: Int { min(limit / 4, 64 * 1024) }
    private let streams: [Stream]
    private let lock = NSLock()
    private var stopping = false
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    /// Makes the FIFOs for `blocks` in `directory` and starts draining them.
    init(directory: String, blocks: [Int], limit: Int) throws {
        self.limit = max(limit, 0)
        var streams: [Stream] = []
        for index in blocks {
            for kind in ["stdout", "stderr"] {
                let path = "\(directory)/\(index).\(kind)"
                guard mkfifo(path, 0o600) == 0 else {
                    throw RunnerIOError(path: path, reason: "cannot make a FIFO: " + String(cString: strerror(errno)))
                }
                // Non-blocking, so opening does not wait for a writer and a
                // read never stalls the loop.
                let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
                guard fd >= 0 else {
                    throw RunnerIOError(path: path, reason: String(cString: strerror(errno)))
                }
                streams.append(Stream(path: path, fd: fd))
            }
        }
        self.streams = streams
        let thread = Thread { [self] in drainLoop(); done.signal() }
        self.thread = thread
        thread.start()
    }

    private func drainLoop() {
        while true {
            let stop = lock.withLock { stopping }
            let open = streams.filter { $0.fd >= 0 }
            if open.isEmpty { break }
            if stop {
                // The program and its session are gone: take what is left.
                for s in open { drain(s, final: true) }
                break
            }
            var fds = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 20)
            guard ready > 0 else { continue }
            for (s, p) in zip(open, fds) where p.revents != 0 { drain(s, final: false) }
        }
    }

    /// Reads what `s` has now; at end of file (every writer closed) closes
    /// it. A FIFO no writer has opened yet reads as end of file too, so
    /// before the end that is taken as "nothing yet".
    private func drain(_ s: Stream, final: Bool) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(s.fd, $0.baseAddress, $0.count) }
            if n > 0 { keep(buffer[..<n], in: s); continue }
            if n == 0 {
                // poll saw a hang-up (a writer closed) or we are finishing.
                close(s.fd); s.fd = -1
            } else if errno == EINTR { continue }
            else if errno != EAGAIN { close(s.fd); s.fd = -1 }
            else if final { close(s.fd); s.fd = -1 }
            return
        }
    }

    private func keep(_ bytes: ArraySlice<UInt8>, in s: Stream) {
        s.total += bytes.count
        let headRoom = limit - tailSize - s.head.count
        var rest = bytes
        if headRoom > 0 {
            s.head += rest.prefix(headRoom)
            rest = rest.dropFirst(headRoom)
        }
        guard !rest.isEmpty, tailSize > 0 else { return }
        s.tail += rest.suffix(tailSize)
        if s.tail.count > 2 * tailSize { s.tail.removeFirst(s.tail.count - tailSize) }
    }

    /// Stops draining (the program must have ended) and writes each
    /// stream's kept bytes as a plain file where its FIFO was. Returns how
    /// many bytes were cut, summed over all streams.
    @discardableResult
    func finish() -> Int {
        lock.withLock { stopping = true }
        done.wait()
        var cutTotal = 0
        for s in streams {
            if s.fd >= 0 { close(s.fd); s.fd = -1 }
            let tail = s.tail.suffix(tailSize)
            let cut = s.total - s.head.count - tail.count
            var text = s.head
            if cut > 0 {
                cutTotal += cut
                let what = s.path.hasSuffix(".stderr") ? "standard error" : "standard output"
                let note = "\n[optnb: \(cut) bytes of this block's \(what) were cut here: "
                    + "\(s.total) bytes were written, at most \(limit) are kept (--max-output)]\n"
                text += Array(note.utf8) + tail
            } else {
                text += tail
            }
            unlink(s.path)
            _ = FileManager.default.createFile(atPath: s.path, contents: Data(text))
        }
        return cutTotal
    }
}
