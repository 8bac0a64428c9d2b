import Testing
import Foundation
import Records
@testable import HTMLPages

@Suite struct TableTests {
    func html(_ body: (inout HTMLWriter) -> Void) -> String {
        var h = HTMLWriter()
        body(&h)
        return h.output
    }

    @Test func alignmentAndTimingClasses() {
        let table = Table(name: "results", columns: ["optimizer", "loss", "ms/step"],
                          rows: [[.text("adam"), .number(0.5), .number(1.2)],
                                 [.text("sgd"), .number(.nan), .number(3)]],
                          volatileColumns: ["ms/step"])
        let out = html { writeTable(table, into: &$0) }
        #expect(out.contains("<caption>results</caption>"))
        #expect(out.contains("<th scope=\"col\" class=\"text\">optimizer</th>"))
        #expect(out.contains("<th scope=\"col\" class=\"num\">loss</th>"))
        #expect(out.contains("<th scope=\"col\" class=\"num timing\">ms/step</th>"))
        // Timings are references to the footer, never printed in place.
        #expect(out.contains("<td class=\"text\">adam</td><td class=\"num\">0.5</td><td class=\"num timing\"><a class=\"timing\" href=\"#optnb:timing-1\""))
        #expect(!out.contains(">1.2<"))
        #expect(out.contains("<td class=\"num nonfinite\">NaN</td>"))
        #expect(out.contains("column “loss” of table “results” has 1 NaN value at row 2"))
        #expect(tagBalanceProblems(out).isEmpty)
    }

    @Test func numbersUseTheReportFormat() {
        let table = Table(name: "t", columns: ["x"], rows: [[.number(0.000012345)], [.number(1234.5678)], [.number(-0.0)]])
        let out = html { writeTable(table, into: &$0) }
        #expect(out.contains(">1.2345e-05<") && out.contains(">1234.57<") && out.contains(">0<"))
        #expect(!out.contains("timing"))
    }

    @Test func raggedRowsArePadded() {
        let table = Table(name: "t", columns: ["a", "b"], rows: [[.text("x")], [.text("y"), .number(1), .number(2)]])
        let out = html { writeTable(table, into: &$0) }
        // Three columns wide; the short row gets two empty cells.
        #expect(count("<th ", in: out) == 3)
        #expect(count("<td class=\"text\"></td>", in: out) == 2)
        #expect(tagBalanceProblems(out).isEmpty)
    }

    @Test func timingsGoToTheFooterSoTwoRendersDifferOnlyThere() {
        var h = HTMLWriter()
        writeScalars([ScalarValue(name: "seconds", value: 0.25, volatile: true)], into: &h)
        writeFooter(ReportOptions(generationNote: "note"), volatile: h.volatileValues, into: &h)
        let out = h.output
        let body = out[..<out.range(of: "<footer")!.lowerBound]
        #expect(!body.contains("0.25"))
        #expect(body.contains("href=\"#optnb:timing-1\""))
        #expect(out.contains("<li id=\"optnb:timing-1\">seconds: 0.25 s</li>"))
    }

    @Test func scalarsShowNameValueAndFlags() {
        let out = html {
            writeScalars([ScalarValue(name: "final loss", value: 0.0123456789),
                          ScalarValue(name: "seconds", value: 0.25, volatile: true),
                          ScalarValue(name: "grad norm", value: -.infinity)], into: &$0)
        }
        #expect(out.contains("<th scope=\"row\" class=\"text\">final loss</th><td class=\"num\">0.0123457</td>"))
        #expect(out.contains("<td class=\"num timing\"><a class=\"timing\" href=\"#optnb:timing-1\""))
        #expect(out.contains("<td class=\"num nonfinite\">-∞</td>"))
        #expect(out.contains("scalar “grad norm” is -∞"))
    }
}

/// Wide tables scroll inside their figure; nothing widens the page.
@Suite struct TableLayoutTests {
    /// The declarations of the first rule in the report's CSS whose selector is `selector`.
    func rule(_ selector: String) -> String? {
        guard let start = reportCSS.range(of: "\n" + selector + " {") else { return nil }
        let body = reportCSS[start.upperBound...]
        return body.range(of: "}").map { String(body[..<$0.lowerBound]) }
    }

    @Test func aWideTableScrollsInsideItsFigure() throws {
        let columns = ["optimizer"] + (1...14).map { "η = \(formatNumber(Double($0) * 0.001))" }
            + ["steps to reach loss ≤ 0.02 (not reached: —)"]
        let table = Table(name: "grid", columns: columns,
                          rows: [[.text("SGD")] + (1...15).map { .number(Double($0) / 7e3) }])
        var h = HTMLWriter()
        writeTable(table, into: &h)
        let out = h.output
        #expect(out.hasPrefix("<figure class=\"table-figure\"><div class=\"table-scroll\"><table class=\"data\">"))
        #expect(out.contains("</table></div>"))
        // Six significant digits stay.
        #expect(out.contains(">0.000142857<"))
        // Short headers stay on one line; only the long one may wrap.
        #expect(out.contains("<th scope=\"col\" class=\"num\">η = 0.001</th>"))
        #expect(out.contains("<th scope=\"col\" class=\"num long\">steps to reach loss ≤ 0.02 (not reached: —)</th>"))
        #expect(count(" long\"", in: out) == 1)
        // Text cells likewise: short ones stay whole, long ones may wrap.
        var rows = HTMLWriter()
        writeTable(Table(name: "t", columns: ["feature", "note"],
                         rows: [[.text("always on"), .text("a note long enough to be worth wrapping")]]), into: &rows)
        #expect(rows.output.contains("<td class=\"text\">always on</td><td class=\"text long\">a note long"))
    }

