import Foundation
import Notebook
import Outcome

/// An error thrown by top-level notebook code and never caught.
///
/// The runtime reports it as `Fatal error: Error raised at top level: <the
/// error>` from `swift_errorInMain`, which the compiler calls from code with
/// no source line, so the backtrace names no notebook line (it was shown as
/// "crashed with signal 4" at the block's fence). The error's text is in
/// that message. The line is where the error was thrown through the
/// top-level code, recorded by the program when it was thrown
/// (`thrownFrom`, see `ThrowSite`). Without that record (no
/// `llvm-symbolizer` beside swiftc) it is the block's one statement that
/// can throw to the top level, a `try` that is not `try?` or `try!` outside
/// any closure or function body; with several such lines the error is
/// placed at the fence, with a note naming them.
extension ProgramOutcome {
    static let uncaughtMarker = "Error raised at top level: "

    func uncaughtError(block: BlockOutcome, fenceLine: Int) -> (diagnostic: Diagnostic, line: Int?)? {
        guard let trap = Self.trapLine(in: block.stderr),
              let range = trap.range(of: Self.uncaughtMarker) else { return nil }
        let error = String(trap[range.upperBound...])
        let message = "uncaught error thrown at top level: \(error) (block '\(block.id)' stopped there)"
        let code = document.experiments.first { $0.index == block.index }
        if let line = thrownFrom, let code,
           (code.codeLine..<(code.codeLine + NotebookProgram.lines(of: code.code).count)).contains(line) {
            return (Diagnostic(file: document.path, line: line, severity: .error, message: message), line)
        }
        let lines = code.map { e in Self.topLevelTryLines(e.code).map { $0 + e.codeLine - 1 } } ?? []
        if lines.count == 1 {
            return (Diagnostic(file: document.path, line: lines[0], severity: .error, message: message), lines[0])
        }
        var d = Diagnostic(file: document.path, line: fenceLine, severity: .error, message: message)
        d.notes = lines.map {
            Diagnostic(file: document.path, line: $0, severity: .note, message: "this `try` may have thrown it")
        }
        return (d, nil)
    }

    /// 1-based lines of `code` holding a `try` (not `try?` / `try!`) at
    /// brace depth 0: outside closures and function bodies, whose errors
    /// reach the top level only through a `try` at the call.
    static func topLevelTryLines(_ code: String) -> [Int] {
        var out: [Int] = []
        var depth = 0
        for (i, line) in NotebookProgram.lines(of: code).enumerated() {
            let text = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var found = false
            var previous: Character = " "
            var index = text.startIndex
            while index < text.endIndex {
                let c = text[index]
                if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) }
                if depth == 0, !(previous.isLetter || previous.isNumber || previous == "_"),
                   text[index...].hasPrefix("try") {
                    let after = text.index(index, offsetBy: 3)
                    let next: Character = after < text.endIndex ? text[after] : " "
                    if next == " " || next == "(" || next == "\t" { found = true }
                }
                previous = c
                index = text.index(after: index)
            }
            if found { out.append(i + 1) }
        }
        return out
    }
}
