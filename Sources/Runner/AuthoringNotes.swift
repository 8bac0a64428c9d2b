import Foundation
import Notebook
import Outcome

/// Notes that turn a confusing compile failure into the authoring slip
/// behind it. They are added to the compiler's errors, as swiftc's own
/// notes are, never in place of them.
enum AuthoringNotes {
    /// - A block whose code fence is never closed ran to the end of the
    ///   file, so the prose after it was compiled as Swift: its first error
    ///   gets a note at the fence's line.
    /// - "cannot find 'x' in scope" where an `eval=false` block declares
    ///   `x`: the note says that block is not evaluated.
    static func annotate(_ outcome: NotebookOutcome, document: Document) -> NotebookOutcome {
        let experiments = document.experiments
        let skipped = experiments.filter { !$0.eval }
        var outcome = outcome
        for i in outcome.blocks.indices {
            guard case .compileError(var errors) = outcome.blocks[i].status, !errors.isEmpty else { continue }
            let index = outcome.blocks[i].index
            if let block = experiments.first(where: { $0.index == index }), !block.closed {
                errors[0].notes.append(Diagnostic(
                    file: document.path, line: block.fenceLine, severity: .note,
                    message: "the code fence of block '\(block.id)' opened here is never closed, so everything "
                        + "after it to the end of the file was compiled as Swift; add the closing fence"))
            }
            for e in errors.indices {
                guard let name = missingName(errors[e].message) else { continue }
                for block in skipped where declares(block.code, name) {
                    errors[e].notes.append(Diagnostic(
                        file: document.path, line: block.fenceLine, severity: .note,
                        message: "'\(name)' is declared in block '\(block.id)', which has eval=false and is not "
                            + "evaluated; remove eval=false there, or declare '\(name)' in an evaluated block"))
                }
            }
            outcome.blocks[i].status = .compileError(errors)
        }
        return outcome
    }

    /// `x` from swiftc's "cannot find 'x' in scope".
    static func missingName(_ message: String) -> String? {
        guard message.hasPrefix("cannot find '"), message.hasSuffix("' in scope") else { return nil }
        let name = message.dropFirst("cannot find '".count).dropLast("' in scope".count)
        return name.isEmpty || name.contains("'") ? nil : String(name)
    }

    /// Whether `code` declares `name` with let, var, func or a type keyword.
    static func declares(_ code: String, _ name: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        let pattern = #"\b(let|var|func|class|struct|enum|actor|typealias)\s+"# + escaped + #"\b"#
        return code.range(of: pattern, options: .regularExpression) != nil
    }
}
