import Foundation
import Notebook
import Outcome
import Records

/// How a crash is described: at the notebook line it happened on when the
/// backtrace has one, else at the block's first line as before.
extension ProgramOutcome {
    /// The failure of `block`, which was running (or, `afterEnd`, had just
    /// ended) when the program died of `signal`, and the notebook line of
    /// the crash when known.
    ///
    /// With a notebook frame in the crashed thread it is placed there,
    ///
    ///     notebooks/x.md:9:16: error: Fatal error: Index out of range (block 'b' crashed with signal 4, illegal instruction: a Swift runtime trap)
    ///     notebooks/x.md:14:1: note: called from here
    ///
    /// — the innermost notebook frame, then up to three outer notebook
    /// frames as notes (the call that led into a closure or a local
    /// function). A trap inside library code called from the notebook is so
    /// placed at the call. Without one (a crash on a thread running only
    /// library code, no backtracer) it is placed at the block's fence:
    ///
    ///     notebooks/x.md:7: error: block 'b' crashed with signal 4 (illegal instruction: a Swift runtime trap); stderr: …
    func crashReport(block: BlockOutcome, fenceLine: Int, signal: Int32, afterEnd: Bool,
                     backtrace: CrashBacktrace?) -> (diagnostic: Diagnostic, line: Int?) {
        let how = "crashed\(afterEnd ? " after its end" : "") with signal \(signal)"
        let positions = backtrace?.positions(inFile: program.locationFile) ?? []
        if let thrown = uncaughtError(block: block, fenceLine: fenceLine) { return thrown }
        guard let innermost = positions.first else {
            return (Diagnostic(
                file: document.path, line: fenceLine, severity: .error,
                message: "block '\(block.id)' \(how) (\(Self.describe(signal: signal)))"
                    + trapSummary(block.stderr)), nil)
        }
        let what = Self.trapLine(in: block.stderr).map { Self.trapText($0) }
            ?? backtrace?.runtimeFailure
            ?? backtrace.flatMap { $0.description.isEmpty ? nil : $0.description }
            ?? "crash"
        var crash = at(innermost, .error,
                       "\(what) (block '\(block.id)' \(how), \(Self.describe(signal: signal)))")
        let callers = positions.dropFirst()
        crash.notes = callers.prefix(3).map { at($0, .note, "called from here") }
        if callers.count > 3 {
            crash.notes.append(Diagnostic(file: nil, severity: .note,
                                          message: "\(callers.count - 3) more notebook frames"))
        }
        return (crash, innermost.line)
    }

    /// `; stderr: <the runtime's trap line>` when it left one.
    func trapSummary(_ stderr: String) -> String {
        Self.trapLine(in: stderr).map { "; stderr: " + $0 } ?? ""
    }

    /// What the Swift runtime prints before it traps (`fatalError`,
    /// `precondition`, `assert`, and the standard library's own checks):
    /// `FILE:LINE: Fatal error: MESSAGE`, `… Precondition failed: …` or
    /// `… Assertion failed: …`.
    static let trapKinds = ["Fatal error: ", "Precondition failed: ", "Assertion failed: "]

    /// The last trap line in `stderr` (the runtime prints it just before the
    /// program dies, after anything the block printed), trimmed.
    static func trapLine(in stderr: String) -> String? {
        stderr.split(separator: "\n").last { line in
            trapKinds.contains { line.hasPrefix($0) || line.contains(": " + $0) }
        }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A trap line without the file and line it starts with, which name the
    /// standard library or the notebook by `#fileID`: the message names
    /// the notebook line itself.
    static func trapText(_ line: String) -> String {
        let starts = trapKinds.compactMap { kind -> String.Index? in
            if line.hasPrefix(kind) { return line.startIndex }
            return line.range(of: ": " + kind).map { line.index($0.lowerBound, offsetBy: 2) }
        }
        return starts.min().map { String(line[$0...]) } ?? line
    }

    /// Whether `line` is the runtime's `*** Signal N: Backtracing from 0x…
    /// done ***` (or `…` while it works).
    static func isBacktracerNotice(_ line: Substring) -> Bool {
        line.hasPrefix("*** Signal ") && line.contains(": Backtracing from ")
    }

    /// A diagnostic at `position` in the notebook; no column when the line
    /// table gave none.
    private func at(_ position: SourcePosition, _ severity: Diagnostic.Severity,
                    _ message: String) -> Diagnostic {
        Diagnostic(file: document.path, line: position.line,
                   column: position.column > 0 ? position.column : nil,
                   severity: severity, message: message)
    }
}
