import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
enum Termination: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)
    /// Killed by us when the time limit ran out.
    case timedOut
}

/// Spawns a program in a session of its own and waits for it, with a time
/// limit that ends everything the program started.
///
/// The child gets `setsid()` (so its pid is also its process-group and
/// session id), standard input from /dev/null and standard output/error in
/// files. On time-out the whole session gets SIGTERM, then SIGKILL after a
/// short grace. A session rather than a process group, because Foundation's
/// `Process` puts each child it starts in a process group of its own, which
/// a group kill would miss. Whatever is left in the session when the program
/// ends (a background child it never waited for) is killed too.
///
/// Why not swiftlang/swift-subprocess (1.0.2, evaluated for issue 18.3): it
/// starts a new session (`PlatformOptions.createSession`), writes output to
/// file descriptors (`.fileDescriptor(_:closeAfterSpawningProcess:)`) and
/// reports `.exited(code)` / `.unhandledException(signal)`, but
/// - it signals only the child or the child's process group
///   (`Execution.send(signal:toProcessGroup:)`, `TeardownStep.send`,
///   `.gracefulShutDown`), never the session, so a grandchild in a group of
///   its own (every `Foundation.Process` child, bwrap's child under
///   `--sandbox`) outlives a time-out or Ctrl-C;
/// - it reaps the child as soon as it exits (`waitid(P_PID, …, WEXITED)` in
///   its monitor), so the leftovers of a session can no longer be killed
///   safely by session id, which the kernel may then hand to a new process;
///   here the leader stays unreaped (`WNOWAIT`) until its session is gone;
/// - it has no time limit of its own (only a teardown when the calling
///   task is cancelled) and its API is async, while the runner is
///   synchronous and must end the session from a signal handler.
/// Block output needs none of it: the program writes each block's output
/// into FIFOs that `BoundedOutput` drains (its `.string(limit:)` would
/// throw `outputLimitExceeded` rather than keep a prefix and drain the rest).
struct ChildProcess {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String?
    var standardOutput: String
    var standardError: String
    /// nil: wait as long as it takes.
    var timeout: Duration?
    /// Time between SIGTERM and SIGKILL on time-out.
    var grace: Duration = .milliseconds(500)

    /// glibc's POSIX_SPAWN_SETSID (since 2.26), which Swift's Glibc module
    /// does not import.
    private static let spawnSetSID: Int32 = 0x80

    /// Runs the program to its end (or the time limit).
    /// - Throws: `RunnerIOError` when it cannot be started.
    func run() throws -> Termination {
        // Started and registered in one step an interrupt cannot split, so
        // the handler kills every program started before it and no later one.
        //
        // ETXTBSY: the program was just written (a compile, the highlighter
        // helper) and a child another thread forked in that moment still
        // holds an inherited write descriptor to it until that child execs.
        // The window is that short, so wait a little and try again, as Go's
        // os/exec does, outside the lock so other starts go on meanwhile; a
        // file really held open for writing still fails, after about 2 s.
        var pid: pid_t?
        for attempt in 0...200 {
            if attempt > 0 { usleep(10_000) }
            pid = try InterruptCleanup.shared.creating {
                guard let pid = try spawn(lastTry: attempt == 200) else { return nil }
                RunningSessions.shared.insert(pid)
                return pid
            }
            if pid != nil { break }
        }
        guard let pid else { throw RunnerIOError(path: executable, reason: String(cString: strerror(ETXTBSY))) }
        let timedOut = !waitForExit(of: pid)
        // Until it is reaped the leader's pid stays taken, so the session id
        // cannot have been reused by an unrelated process.
        Self.killSession(pid, signal: SIGKILL)
        RunningSessions.shared.remove(pid)
        let status = Self.reap(pid)
        InterruptCleanup.shared.parkIfInterrupted()
        return timedOut ? .timedOut : status
    }

    /// The child's pid, or nil when the program was busy (ETXTBSY) and this is not `lastTry`.
    private func spawn(lastTry: Bool) throws -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if standardError == standardOutput {
            // One open file for both, or each stream would overwrite the other.
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(
                &actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        if let workingDirectory {
            guard let addchdir = Self.addChdir else {
                throw RunnerIOError(path: workingDirectory,
                                    reason: "this C library cannot start a program in another directory")
            }
            let status = addchdir(&actions, workingDirectory)
            guard status == 0 else {
                throw RunnerIOError(path: workingDirectory, reason: String(cString: strerror(status)))
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Start from default signal handling and an empty mask whatever the
        // caller (optnb, a test runner) had set.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(
            &attributes,
            Int16(Self.spawnSetSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        if status == ETXTBSY && !lastTry { return nil }
        guard status == 0 else {
            throw RunnerIOError(path: executable, reason: String(cString: strerror(status)))
        }
        return pid
    }

    /// Waits until the program has exited (true) or the time limit has run
    /// out and the session has been sent SIGTERM, then SIGKILL (false). The
    /// program is left unreaped.
    private func waitForExit(of pid: pid_t) -> Bool {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var pause = 0.001
        while !Self.hasExited(pid) {
            if let deadline, clock.now >= deadline {
                Self.killSession(pid, signal: SIGTERM)
                let killAt = clock.now + grace
                while clock.now < killAt, !Self.hasExited(pid) {
                    Thread.sleep(forTimeInterval: 0.01)
                }
                return false
            }
            // Poll quickly at first (short programs end within milliseconds),
            // then back off to 20 ms.
            Thread.sleep(forTimeInterval: pause)
            pause = min(pause * 2, 0.02)
        }
        return true
    }

    /// Whether the child has exited, without reaping it (WNOWAIT).
    private static func hasExited(_ pid: pid_t) -> Bool {
        while true {
            // Linux zeroes `info` when no child has changed state.
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
                return info.si_signo == SIGCHLD
            }
            if errno != EINTR { return true }  // ECHILD: nothing left to wait for
        }
    }

    /// Reaps the child and says how it ended. A pid that is not our child
    /// any more counts as killed.
    private static func reap(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .signaled(SIGKILL) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are C macros Swift cannot import.
        let signal = status & 0x7f
        if signal == 0 { return .exited((status >> 8) & 0xff) }
        return .signaled(signal)
    }

    /// Sends `signal` to every process in session `sid`, the leader included.
    /// Callers keep the leader unreaped, so `sid` still names this session.
    static func killSession(_ sid: pid_t, signal: Int32) {
        kill(-sid, signal)  // the leader's own process group, at once
        for pid in sessionMembers(sid) { kill(pid, signal) }
    }

    /// Processes whose session id is `sid`, from /proc/<pid>/stat.
    static func sessionMembers(_ sid: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc")
        else { return [] }
        return entries.compactMap { name -> pid_t? in
            guard let pid = pid_t(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let fields = statFields(stat), fields.count > 3,
                  pid_t(fields[3]) == sid
            else { return nil }
            return pid
        }
    }

    /// The fields of a /proc/<pid>/stat line after `comm`, which may itself
    /// hold spaces and parentheses: state, ppid, pgrp, session, …
    static func statFields(_ stat: String) -> [Substring]? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }

    private typealias AddChdir = @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
    ) -> Int32

    /// glibc's posix_spawn_file_actions_addchdir_np (since 2.29), looked up at
    /// run time because Swift's Glibc module does not import it.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()
}
