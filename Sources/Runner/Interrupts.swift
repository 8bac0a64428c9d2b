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
///
/// Deterministic, not timed: every temporary folder or file optnb makes and
/// every program it starts goes through `InterruptCleanup.creating`, which
/// the handler closes before it kills and removes anything, so nothing can
/// be made after the removal; a thread that would end the process first
/// (an error on a folder just removed) parks in an `atexit` hook, so the
/// status is always 128 + signal.
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
                // After this no folder, file or program is made; whatever
                // was made before is remembered or registered.
                InterruptCleanup.shared.markInterrupted()
                for sid in RunningSessions.shared.all { ChildProcess.killSession(sid, signal: SIGKILL) }
                InterruptCleanup.shared.removeAllAndExit(status: 128 + signalNumber)
            }
            source.resume()
            sources.append(source)  // a released source stops delivering
        }
        // Another thread calling exit() (say, after failing to write into a
        // folder the handler just removed) waits for the handler's _exit.
        atexit { InterruptCleanup.shared.parkIfInterrupted() }
    }()
}

/// Paths to remove if optnb is interrupted: temporary folders (the
/// program's scratch folder, with the compiler's temporaries inside it) and
/// temporary files not yet renamed into place.
public final class InterruptCleanup: @unchecked Sendable {
    /// The one list the SIGINT/SIGTERM handler empties.
    public static let shared = InterruptCleanup()
    private let lock = NSLock()
    private let publishing = NSLock()
    /// Held while a temporary path or a child process is being made: the
    /// handler takes it to mark the interruption, so each such making has
    /// either finished (and is remembered) or will never start.
    private let making = NSLock()
    private var paths: Set<String> = []
    private var interrupted = false

    fileprivate func markInterrupted() {
        making.withLock { lock.withLock { interrupted = true } }
    }

    /// Runs `body`, which makes a temporary folder or file (and remembers
    /// it) or starts a child process (and registers its session), unless
    /// optnb is being interrupted: then the calling thread parks until the
    /// interrupt handler ends the process.
    public func creating<T>(_ body: () throws -> T) rethrows -> T {
        making.lock()
        if lock.withLock({ interrupted }) {
            making.unlock()
            while true { pause() }
        }
        defer { making.unlock() }
        return try body()
    }

    /// Called when a child ends: if it ended because optnb is being
    /// interrupted, the handler owns the exit (status 128 + signal, after
    /// cleaning up), so the caller must not go on to report a "crash" and
    /// exit first. Parks the calling thread until the process exits.
    func parkIfInterrupted() {
        guard lock.withLock({ interrupted }) else { return }
        while true { pause() }
    }

    /// Adds `path` to what an interrupt removes (call inside `creating`).
    public func remember(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    /// Drops `path` from the list once it is removed or renamed into place.
    public func forget(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// Runs `body` (a few renames) so that an interrupt waits for it.
    func whilePublishing<T>(_ body: () throws -> T) rethrows -> T {
        publishing.lock()
        defer { publishing.unlock() }
        return try body()
    }

    fileprivate func removeAllAndExit(status: Int32) -> Never {
        publishing.lock()  // held until exit: no publication starts or is cut short
        // Nothing new can be made now (`creating`), and every child was
        // killed; a file a thread was already writing into a folder may
        // land during the removal (ENOTEMPTY), so each path is removed until
        // it is gone, not for a fixed time.
        for path in lock.withLock({ paths }) {
            var attempts = 0
            while FileManager.default.fileExists(atPath: path) && attempts < 1000 {
                try? FileManager.default.removeItem(atPath: path)
                attempts += 1
            }
        }
        fflush(nil)
        _exit(status)  // not exit(): a thread parked in the atexit hook holds exit's lock
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
