import Foundation  // trimmingCharacters, String(format:)

/// One problem found in a notebook, whatever found it: swiftc (an error or a
/// warning about the notebook's code), the runtime (a trap, at the notebook
/// line its backtrace names), the program's own checks (a failed
/// expectation), the Markdown parser, or the runner (a time-out).
///
/// The one structured form every source produces and every printer reads,
/// as in clang and rustc: `text` for the terminal and the report's message
/// boxes, code marks in the HTML report, GitHub annotations in CI. No printer
/// parses another's output, and `--warnings-as-errors` changes `severity`.
public struct Diagnostic: Codable, Equatable, Sendable {
    /// How bad it is, as the header prints it.
    public enum Severity: String, Codable, Sendable, CaseIterable {
        /// Fails the render (a warning becomes one under `--warnings-as-errors`).
        case error
        /// Shown, never fails the render.
        case warning
        /// Explains the diagnostic it follows (in its `notes`).
        case note
    }

    /// The file the message is about: the notebook's path as the user gave
    /// it, or whatever the tool named (`main.swift` for optnb's own framing,
    /// `ld.lld` for a linker); nil when the tool named nothing.
    public var file: String?
    /// 1-based line in `file`; nil when the message has no line.
    public var line: Int?
    /// 1-based column; nil when the tool gave no column.
    public var column: Int?
    /// Error, warning or note.
    public var severity: Severity
    /// One line: what went wrong.
    public var message: String
    /// Lines shown under the header as the tool wrote them (swiftc's source
    /// excerpt, caret and fix-it; a trap's standard error), so columns line up.
    public var excerpt: [String]
    /// The notes that follow the message (`called from here`, swiftc's
    /// `note:`s), each a diagnostic of its own with severity `.note`.
    public var notes: [Diagnostic]

    /// A diagnostic as given; place, excerpt and notes are optional.
    public init(file: String?, line: Int? = nil, column: Int? = nil, severity: Severity,
                message: String, excerpt: [String] = [], notes: [Diagnostic] = []) {
        self.file = file; self.line = line; self.column = column
        self.severity = severity; self.message = message
        self.excerpt = excerpt; self.notes = notes
    }

    /// Whether the diagnostic is placed at a line of `file`.
    public func isAt(lineOf file: String) -> Bool { self.file == file && line != nil }
}

// MARK: - The terminal printer

extension Diagnostic {
    /// `FILE:LINE:COL: severity: message` (the parts that are known), the
    /// form editors and compilers use.
    public var header: String {
        let place = [file, line.map(String.init), column.map(String.init)]
            .compactMap { $0 }.joined(separator: ":")
        return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue): \(message)"
    }

    /// The header, the excerpt, then each note the same way, one per line:
    /// what the terminal shows, and the report's message boxes.
    public var text: String { lines.joined(separator: "\n") }

    var lines: [String] { [header] + excerpt + notes.flatMap(\.lines) }

    /// The diagnostic as a short printout: whole when everything under the
    /// header is at most `maxLines` lines of at most `maxWidth` characters,
    /// else the header alone (a longer text would bury the next line of
    /// output; the report shows it whole).
    public func brief(maxLines: Int = 4, maxWidth: Int = 120) -> Diagnostic {
        let rest = lines.dropFirst()
        guard rest.count > maxLines || rest.contains(where: { $0.count > maxWidth }) else { return self }
        var header = self
        header.excerpt = []
        header.notes = []
        return header
    }
}

// MARK: - What a block's outcome says went wrong

extension BlockOutcome {
    /// Everything that failed this block, each placed in `notebook`: its
    /// compile errors, its crash or time-out, its failed expectations.
    /// `fenceLine` places what has no line of its own. A crash's message is
    /// followed by what the block wrote to standard error, unless it
    /// already quotes it.
    public func problems(notebook: String, fenceLine: Int) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        switch status {
        case .ok, .notRun: break
        case .compileError(let errors):
            problems += errors
        case .failed(var failure):
            let stderr = self.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            if !stderr.isEmpty, !failure.text.contains(stderr) {
                failure.excerpt += stderr.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "    " + $0 }
            }
            problems.append(failure)
        case .timedOut(let seconds):
            problems.append(Diagnostic(
                file: notebook, line: fenceLine, severity: .error,
                message: "block '\(id)' was still running after \(Self.formatSeconds(seconds)); "
                    + "the program and everything it started were stopped (raise --timeout if it needs longer)"))
        }
        for case .expectation(let e) in records where !e.passed {
            problems.append(Diagnostic(
                file: notebook, line: e.source?.line ?? fenceLine, severity: .error,
                message: "expectation failed: \(e.message)" + (e.detail.isEmpty ? "" : " (\(e.detail))")))
        }
        return problems
    }

    /// "2.00 s", or "120 s" from 10 s up.
    public static func formatSeconds(_ s: Double) -> String {
        s >= 10 ? String(format: "%.0f s", s) : String(format: "%.2f s", s)
    }
}
