import Foundation
import Notebook

/// What Swift's crash backtracer wrote about a crashed notebook program: the
/// crashed thread's frames, innermost first, with the source positions the
/// program's line tables give them.
///
/// When a Swift program traps or gets a fatal signal (SIGILL, SIGTRAP,
/// SIGABRT, SIGFPE, SIGBUS, SIGSEGV, SIGQUIT) the runtime starts
/// `swift-backtrace`, which writes a report and lets the program die of the
/// signal as before. optnb has it write JSON to a file of its own
/// (`settings(merging:outputTo:)`) rather than text to standard error, so the
/// report is parsed as data and never mixed with what the block printed.
/// Signals optnb sends (SIGTERM, then SIGKILL, on time-out) are not caught
/// by the runtime, so a time-out never waits for a backtrace; and the
/// backtracer runs in the program's session, so the time limit ends it too.
///
/// Cost, only when a program crashes: a trapping program takes 0.1 s to
/// end instead of 0.015 s, one overflowing its stack with 130 000 frames
/// 0.65 s (the backtracer's default settings, all threads and images as
/// text, took seconds).
struct CrashBacktrace: Equatable, Sendable {
    struct Frame: Equatable, Sendable {
        /// The source file and position, when the frame's image has line
        /// tables for it. Line 0 (an inlined runtime check) means no line.
        var file: String?
        var line: Int
        var column: Int
        /// `main + 478`, `adamStep(_:_:state:lr:beta1:beta2:eps:) + 230`, or
        /// for an inlined check `Swift runtime failure: arithmetic overflow`
        /// (the bare symbol, perhaps mangled, under `demangle=no`).
        var description: String
    }

    /// The backtracer's name for the crash: `Illegal instruction`, `Bad
    /// pointer dereference`, …
    var description: String
    /// The crashed thread's frames, innermost first, without the markers for
    /// omitted or cut-off frames.
    var frames: [Frame]
    /// The crashed thread's name, if it had one (a sweep worker names
    /// itself after the point it runs).
    var threadName: String?

    /// Parses the backtracer's JSON report (`format=json`); nil when it is
    /// not one or names no crashed thread.
    init?(json: Data) {
        guard let report = try? JSONDecoder().decode(Report.self, from: json),
              let thread = report.threads?.first(where: { $0.crashed == true })
        else { return nil }
        description = report.description ?? ""
        threadName = thread.name
        // Markers of omitted or cut-off frames have neither a name nor a place.
        // With `demangle=no` a frame has only its `symbol`, no `description`.
        frames = (thread.frames ?? []).compactMap { frame in
            guard let text = frame.description ?? frame.symbol ?? frame.sourceLocation.map({ _ in "" })
            else { return nil }
            return Frame(file: frame.sourceLocation?.file, line: frame.sourceLocation?.line ?? 0,
                         column: frame.sourceLocation?.column ?? 0, description: text)
        }
    }

    /// The report in `path`, or nil when there is none (the program did not
    /// crash, the backtracer is missing) or it does not parse.
    static func read(_ path: String) -> CrashBacktrace? {
        FileManager.default.contents(atPath: path).flatMap { CrashBacktrace(json: $0) }
    }

    /// The positions of the frames in `file`, innermost first; column 0 when
    /// the line table gave none. Runs of one position (recursion) are
    /// merged, and so is a position without a column with its neighbour on
    /// the same line (a stack overflow in a function's prologue, then the
    /// recursive call on that line). A relative `file` also matches a frame
    /// path ending in `/<file>`, in case a backtracer joins it to the
    /// compile directory.
    func positions(inFile file: String) -> [SourcePosition] {
        var positions: [SourcePosition] = []
        for frame in frames where frame.line > 0 {
            guard let path = frame.file,
                  path == file || (!file.hasPrefix("/") && path.hasSuffix("/" + file))
            else { continue }
            let position = SourcePosition(line: frame.line, column: frame.column)
            if let last = positions.last, last.line == position.line,
               last.column == position.column || last.column == 0 || position.column == 0 {
                positions[positions.count - 1].column = max(last.column, position.column)
                continue
            }
            positions.append(position)
        }
        return positions
    }

    /// `Swift runtime failure: arithmetic overflow` and the like: the checks
    /// swiftc compiles inline, which print nothing before they trap.
    var runtimeFailure: String? {
        frames.first { $0.description.hasPrefix("Swift runtime failure: ") }?.description
    }

    /// The `SWIFT_BACKTRACE` value a notebook program runs with: the user's
    /// own setting, minus every key optnb sets, followed by optnb's keys. So
    /// a user may still choose the backtracer binary (`swift-backtrace=`),
    /// the unwinder or demangling, but not the format, destination or
    /// content the parser relies on, nor interaction, which would wait.
    /// Threads: only the crashed one, which is all optnb reads. `limit=16,
    /// top=4` keeps `main` (the top-level statement) in a deep recursion.
    ///
    /// The list is comma-separated without quoting, so a destination that
    /// holds a comma cannot be passed: backtracing is then turned off and
    /// crashes are reported at the block's first line.
    static func settings(merging user: String?, outputTo path: String) -> String {
        guard !path.contains(",") else { return "enable=no" }
        let ours: KeyValuePairs = [
            "enable": "yes", "interactive": "no", "timeout": "0s", "color": "no",
            "format": "json", "output-to": path, "threads": "crashed", "registers": "none",
            "images": "none", "limit": "16", "top": "4", "sanitize": "no", "symbolicate": "full",
        ]
        let ourKeys = Set(ours.map { $0.key })
        let kept = (user ?? "").split(separator: ",").filter { pair in
            let key = pair.split(separator: "=", maxSplits: 1).first ?? ""
            return !key.trimmingCharacters(in: .whitespaces).isEmpty
                && !ourKeys.contains(key.trimmingCharacters(in: .whitespaces).lowercased())
        }
        return (kept.map(String.init) + ours.map { "\($0.key)=\($0.value)" })
            .joined(separator: ",")
    }

    // The parts of the report that are read; the rest (registers, captured
    // memory, addresses, images) is ignored.
    private struct Report: Decodable {
        var description: String?
        var threads: [Thread]?
    }
    private struct Thread: Decodable {
        var name: String?
        var crashed: Bool?
        var frames: [RawFrame]?
    }
    private struct RawFrame: Decodable {
        var description: String?
        var symbol: String?
        var sourceLocation: Location?
    }
    // Optional fields: one frame without a file or line must not lose the
    // others (such a frame is skipped).
    private struct Location: Decodable {
        var file: String?
        var line: Int?
        var column: Int?
    }
}
