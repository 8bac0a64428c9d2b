import Foundation
import Notebook
import Outcome
import Records

/// What the runner gives a notebook program's sweeps and reads back from
/// them: the thread count, the per-sweep cache keys, and the progress
/// channel. The program side is the `Sweeps` module.
enum SweepHooks {
    /// One key per evaluated block, `index:hex` joined by commas (the
    /// `OPTNB_SWEEP_KEYS` value): the digest of the library build, the
    /// compiler, the flags and the code of that block and every evaluated
    /// block before it. Prose, block options and later blocks are not in
    /// it, so editing them keeps a sweep's cache entry; editing its own
    /// block or an earlier one does not. Nor does changing a file an
    /// `input("…")` of that block or an earlier one reads (its content hash
    /// is in the key).
    static func blockKeys(_ document: Document, libraryDigest: String, compilerVersion: String,
                          flags: [String], inputs: InputFiles = InputFiles()) -> String {
        var prefix = "optnb-sweep-1"
        var keys: [String] = []
        for block in document.experiments where block.eval {
            prefix += "\n\u{0}block\n" + block.code
            let read = inputs.keyMaterial { $0 == block.index }
            if !read.isEmpty { prefix += "\n\u{0}inputs\n" + read }
            keys.append("\(block.index):" + Cache.key(program: prefix, libraryDigest: libraryDigest,
                                                     compilerVersion: compilerVersion, flags: flags))
        }
        return keys.joined(separator: ",")
    }

    /// The environment variables the program's sweeps read.
    static func environment(configuration: RunnerConfiguration, cacheRoot: URL, progressFile: String,
                            keys: String) -> [String: String] {
        var environment = ["OPTNB_PROGRESS": progressFile]
        if let threads = configuration.threads { environment["OPTNB_THREADS"] = String(threads) }
        if configuration.useCache {
            environment["OPTNB_SWEEP_CACHE"] = cacheRoot.appendingPathComponent("sweeps").path
            environment["OPTNB_SWEEP_KEYS"] = keys
        } else {
            // --no-cache recomputes: no keys, so nothing is read; a computed
            // sweep is still not written, as the flag asks for a fresh run.
            environment["OPTNB_SWEEP_CACHE"] = ""
            environment["OPTNB_SWEEP_KEYS"] = ""
        }
        return environment
    }
}

/// One event on the progress channel (see `SweepProgress` in `Sweeps`).
public struct SweepEvent: Decodable, Equatable, Sendable {
    /// `start`, `progress`, `begin` (a point started), `finish` (a point ended) or `end`.
    public var event: String
    /// The sweep's name.
    public var sweep: String
    /// `start`: the notebook line of the `sweep` call.
    public var line: Int?
    /// `start`: how many points the grid has.
    public var total: Int?
    /// `start`: whether the sweep is read from the cache instead of run.
    public var cached: Bool?
    /// `progress`: points finished so far.
    public var done: Int?
    /// `begin`, `finish`: the point's index in the grid (last axis fastest).
    public var point: Int?
    /// `start`: the grid's axes, to name a point by its coordinates.
    public var axes: [Axis]?
    /// One axis of the grid: its name and its values' labels.
    public struct Axis: Decodable, Equatable, Sendable {
        /// The axis's name.
        public var name: String
        /// Its values as the report shows them.
        public var labels: [String]
    }
}

/// How one sweep of a run went, for the progress line and tests.
public struct SweepSummary: Equatable, Sendable {
    /// The sweep's name.
    public var name: String
    /// The notebook line of its `sweep` call.
    public var line: Int
    /// How many points its grid has.
    public var points: Int
    /// Whether it was read from the cache.
    public var cached: Bool
    /// Whether it ended (false: the program stopped while it ran).
    public var finished: Bool
}

/// The events in a progress file so far, from `offset` on; returns them
/// and the offset after the last complete line.
func readSweepEvents(_ path: String, from offset: Int = 0) -> (events: [SweepEvent], offset: Int) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return ([], offset) }
    defer { try? handle.close() }
    try? handle.seek(toOffset: UInt64(offset))
    let data = (try? handle.readToEnd()) ?? Data()
    guard let end = data.lastIndex(of: 0x0A) else { return ([], offset) }
    let decoder = JSONDecoder()
    let events = data[data.startIndex..<end].split(separator: 0x0A)
        .compactMap { try? decoder.decode(SweepEvent.self, from: Data($0)) }
    return (events, offset + (end - data.startIndex) + 1)
}

/// The sweeps a run started, in order, from its progress file.
func sweepSummaries(_ path: String) -> [SweepSummary] {
    var summaries: [SweepSummary] = []
    for e in readSweepEvents(path).events {
        switch e.event {
        case "start":
            summaries.append(SweepSummary(name: e.sweep, line: e.line ?? 0, points: e.total ?? 0,
                                          cached: e.cached ?? false, finished: false))
        case "end":
            if let i = summaries.lastIndex(where: { $0.name == e.sweep }) { summaries[i].finished = true }
        default: break
        }
    }
    return summaries
}

