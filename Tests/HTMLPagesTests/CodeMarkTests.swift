import Notebook
import Outcome
import Records
import Testing
@testable import HTMLPages

/// The line a message names is marked in the block's own code listing.
@Suite struct CodeMarkTests {
    // Fence on line 3, so the code's lines are 4, 5 and 6.
    let code = "let xs = [1, 2]\nlet y = xs[2] < 3 && true\nprint(y)"

    func render(_ outcome: BlockOutcome) -> String {
        let doc = document([experiment(0, "b", line: 3, code: code)])
        return renderReport(doc, outcome: NotebookOutcome(blocks: [outcome]), options: ReportOptions())
    }

    @Test func aTrapMarksItsLineEscaped() {
        let out = render(BlockOutcome(index: 0, id: "b", status: .failed(Diagnostic(file: "nb.md", line: 5, column: 9, severity: .error, message: "boom")), crashLine: 5))
        #expect(out.contains(
            "<pre><code class=\"language-swift\">let xs = [1, 2]\n"
                + "<mark class=\"code-error\" title=\"crashed here\">let y = xs[2] &lt; 3 &amp;&amp; true</mark>\n"
                + "print(y)</code></pre>"))
    }

    @Test func compileErrorsAndWarningsMarkTheirLines() {
        let error = Diagnostic(
            file: "notebooks/test.md", line: 6, column: 1, severity: .error, message: "cannot find 'z' in scope",
            excerpt: ["z()", "^"],
            notes: [Diagnostic(file: "notebooks/test.md", line: 4, column: 5, severity: .note, message: "a note is not a mark")])
        // An error in optnb's framing names program lines, not notebook lines.
        let framing = Diagnostic(file: "main.swift", line: 5, column: 1, severity: .error, message: "framing")
        let warning = Diagnostic(file: "notebooks/test.md", line: 4, column: 5, severity: .warning,
                                 message: "never mutated; say \"let\"", excerpt: ["    let xs = [1, 2]", "    ^"])
        let out = render(BlockOutcome(index: 0, id: "b", status: .compileError([framing, error]),
                                      compilerWarnings: [warning]))
        #expect(out.contains("<mark class=\"code-error\" title=\"error: cannot find &#39;z&#39; in scope\">print(y)</mark>")
                || out.contains("<mark class=\"code-error\" title=\"error: cannot find 'z' in scope\">print(y)</mark>"), "\(out)")
        #expect(out.contains("<mark class=\"code-warning\" title=\"warning: never mutated; say &quot;let&quot;\">let xs = [1, 2]</mark>"), "\(out)")
        #expect(out.components(separatedBy: "<mark ").count == 3, "the framing error and the note mark nothing")
    }

    @Test func aFailedExpectationMarksItsLineAndLinesOutsideTheBlockAreIgnored() {
        let outcome = BlockOutcome(index: 0, id: "b", status: .ok, records: [
            .expectation(Expectation(message: "y holds", passed: false, detail: "", source: SourceLine(file: "nb.md", line: 5))),
            .expectation(Expectation(message: "elsewhere", passed: false, detail: "", source: SourceLine(file: "nb.md", line: 40))),
            .expectation(Expectation(message: "fine", passed: true, detail: "", source: SourceLine(file: "nb.md", line: 6))),
        ])
        let out = render(outcome)
        #expect(out.contains("<mark class=\"code-error\" title=\"expectation failed: y holds\">"))
        #expect(out.components(separatedBy: "<mark ").count == 2, "one mark: line 40 is not in the block, line 6 passed")
    }

    @Test func withoutMarksTheListingIsUnchanged() {
        let out = render(BlockOutcome(index: 0, id: "b", status: .ok))
        #expect(out.contains("<pre><code class=\"language-swift\">let xs = [1, 2]\nlet y = xs[2] &lt; 3 &amp;&amp; true\nprint(y)</code></pre>"))
    }
}