    @Test func scalarsScrollToo() {
        var h = HTMLWriter()
        writeScalars([ScalarValue(name: String(repeating: "long name ", count: 20), value: 0.000357424)], into: &h)
        #expect(h.output.hasPrefix("<div class=\"table-scroll\"><table class=\"scalars\">"))
        #expect(tagBalanceProblems(h.output).isEmpty)
    }

    @Test func cssKeepsOverflowInsideItsBox() throws {
        let scroll = try #require(rule(".table-scroll"))
        #expect(scroll.contains("overflow-x: auto"))
        #expect(try #require(rule("pre")).contains("overflow-x: auto"))
        #expect(try #require(rule("body")).contains("overflow-wrap: break-word"))
        #expect(try #require(rule(".expectations .detail")).contains("overflow-wrap: anywhere"))
        #expect(try #require(rule("thead th")).contains("white-space: nowrap"))
        #expect(try #require(rule("thead th.long")).contains("white-space: normal"))
        #expect(try #require(rule("td.text")).contains("white-space: nowrap"))
        #expect(try #require(rule("td.text.long")).contains("white-space: normal"))
        // Scroll shades use theme colours only: nothing fetched.
        #expect(scroll.contains("var(--bg)") && scroll.contains("var(--shade)") && !scroll.contains("url("))
    }
}

@Suite struct ComparisonTests {
    func comparison(diff: [Double], threshold: Double? = 0.1) -> Comparison {
        Comparison(name: "adam", title: "Adam vs manual", libraryLabel: "Adam(lr: 0.1)", manualLabel: "adamStep",
                   steps: 3, libraryLoss: [1, 0.5, 0.1, 0.05], manualLoss: [1, 0.6, 0.3, 0.2],
                   maxAbsDifference: diff, lossThreshold: threshold,
                   librarySecondsPerStep: 2e-6, manualSecondsPerStep: 3.5e-6)
    }

    func html(_ c: Comparison) -> String {
        var h = HTMLWriter()
        writeComparison(c, id: "cmp", into: &h)
        return h.output
    }

    /// The text of each `<td>` in the row whose header is `name`.
    func row(_ name: String, in html: String) -> [String] {
        guard let start = html.range(of: ">\(name)</th>"),
              let end = html[start.upperBound...].range(of: "</tr>") else { return [] }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "</td>").dropLast().map(stripTags)
    }

    func stripTags(_ s: String) -> String {
        var out = "", inTag = false
        for c in s {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        return out
    }

    @Test func lossPlotFalseLeavesTheDivergencePlotAndTable() {
        var c = comparison(diff: [0, 1e-8, 2e-7])
        c.lossPlot = false
        let out = html(c)
        #expect(count("<svg", in: out) == 1)
        #expect(!out.contains("id=\"cmp-loss") && out.contains("id=\"cmp-divergence-title\""))
        #expect(count("<table", in: out) == 1)
    }

    @Test func twoPlotsAndATable() {
        let out = html(comparison(diff: [0, 1e-8, 2e-7]))
        #expect(count("<svg", in: out) == 2)
        #expect(count("<table", in: out) == 1)
        #expect(out.contains("id=\"cmp-loss-title\"") && out.contains("id=\"cmp-divergence-title\""))
        // Loss plot: both curves, labelled.
        #expect(out.contains(">Adam(lr: 0.1)</text>") && out.contains(">adamStep</text>"))
        #expect(row("final loss", in: out) == ["0.05", "0.2"])
        // Library reaches 0.1 after 2 steps; manual never does.
        #expect(row("steps to reach loss ≤ 0.1", in: out) == ["2", "—"])
        #expect(out.contains("adamStep never reached loss ≤ 0.1"))
        #expect(row("max |Δθ| over the run", in: out) == ["2e-07"])
        #expect(row("mean time per step", in: out) == ["timing ↓1", "timing ↓2"])
        #expect(out.contains("class=\"num timing\""))
        #expect(out.contains("1 of 3 steps exactly equal"))
        #expect(geometryIsClean(out))
        #expect(tagBalanceProblems(out).isEmpty)
    }

    @Test func allZeroDivergenceSaysExactlyEqual() {
        let out = html(comparison(diff: [0, 0, 0], threshold: nil))
        #expect(out.contains("exactly equal: 0 at every step"))
        #expect(out.contains("Exactly equal at every step"))
        #expect(row("steps to reach a loss threshold", in: out) == ["—", "—"])
        #expect(geometryIsClean(out))
        // Drawn at the floor 1e-16, a decade tick of its own axis.
        #expect(out.contains(">1e-16<"))
    }

    @Test func divergenceFloorIsADecadeBelowTheSmallest() {
        let (plot, caption) = divergencePlot(comparison(diff: [0, 2e-7, 3e-6]))
        #expect(plot.series[0].y == [1e-8, 2e-7, 3e-6])
        #expect(plot.series[0].x == [1, 2, 3])
        #expect(caption.contains("floor 1e-08"))
        #expect(plot.axes.yScale == .log)
    }

    @Test func nanDivergenceIsFlagged() {
        let out = html(comparison(diff: [0, .nan, .nan]))
        #expect(row("max |Δθ| over the run", in: out) == ["NaN"])
        #expect(out.contains("has 2 NaN values from step 2"))
        #expect(geometryIsClean(out))
    }

    @Test func stepsToReachCountsStepsUntilThreshold() {
        #expect(stepsToReach([1, 0.5, 0.1], threshold: 0.1) == 2)
        #expect(stepsToReach([1, 0.5, 0.1], threshold: nil) == nil)
        #expect(stepsToReach([1, .nan, 0.05], threshold: 0.1) == 2)
        #expect(stepsToReach([1, 2], threshold: 0.5) == nil)
        #expect(stepsToReach([0.01], threshold: 0.1) == 0)
    }
}