/// For a crash on a sweep worker (named `optnb-p<index>` while it runs
/// point index), the point's coordinates and the sweep's notebook line,
/// from the last sweep the progress file says started. When the crash
/// report names no worker (the backtracer could not read the thread) but
/// a sweep had started and not ended, that sweep's name and line.
func sweepCrashNote(signaled: Bool, threadName: String?, progressFile: String,
                    notebookPath: String) -> Diagnostic? {
    guard signaled else { return nil }
    let events = readSweepEvents(progressFile).events
    guard let startIndex = events.lastIndex(where: { $0.event == "start" }) else { return nil }
    let start = events[startIndex]
    guard !events[startIndex...].contains(where: { $0.event == "end" && $0.sweep == start.sweep }) else { return nil }
    func note(_ message: String) -> Diagnostic {
        Diagnostic(file: notebookPath, line: start.line, severity: .note, message: message)
    }
    // The crashed thread's name says which point it ran; failing that, the
    // one point begun and not finished, if there is just one.
    let running = Set(events[startIndex...].filter { $0.event == "begin" }.compactMap(\.point))
        .subtracting(events[startIndex...].filter { $0.event == "finish" }.compactMap(\.point))
    let named = threadName.flatMap { $0.hasPrefix("optnb-p") ? Int($0.dropFirst(7)) : nil }
    guard let index = named ?? (running.count == 1 ? running.first : nil),
          let axes = start.axes, !axes.isEmpty, axes.allSatisfy({ !$0.labels.isEmpty })
    else { return note("while sweep '\(start.sweep)' was running") }
    var rest = index
    var coordinates = Array(repeating: "", count: axes.count)
    for a in axes.indices.reversed() {
        coordinates[a] = axes[a].labels[rest % axes[a].labels.count]
        rest /= axes[a].labels.count
    }
    let point = zip(axes, coordinates).map { "\($0.name)=\($1)" }.joined(separator: ", ")
    return note("while running point \(point) of sweep '\(start.sweep)'")
}

/// Reads a running program's progress file every 0.1 s on a thread of its
/// own and hands each new event to `report`, until `stop()`.
final class ProgressWatcher: @unchecked Sendable {
    // @unchecked: `offset` is touched only by the watching thread, and by
    // `stop()` after that thread has finished.
    private let path: String
    private let report: (@Sendable (SweepEvent) -> Void)?
    private let stopped = NSCondition()
    private var stopping = false
    private var finished = false
    private var offset = 0

    init(path: String, report: (@Sendable (SweepEvent) -> Void)?) {
        self.path = path
        self.report = report
        guard report != nil else { finished = true; return }
        Thread { [self] in watch() }.start()
    }

    private func watch() {
        stopped.lock()
        while !stopping {
            stopped.unlock()
            poll()
            stopped.lock()
            if !stopping { _ = stopped.wait(until: Date().addingTimeInterval(0.1)) }
        }
        finished = true
        stopped.broadcast()
        stopped.unlock()
    }

    private func poll() {
        let (events, next) = readSweepEvents(path, from: offset)
        offset = next
        for e in events { report?(e) }
    }

    /// Stops watching, after reporting the events written so far.
    func stop() {
        stopped.lock()
        stopping = true
        stopped.broadcast()
        while !finished { stopped.wait() }
        stopped.unlock()
        if report != nil { poll() }
    }
}

extension NotebookOutcome {
    /// The outcome with `note` attached to the diagnostic of the block that
    /// crashed (a trap on a sweep worker: which point it was running).
    func noting(sweepCrash note: Diagnostic?) -> NotebookOutcome {
        guard let note else { return self }
        var copy = self
        for i in copy.blocks.indices {
            if case .failed(var diagnostic) = copy.blocks[i].status {
                diagnostic.notes.append(note)
                copy.blocks[i].status = .failed(diagnostic)
            }
        }
        return copy
    }

    /// A block that died of an error thrown at top level whose description
    /// already names a line of this notebook (`path:line: error: …`, as a
    /// `SweepError` does) is reported with that message at that line, not
    /// as a trap in the runtime's words.
    func locatingTopLevelErrors(notebookPath path: String) -> NotebookOutcome {
        let marker = "Fatal error: Error raised at top level: " + path + ":"
        var copy = self
        for i in copy.blocks.indices {
            guard case .failed = copy.blocks[i].status,
                  let range = copy.blocks[i].stderr.range(of: marker) else { continue }
            let rest = copy.blocks[i].stderr[range.upperBound...]
            let digits = rest.prefix { $0.isNumber }
            let prefix = ": error: "
            guard let line = Int(digits), rest.dropFirst(digits.count).hasPrefix(prefix) else { continue }
            let message = rest.dropFirst(digits.count + prefix.count).prefix { $0 != "\n" }
            copy.blocks[i].status = .failed(Diagnostic(file: path, line: line, severity: .error,
                                                       message: String(message)))
            copy.blocks[i].crashLine = line
        }
        return copy
    }
}
