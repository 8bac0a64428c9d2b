import Foundation
import Notebook
import Outcome
import Records
import Testing
@testable import HTMLPages

/// Numbered figures, tables and equations, references, folded and
/// highlighted listings, hover values, and the highlight colours' contrast.
@Suite struct PresentationTests {
    let notebook = """
        # Study

        The step is @eq-step, the loss is in @fig-loss and the numbers in @tbl-first-steps.

        $$\\theta \\leftarrow \\theta - \\eta g \\label{eq-step}$$

        ```swift id=run fold=true
        let x = 1 // note
        ```
        """

    func outcome(status: BlockOutcome.Status = .ok) -> NotebookOutcome {
        let plot = Plot(name: "loss", title: "Loss <per> step", yLabel: "loss",
                        series: [Series(label: "a&b", y: [3, 2, 1])])
        let table = Table(name: "first steps", columns: ["t"], rows: [[.number(1)]])
        return NotebookOutcome(blocks: [BlockOutcome(index: 0, id: "run", status: status,
                                                     records: [.plot(plot), .table(table)])])
    }

    @Test func referencesBecomeNumberedLinks() throws {
        let doc = try parseNotebook(notebook, path: "nb.md")
        #expect(crossReferenceErrors(doc, outcome: outcome()).isEmpty)
        let html = renderReport(doc, outcome: outcome(), options: ReportOptions())
        #expect(html.contains(##"<a class="xref" href="#eq:eq-step">(1)</a>"##))
        #expect(html.contains(##"<a class="xref" href="#cell:run-fig1">Figure 1</a>"##))
        #expect(html.contains(##"<a class="xref" href="#cell:run-tbl1">Table 1</a>"##))
        #expect(html.contains(#"<span class="display-math" id="eq:eq-step">"#))
        #expect(html.contains(#"<span class="eq-number">(1)</span>"#))
        #expect(html.contains("<figcaption>Figure 1: Loss &lt;per&gt; step</figcaption>"))
        #expect(html.contains("<caption>Table 1: first steps</caption>"))
        #expect(tagBalanceProblems(html).isEmpty)
    }

    @Test func unknownReferencesAreErrorsAtTheirLine() throws {
        let doc = try parseNotebook("Intro.\n\nSee @eq-nope and @fig-nope.\n\n```swift id=run\n```\n", path: "nb.md")
        let before = crossReferenceErrors(doc, outcome: nil)
        #expect(before.map(\.message) == ["reference @eq-nope names no labelled equation"])
        #expect(before.first?.position.line == 3)
        let after = crossReferenceErrors(doc, outcome: outcome())
        #expect(after.map(\.message) == ["reference @eq-nope names no labelled equation",
                                         "reference @fig-nope names no figure; known: @fig-loss"])
        // A block that failed may simply not have made the figure yet.
        let failed = crossReferenceErrors(doc, outcome: outcome(status: .failed(Diagnostic(file: nil, severity: .error, message: "trap"))))
        #expect(failed.count == 1)
    }

    @Test func labelsMustBeEquationLabels() throws {
        let doc = try parseNotebook("$$x \\label{energy}$$\n\n$$y \\label{eq-a}$$ $$z \\label{eq-a}$$\n", path: "nb.md")
        let messages = crossReferenceErrors(doc, outcome: nil).map(\.message)
        #expect(messages.contains("equation label 'eq-a' is already used; give each \\label its own name"))
        #expect(messages.contains { $0.hasPrefix("equation label 'energy' must start with 'eq-'") })
    }

    @Test func foldedListingIsADetailsElement() throws {
        let doc = try parseNotebook(notebook, path: "nb.md")
        let html = renderReport(doc, outcome: outcome(), options: ReportOptions())
        #expect(html.contains(#"<details class="fold"><summary>Code (1 line)</summary><pre><code class="language-swift">"#))
    }

    @Test func highlightedListingKeepsMarksAndEscapes() {
        let code = "let s = \"<a&b>\" /* one\ntwo */ x\n"
        let spans = [SyntaxHighlights.Span(offset: 0, length: 3, kind: "kw"),
                     SyntaxHighlights.Span(offset: 8, length: 7, kind: "str"),
                     SyntaxHighlights.Span(offset: 16, length: 13, kind: "cm"),
                     SyntaxHighlights.Span(offset: 0, length: 1, kind: "bogus\"")]
        var h = HTMLWriter()
        writeListing(code, language: "swift", firstLine: 10,
                     marks: [11: CodeMark(kind: .error, note: "crashed <here>")], spans: spans, into: &h)
        #expect(h.output == #"<pre><code class="language-swift"><span class="hl-kw">let</span> s = "#
            + #"<span class="hl-str">"&lt;a&amp;b&gt;"</span> <span class="hl-cm">/* one</span>"#
            + "\n" + #"<mark class="code-error" title="crashed &lt;here&gt;"><span class="hl-cm">two */</span> x</mark></code></pre>"#)
    }

    @Test func hoverTitlesNameSeriesAndValuesEscaped() {
        let plot = Plot(name: "p", title: "P", xLabel: "step", yLabel: "loss",
                        series: [Series(label: "<b>&", y: Array(stride(from: 100.0, to: 0, by: -1)))])
        let svg = renderPlotSVG(plot)
        #expect(svg.contains(#"<g class="hover" aria-hidden="true">"#))
        #expect(svg.contains("<title>&lt;b&gt;&amp;: step = 0, loss = 100</title>"))
        #expect(svg.contains("<title>&lt;b&gt;&amp;: step = 99, loss = 1</title>"), "the last point always has one")
        #expect(svg.components(separatedBy: "<circle").count - 1 <= hoverTargets + 1)
    }

    @Test func highlightColoursMeetWCAGAA() throws {
        // Each colour against the backgrounds a listing can sit on, in
        // light and dark mode (variables from reportCSS and presentationCSS).
        func variables(_ css: String, after marker: String) -> [String: String] {
            let start = marker.isEmpty ? css.startIndex : css.range(of: marker)!.upperBound
            let block = css[start...].prefix { $0 != "}" }
            var out: [String: String] = [:]
            for decl in block.split(separator: ";") {
                let parts = decl.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let key = parts[0].trimmingCharacters(in: .whitespacesAndNewlines)
                let value = parts[1].trimmingCharacters(in: .whitespacesAndNewlines)
                if key.hasPrefix("--") { out[key] = value }
            }
            return out
        }
        func luminance(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16)!
            func channel(_ shift: Int) -> Double {
                let c = Double((v >> shift) & 0xFF) / 255
                return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        }
        func contrast(_ a: String, _ b: String) -> Double {
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        for mode in [":root {", "prefers-color-scheme: dark) {\n  :root {"] {
            let base = variables(reportCSS, after: mode)
            let hl = variables(presentationCSS, after: mode == ":root {" ? ":root {" : "prefers-color-scheme: dark) {\n  :root {")
            let colours = hl.filter { $0.key.hasPrefix("--hl-") }
            #expect(colours.count == 6)
            for bg in ["--code-bg", "--bad-bg", "--warn-bg"] {
                for (name, colour) in colours {
                    let ratio = contrast(colour, base[bg]!)
                    #expect(ratio >= 4.5, "\(mode) \(name) \(colour) on \(bg) \(base[bg]!): \(ratio)")
                }
            }
        }
    }
}
