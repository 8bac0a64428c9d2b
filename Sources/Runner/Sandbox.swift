import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a notebook program inside bubblewrap (`bwrap`, Debian's
/// `bubblewrap`): a notebook is a program, and `--sandbox` is for notebooks
/// one does not trust.
///
/// What the program gets:
/// - the whole file system read-only (`--ro-bind / /`), so the toolchain's
///   runtime libraries and the backtracer still load;
/// - an empty, private `/tmp`, `/var/tmp`, `/dev/shm` and home folder
///   (`$HOME` is replaced by an empty tmpfs), so it neither reads the
///   user's files nor leaves anything behind;
/// - its notebook's folder read-only (its data files), bound back over the
///   empty home when the notebook lives there;
/// - its own scratch folder writable (results, block output), also as
///   `TMPDIR`;
/// - no network: a network namespace of its own with only a loopback
///   device (`--unshare-net`), and private IPC and host name;
/// - death with optnb (`--die-with-parent`); the time limit still ends
///   the whole session, bwrap and all (`ChildProcess`).
///
/// The process-id namespace is shared on purpose: the Swift backtracer
/// reads the crashed process by its pid.
public struct Sandbox: Sendable, Equatable {
    /// Absolute path of `bwrap`.
    public var bwrap: String

    /// Finds `bwrap` on PATH and checks it can make a sandbox here (user
    /// namespaces may be disabled, as in some containers).
    /// - Throws: `SandboxError` saying what is missing and how to get it.
    public static func locate(environment: [String: String]) throws -> Sandbox {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        let candidates: [String] = path.split(separator: ":").map { String($0) + "/bwrap" }
        guard let bwrap = candidates.first(where: { access($0, X_OK) == 0 }) else {
            throw SandboxError(
                "--sandbox needs bubblewrap (bwrap), which is not on PATH; install it (Debian: apt-get install bubblewrap, or scripts/setup) or render without --sandbox only notebooks you trust")
        }
        let sandbox = Sandbox(bwrap: bwrap)
        let scratch = try TemporaryDirectory(prefix: "optnb-sandbox-probe")
        defer { scratch.remove() }
        let log = scratch.path + "/log"
        let probe = try ChildProcess(
            executable: bwrap,
            arguments: sandbox.arguments(scratch: scratch.path, readable: [], workingDirectory: nil,
                                         environment: environment) + ["/bin/true"],
            environment: environment, workingDirectory: nil, standardOutput: log, standardError: log,
            timeout: .seconds(20)
        ).run()
        guard probe == .exited(0) else {
            let text: String = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let said = text.trimmingCharacters(in: .whitespacesAndNewlines)
            throw SandboxError(
                "--sandbox cannot be set up on this machine (\(bwrap) failed: \(said.isEmpty ? "\(probe)" : said)); it needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or root. Nothing was run.")
        }
        return sandbox
    }

    /// bwrap's arguments before the program's own command line.
    func arguments(scratch: String, readable: [String], workingDirectory: String?,
                   environment: [String: String]) -> [String] {
        var a = ["--die-with-parent", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                 "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
        // Empty in-memory folders over the places programs write to and
        // over home, made read-only once the folders below are bound in.
        var hidden = ["/tmp", "/var/tmp", "/dev/shm"]
        if let home = environment["HOME"], home.hasPrefix("/"), home != "/" { hidden.append(home) }
        for folder in hidden { a += ["--tmpfs", folder] }
        for folder in readable { a += ["--ro-bind", folder, folder] }
        a += ["--bind", scratch, scratch, "--setenv", "TMPDIR", scratch]
        for folder in hidden { a += ["--remount-ro", folder] }
        if let workingDirectory { a += ["--chdir", workingDirectory] }
        return a + ["--"]
    }
}

/// `--sandbox` was asked for and cannot be had. The CLI exits with status 2.
public struct SandboxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why, and what to install or change.
    public var message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// `message`.
    public var description: String { message }
}
