import Foundation
import Outcome
import Records

/// How `runNotebook` finds its tools and where it keeps results.
public struct RunnerConfiguration: Sendable {
    /// The Swift compiler: a path, or a name looked up on PATH. nil: env
    /// `OPTNB_SWIFTC`, else `swiftc` on PATH.
    public var swiftc: String?
    /// The SwiftPM bin directory holding the built `Optimizers`, `Records` and
    /// `Reporting` modules (`Modules/*.swiftmodule`, `<Module>.build/*.o`).
    /// nil: the directory of the running executable, which is that directory
    /// for `swift run optnb` and for `swift test`.
    public var binDirectory: URL?
    /// nil: env `OPTNB_CACHE_DIR`, else `$XDG_CACHE_HOME/optnb`, else
    /// `~/.cache/optnb`.
    public var cacheDirectory: URL?
    /// false: compile and run even when a cached outcome is valid (the
    /// fresh outcome still replaces the cached one).
    public var useCache: Bool
    /// The longest the program may run before it and everything it started
    /// are killed.
    public var timeout: Duration
    /// Compile with `-O` instead of `-Onone`. Only the notebook's own code is
    /// affected (the library objects are as SwiftPM built them); `-O` about
    /// doubles the compile time (~0.3 s more for a small notebook), so it
    /// pays only for heavy loops written in the notebook itself.
    public var optimize: Bool
    /// Where the program runs. nil: the notebook's folder (so it can read
    /// files next to it by relative path, wherever optnb was started), or
    /// the current directory when that folder does not exist.
    public var workingDirectory: URL?
    /// The environment tools are looked up in and the program inherits.
    public var environment: [String: String]
    /// Threads each sweep uses (`optnb render --threads`); nil: every processor.
    public var threads: Int?
    /// Called, from another thread, with each event a running sweep
    /// reports (see `SweepEvent`); nil: progress is not watched.
    public var progress: (@Sendable (SweepEvent) -> Void)?
    /// Bytes of each block's standard output, and of its standard error,
    /// kept for the report; the rest is read and dropped, and the kept text
    /// says how much was cut (see `BoundedOutput`).
    public var outputLimit: Int = BoundedOutput.defaultLimit
    /// Bytes of records (scalars, tables, plots, …) the program may send,
    /// JSON-encoded (`--max-results`). A record that would pass it stops
    /// the program at the notebook line that sent it; optnb never reads
    /// more than this from the results file either.
    public var resultsLimit: Int = RunnerConfiguration.defaultResultsLimit
    /// 50 MB: 150 times the largest study notebook's results (338 kB), and
    /// little enough for optnb to decode without strain.
    public static let defaultResultsLimit = 50_000_000
    /// Run the program inside this sandbox (`--sandbox`); nil: as the user,
    /// with everything the user may do.
    public var sandbox: Sandbox?

    /// A configuration as given; the limits and sandbox take their defaults
    /// (set them afterwards).
    public init(swiftc: String? = nil, binDirectory: URL? = nil, cacheDirectory: URL? = nil,
                useCache: Bool = true, timeout: Duration = .seconds(120),
                optimize: Bool = false, workingDirectory: URL? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.swiftc = swiftc; self.binDirectory = binDirectory
        self.cacheDirectory = cacheDirectory; self.useCache = useCache
        self.timeout = timeout; self.optimize = optimize
        self.workingDirectory = workingDirectory; self.environment = environment
    }
}

/// What running a notebook gave.
public struct RunResult: Sendable {
    /// Block by block, what the program did (or the cached outcome).
    public var outcome: NotebookOutcome
    /// True when the outcome came from the cache: nothing was compiled or run.
    public var cacheHit: Bool
    /// Wall time of `swiftc` (compile and link); 0 on a cache hit.
    public var compileSeconds: Double
    /// Wall time of the program; 0 on a cache hit or a compile error.
    public var runSeconds: Double
    /// The SHA-256 (hex) the outcome is cached under.
    public var cacheKey: String
    /// What `swiftc -version` printed: part of the cache key, and of the
    /// environment a results file records.
    public var compilerVersion: String
    /// The sweeps the program started (empty on a cache hit).
    public var sweeps: [SweepSummary] = []
    /// One line saying the cache entry for this notebook was damaged
    /// (truncated, edited) and has been recomputed; nil when it was not.
    /// The damaged entry is gone, so this is said once.
    public var cacheNotice: String? = nil
    /// Warnings the program sent about the run itself (`Record.warning`,
    /// e.g. a damaged sweep cache entry it recomputed), at notebook lines.
    /// Said once: they are in no outcome, so a cache hit has none.
    public var runWarnings: [Diagnostic] = []
}

/// The Swift toolchain or the library a notebook program links against is
/// missing. The CLI exits with status 2 on it.
public struct ToolchainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is missing and how to provide it.
    public var message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// `message`.
    public var description: String { message }
}

/// A file or program the runner needed could not be read, written or started.
public struct RunnerIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or program.
    public var path: String
    /// What went wrong (the system's message).
    public var reason: String
    /// An error about `path`.
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
