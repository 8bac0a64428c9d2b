import Testing
import Foundation
import Notebook
import Outcome
import Records
@testable import HTMLPages

@Suite struct PageTests {
    let html = renderReport(Sample.document, outcome: Sample.outcome, options: Sample.options)

    @Test func tagCheckerCatchesMistakes() {
        #expect(tagBalanceProblems("<div><p>x</div>") == ["</div> closes <p>"])
        #expect(tagBalanceProblems("<div>") == ["unclosed: div"])
        #expect(tagBalanceProblems("a < b") == ["unterminated tag at byte 2"])
        #expect(tagBalanceProblems("a < b >") == ["stray '<' before byte 6"])
        #expect(tagBalanceProblems("<p>a<br>b<img src=\"x\"><svg><path d=\"M0 0\"/></svg></p><!-- <x> -->").isEmpty)
    }

    @Test func fullReportIsBalanced() {
        #expect(tagBalanceProblems(html) == [])
        #expect(tagBalanceProblems(renderReport(Sample.document, outcome: nil, options: Sample.options)) == [])
    }

    @Test func selfContainedHTML5() {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<title>Adam, by the book</title>"))
        for forbidden in ["<script", "<link", "@import", "url(", "<iframe", "@font-face"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("prefers-color-scheme: dark"))
        #expect(html.contains("@media print"))
        #expect(html.contains("tabular-nums"))
        // The only external reference is the author's own image.
        #expect(html.contains("<img src=\"figs/loss.png\" alt=\"a loss curve\">"))
    }

    @Test func titleTocAndBackLink() throws {
        // The title heading appears once, as the page's h1.
        #expect(count("<h1", in: html) == 1)
        #expect(html.contains("<a href=\"index.html\">← All reports</a>"))
        #expect(html.contains("<nav class=\"toc\""))
        #expect(html.contains("<li><a href=\"#setup\">Setup</a></li>"))
        #expect(html.contains("<li><a href=\"#library-vs-manual\">Library vs manual</a><ol><li><a href=\"#a-trajectory\">A trajectory</a></li></ol></li>"))
        #expect(html.contains("<h2 id=\"setup\">Setup <a class=\"anchor\" href=\"#setup\""))
        let toc = try #require(html.range(of: "<nav class=\"toc\""))
        let main = try #require(html.range(of: "<main>"))
        #expect(toc.lowerBound < main.lowerBound)
    }

    @Test func proseElements() {
        #expect(html.contains("<code>Adam</code>"))
        #expect(html.contains("<em>hand-written</em>"))
        #expect(html.contains("<strong>Bit-exact</strong>"))
        #expect(html.contains("<a href=\"https://arxiv.org/abs/1412.6980\" title=\"Kingma &amp; Ba\">the paper</a>"))
        #expect(html.contains("<ol start=\"3\">"))
        #expect(html.contains("<li>MSE loss</li>"))
        #expect(html.contains("<pre><code class=\"language-python\">"))
        #expect(html.contains("<blockquote>"))
        #expect(html.contains("<hr>"))
        #expect(!html.contains("<div>raw</div>"))
    }

    @Test func footerHoldsTheGenerationNoteAndTheTimings() {
        #expect(html.contains("<footer class=\"generation\">\n<p>optnb 0.1 · Swift 6.3.1 · x86_64-linux</p>\n"))
        // The sample's comparison has two timings; without a note the footer
        // still lists them, and they appear nowhere else.
        let plain = renderReport(Sample.document, outcome: Sample.outcome, options: ReportOptions())
        let footer = plain.range(of: "<footer").map { plain[$0.lowerBound...] } ?? ""
        #expect(footer.contains("<li id=\"optnb:timing-1\">"))
        #expect(!footer.contains("optnb 0.1"))
    }

    @Test func deterministic() {
        let again = renderReport(Sample.document, outcome: Sample.outcome, options: Sample.options)
        #expect(again == html)
        // Through a JSON round trip of the outcome, as the cache stores it.
        let data = try! Record.encoder().encode(Sample.outcome)
        let decoded = try! Record.decoder().decode(NotebookOutcome.self, from: data)
        #expect(renderReport(Sample.document, outcome: decoded, options: Sample.options) == html)
    }

    @Test func svgIdsAreUnique() {
        var ids: [String] = []
        var rest = Substring(html)
        while let r = rest.range(of: " id=\"") {
            let tail = rest[r.upperBound...]
            let end = tail.firstIndex(of: "\"")!
            ids.append(String(tail[..<end]))
            rest = tail[end...]
        }
        #expect(ids.count == Set(ids).count, "\(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        #expect(geometryIsClean(html))
    }

    @Test func summaryLine() {
        // One of the two unrun blocks is eval=false: shown on purpose, not skipped.
        #expect(html.contains("7 experiment blocks: 4 ran, 1 failed, 1 not run, 1 shown without running · 1 of 2 expectations passed"))
        #expect(html.contains("class=\"summary status-failed\""))
        #expect(reportSummary(Sample.document, outcome: nil) == "7 experiment blocks, not evaluated: code only.")
    }
}
