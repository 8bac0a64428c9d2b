import Notebook
import Outcome
import Records

/// A line of a block's code listing that the report marks, and why: where a
/// trap happened, where swiftc put an error or a warning, where a failed
/// expectation was made. So the listing itself shows the line the message
/// names, the way an editor would.
struct CodeMark: Equatable {
    enum Kind: String { case error, warning }
    var kind: Kind
    /// Shown on hover (`title`); the full text is in the message box.
    var note: String
}

/// The marks for block `e`, keyed by notebook line: the HTML printer of
/// the block's diagnostics (its compile errors and warnings, its crash, its
/// failed expectations) that are placed in `notebook`. Only lines of the
/// block's own code are kept. An error wins over a warning on the same line.
func codeMarks(for e: ExperimentBlock, _ outcome: BlockOutcome?, notebook: String) -> [Int: CodeMark] {
    guard let outcome else { return [:] }
    let lines = e.codeLine..<(e.codeLine + e.code.split(separator: "\n", omittingEmptySubsequences: false).count)
    var marks: [Int: CodeMark] = [:]
    func add(_ line: Int, _ mark: CodeMark) {
        guard lines.contains(line) else { return }
        if let old = marks[line], old.kind == .error, mark.kind == .warning { return }
        if marks[line]?.kind == mark.kind { return }  // the first message of a kind names the line
        marks[line] = mark
    }
    func add(_ d: Diagnostic, note: String? = nil) {
        guard d.file == notebook, let line = d.line else { return }
        let kind: CodeMark.Kind = d.severity == .warning ? .warning : .error
        add(line, CodeMark(kind: kind, note: note ?? "\(d.severity.rawValue): \(d.message)"))
    }
    outcome.compilerWarnings.forEach { add($0) }
    switch outcome.status {
    case .compileError(let errors):
        errors.forEach { add($0) }
    case .failed:
        if let line = outcome.crashLine { add(line, CodeMark(kind: .error, note: "crashed here")) }
    case .ok, .notRun, .timedOut:
        break
    }
    for case .expectation(let x) in outcome.records where !x.passed {
        if let line = x.source?.line { add(line, CodeMark(kind: .error, note: "expectation failed: " + x.message)) }
    }
    return marks
}

/// A code listing whose marked lines are wrapped in `<mark>`, escaped like
/// all text. `firstLine` is the notebook line of the code's first line.
func writeCode(_ text: String, language: String?, firstLine: Int, marks: [Int: CodeMark],
               into h: inout HTMLWriter) {
    guard !marks.isEmpty else { return writeCode(text, language: language, into: &h) }
    h.open("pre")
    h.open("code", [("class", language.flatMap { $0.isEmpty ? nil : "language-" + $0 })])
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if i > 0 { h.text("\n") }
        if let mark = marks[firstLine + i] {
            h.element("mark", [("class", "code-" + mark.kind.rawValue), ("title", mark.note)], text: String(line))
        } else {
            h.text(String(line))
        }
    }
    h.close("code")
    h.close("pre")
}
