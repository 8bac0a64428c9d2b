import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes SIGINT (Ctrl-C), SIGTERM and SIGHUP end the notebook programs this
/// process is running, remove its temporary folders and half-written files,
/// and then exit with status 128 + signal. Call once, early, from a
/// command-line tool.
///
/// Needed because each program runs in a session of its own (see
/// `ChildProcess`): the terminal's Ctrl-C reaches only optnb, and a program
/// stuck in a loop would otherwise outlive it. The exit waits for a
/// `publishTogether` under way, so a report is never left without its
/// results file.
public func installInterruptHandler() {
    InterruptHandler.installOnce
}

private enum InterruptHandler {
    nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []

    static let installOnce: Void = {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            // The default action would end optnb at once; the source runs
            // the handler on a queue instead, where killing is safe.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                InterruptCleanup.shared.markInterrupted()
                for sid in RunningSessions.shared.all { ChildProcess.killSession(sid, signal: SIGKILL) }
                InterruptCleanup.shared.removeAllAndExit(status: 128 + signalNumber)
            }
            source.resume()
            sources.append(source)  // a released source stops delivering
        }
    }()
}

/// Paths to remove if optnb is interrupted: temporary folders (the
/// program's scratch folder, with the compiler's temporaries inside it) and
/// temporary files not yet renamed into place.
public final class InterruptCleanup: @unchecked Sendable {
    public static let shared = InterruptCleanup()
    private let lock = NSLock()
    private let publishing = NSLock()
    private var paths: Set<String> = []
    private var interrupted = false

    fileprivate func markInterrupted() { lock.withLock { interrupted = true } }

    /// Called when a child ends: if it ended because optnb is being
    /// interrupted, the handler owns the exit (status 128 + signal, after
    /// cleaning up), so the caller must not go on to report a "crash" and
    /// exit first. Parks the calling thread until the process exits.
    func parkIfInterrupted() {
        guard lock.withLock({ interrupted }) else { return }
        while true { pause() }
    }

    public func remember(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    public func forget(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// Runs `body` (a few renames) so that an interrupt waits for it.
    func whilePublishing<T>(_ body: () throws -> T) rethrows -> T {
        publishing.lock()
        defer { publishing.unlock() }
        return try body()
    }

    fileprivate func removeAllAndExit(status: Int32) -> Never {
        publishing.lock()  // held until exit: no publication starts or is cut short
        // The main thread may still be writing into a folder being removed
        // (its program was just killed), so removal is tried a few times.
        for _ in 0..<5 {
            let left = lock.withLock { paths }.filter { FileManager.default.fileExists(atPath: $0) }
            if left.isEmpty { break }
            for path in left { try? FileManager.default.removeItem(atPath: path) }
            usleep(20_000)
        }
        exit(status)
    }
}

/// Session ids of the programs being run now.
final class RunningSessions: @unchecked Sendable {
    static let shared = RunningSessions()
    private let lock = NSLock()
    private var sessions: Set<pid_t> = []

    func insert(_ sid: pid_t) { lock.withLock { _ = sessions.insert(sid) } }
    func remove(_ sid: pid_t) { lock.withLock { _ = sessions.remove(sid) } }
    var all: [pid_t] { lock.withLock { Array(sessions) } }
}
