import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes SIGINT (Ctrl-C), SIGTERM and SIGHUP end the notebook programs this
/// process is running before it exits with status 128 + signal. Call once,
/// early, from a command-line tool.
///
/// Needed because each program runs in a session of its own (see
/// `ChildProcess`): the terminal's Ctrl-C reaches only optnb, and a program
/// stuck in a loop would otherwise outlive it.
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
                for sid in RunningSessions.shared.all { ChildProcess.killSession(sid, signal: SIGKILL) }
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)  // a released source stops delivering
        }
    }()
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
