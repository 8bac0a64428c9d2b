import Testing
import Outcome
import Records
@testable import HTMLPages

@Suite struct IndexTests {
    let entries = [
        IndexEntry(title: "Adam <fast>", summary: "3 experiment blocks: 3 ran", href: "adam.html",
                   sparkline: [1, 0.5, .nan, 0.1, 0.01, 0.001]),
        IndexEntry(title: "Evil", summary: "x & y", href: "javascript:alert(1)"),
    ]

    @Test func listsEveryReportWithSummaryAndSparkline() {
        let html = renderIndex(entries, title: "Reports", options: ReportOptions(generationNote: "optnb 0.1"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>Reports</h1>"))
        #expect(html.contains("<a href=\"adam.html\">Adam &lt;fast&gt;</a><p>3 experiment blocks: 3 ran</p>"))
        #expect(html.contains("<p>x &amp; y</p>"))
        #expect(!html.lowercased().contains("javascript:"))
        #expect(count("<svg", in: html) == 1)
        #expect(html.contains("class=\"spark\""))
        // 1 → 0.001 spans three decades: drawn on a log scale.
        #expect(html.contains("Loss of Adam &lt;fast&gt;: from 1 to 0.001 over 6 points (log scale)"))
        #expect(geometryIsClean(html))
        #expect(html.contains("<footer class=\"generation\">\n<p>optnb 0.1</p>\n</footer>"))
        #expect(tagBalanceProblems(html) == [])
        #expect(!html.contains("<script"))
    }

    @Test func deterministic() {
        #expect(renderIndex(entries, title: "R", options: ReportOptions()) == renderIndex(entries, title: "R", options: ReportOptions()))
    }

    @Test func sparklineOfEmptyOrNonFiniteSeries() {
        for values in [[], [Double.nan, .infinity], [2.0]] {
            let svg = renderSparklineSVG(values, label: "s")
            #expect(geometryIsClean(svg), "\(values)")
            #expect(tagBalanceProblems(svg) == [])
        }
    }

    @Test func sparklineSeriesComesFromTheFirstComparisonOrLossPlot() {
        let plot = Record.plot(Plot(name: "p", title: "Training", yLabel: "loss", series: [Series(label: "a", y: [3, 2])]))
        let other = Record.plot(Plot(name: "q", title: "Accuracy", series: [Series(label: "acc", y: [0.1, 0.9])]))
        let cmp = Record.comparison(Comparison(name: "c", title: "c", libraryLabel: "A", manualLabel: "B", steps: 1,
                                               libraryLoss: [5, 4], manualLoss: [5, 4], maxAbsDifference: [0],
                                               lossThreshold: nil, librarySecondsPerStep: 0, manualSecondsPerStep: 0))
        func outcome(_ r: [Record]) -> NotebookOutcome {
            NotebookOutcome(blocks: [BlockOutcome(index: 0, id: "b", status: .ok, records: r)])
        }
        #expect(indexSparkline(from: outcome([other, plot, cmp])) == [5, 4])
        #expect(indexSparkline(from: outcome([other, plot])) == [3, 2])
        #expect(indexSparkline(from: outcome([other])) == nil)
    }
}
