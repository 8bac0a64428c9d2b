import Foundation
import Notebook
import Regression
import HTMLPages
import Outcome
import Records
import Runner

/// One notebook taken through the pipeline: parsed, run (or taken from the
/// cache), with what went wrong said in notebook terms.
struct NotebookRender {
    var path: String
    var document: Document
    var run: RunResult
    /// What failed, placed at the notebook's lines.
    var problems: [Diagnostic]
    /// swiftc's warnings about the notebook's code, as printed after the
    /// render (empty under `--warnings-as-errors`: they are problems then).
    var warnings: [Diagnostic]
    /// Syntax classes for the report's Swift listings.
    var highlights = SyntaxHighlights()
    var failed: Bool { !problems.isEmpty }
    var name: String { NotebookInputs.reportName(path) }
    var results: ResultsFile {
        ResultsFile(notebook: path, environment: renderEnvironment(compilerVersion: run.compilerVersion),
                    outcome: run.outcome)
    }
}

/// Parses, runs and writes notebooks: the steps `render` and `check` share.
struct Renderer {
    var output: URL
    var runner: RunnerConfiguration
    var unsafeHTML: Bool
    /// Compiler warnings fail the render instead of only being printed.
    var warningsAsErrors = false
    /// The site's reading order, for each report's previous/next links;
    /// nil for none.
    var order: ReadingOrder?

    /// Parses and runs one notebook. Bad Markdown or experiment options throw
    /// a `NotebookError` (file:line:column); a missing toolchain throws
    /// `ToolchainError`. Compile errors, traps, time-outs and failed
    /// expectations are returned as `problems`; compiler warnings as
    /// `warnings`, or as `problems` when `warningsAsErrors`.
    func evaluate(_ path: String) throws -> NotebookRender {
        let bytes = try readNotebook(path)
        try checkNotebookText(bytes, path: path)
        let document = try parseNotebook(bytes: bytes, path: path)
        // Equation references can be checked before running; figure and
        // table references once the blocks have recorded their figures.
        if let error = crossReferenceErrors(document, outcome: nil).first { throw error }
        // Highlighting (and, the first time, building its helper) runs
        // beside the notebook's compile instead of after it.
        let highlighting = PendingHighlights(document, configuration: runner)
        let run = try runNotebook(document, configuration: runner)
        if let error = crossReferenceErrors(document, outcome: run.outcome).first { throw error }
        var problems = Self.problems(in: run.outcome, of: document)
        let warnings = run.outcome.blocks.flatMap(\.compilerWarnings).map { $0.brief() }
        if warningsAsErrors { problems += warnings.map(\.asError) }
        // The notebook's own authoring warnings (an unclosed fence, a
        // ```Swift block) are not the compiler's: they never fail a render.
        let authoring = document.warnings.map {
            Diagnostic(file: $0.path, line: $0.position.line, column: $0.position.column,
                       severity: .warning, message: $0.message)
        }
        return NotebookRender(path: path, document: document, run: run, problems: problems,
                              warnings: authoring + (warningsAsErrors ? [] : warnings),
                              highlights: highlighting.wait())
    }

    /// Writes `<name>.html` and `<name>.results.json` together: both from
    /// this render or neither (see `publishTogether`).
    func write(_ render: NotebookRender) throws {
        let options = ReportOptions(
            unsafeHTML: unsafeHTML,
            generationNote: generationNote(compilerVersion: render.run.compilerVersion),
            agreementHref: agreementPageHref, neighbours: order?.neighbours(of: render.path) ?? Neighbours(),
            highlights: render.highlights)
        let html = renderReport(render.document, outcome: render.run.outcome, options: options)
        let results = resultsURL(render.name)
        do {
            try publishTogether([
                (Data(html.utf8), reportURL(render.name)),
                (try render.resultsWithDuration(replacing: results).encoded(), results),
            ])
        } catch let error as RunnerIOError {
            throw CommandFailure("cannot write \(error.path): \(error.reason)")
        }
    }

    func reportURL(_ name: String) -> URL { output.appendingPathComponent("\(name).html") }
    func resultsURL(_ name: String) -> URL { output.appendingPathComponent("\(name).results.json") }

    /// Writes `index.html` linking every given report.
    func writeIndex(_ renders: [NotebookRender]) throws {
        let note = renders.first.map { generationNote(compilerVersion: $0.run.compilerVersion) }
        try writeIndexPage(renders.map(\.indexEntry), generationNote: note, in: output)
    }

    /// The first paragraph's text, cut at a word near 200 characters.
    static func summary(of document: Document) -> String {
        for block in document.blocks {
            guard case .paragraph(let inlines) = block.kind else { continue }
            let text = plainText(inlines)
            guard text.count > 200 else { return text }
            let cut = text.prefix(200)
            return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + " …"
        }
        return ""
    }

    /// What failed, block by block, each placed in the notebook.
    static func problems(in outcome: NotebookOutcome, of document: Document) -> [Diagnostic] {
        let experiments = document.experiments
        let problems = outcome.blocks.flatMap { block in
            let line = experiments.indices.contains(block.index) ? experiments[block.index].fenceLine : 0
            return block.problems(notebook: document.path, fenceLine: line)
        }
        // Every evaluated block must have run when nothing failed: a block
        // that silently did not (swallowed by another's code) would pass its
        // claims unchecked.
        guard problems.isEmpty else { return problems }
        return outcome.blocks.compactMap { block -> Diagnostic? in
            guard block.status == .notRun,
                  let e = experiments.first(where: { $0.index == block.index }), e.eval else { return nil }
            return Diagnostic(
                file: document.path, line: e.fenceLine, severity: .error,
                message: "block '\(block.id)' never ran although no block failed; "
                    + "its code was not reached (is it inside an earlier block's unclosed brace or #if?)")
        }
    }
}

extension Diagnostic {
    /// A warning as a failure under `--warnings-as-errors`: an error (as
    /// `swiftc -warnings-as-errors` would say) that tells why.
    var asError: Diagnostic {
        var d = self
        d.severity = .error
        d.message += " (--warnings-as-errors)"
        return d
    }
}

func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
}

func formatSeconds(_ s: Double) -> String { BlockOutcome.formatSeconds(s) }

/// Writes a line to standard output at once (unbuffered, so verdicts
/// interleave with the progress lines on standard error in order).
func say(_ text: String, terminator: String = "\n") {
    FileHandle.standardOutput.write(Data((text + terminator).utf8))
}

/// Writes a line to standard error (progress and problems never go to stdout).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
