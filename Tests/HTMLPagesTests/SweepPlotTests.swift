import Testing
import Foundation
import Notebook
import Outcome
import Records
@testable import HTMLPages

/// The band, sensitivity and heatmap SVGs: escaping, geometry inside the
/// viewBox, divergence shown as such, tooltips and the best cell.
@Suite struct SweepPlotTests {
    /// Every geometry value is plain numbers and path commands.
    func clean(_ svg: String) -> Bool {
        let allowed = Set("0123456789.- MLlmhVHZ%")
        return svgGeometryValues(svg).allSatisfy { $0.allSatisfy(allowed.contains) }
    }

    /// The x and y coordinates of every path point, rect and text, which
    /// must lie inside the viewBox `0 0 W H`.
    func insideViewBox(_ svg: String) -> Bool {
        // Rotated axis titles have negative x by construction: leave them out.
        let svg = svg.components(separatedBy: "<").filter { !$0.hasPrefix("text transform=\"rotate(-90)\"") }
            .joined(separator: "<")
        guard let vb = svgGeometryValues(svg).first(where: { $0.hasPrefix("0 0 ") }) else { return false }
        let wh = vb.split(separator: " ").compactMap { Double($0) }
        let (W, H) = (wh[2], wh[3])
        func attribute(_ name: String) -> [Double] {
            var out: [Double] = []
            var rest = Substring(svg)
            while let r = rest.range(of: " \(name)=\"") {
                let after = rest[r.upperBound...]
                guard let q = after.firstIndex(of: "\"") else { break }
                if let v = Double(after[..<q]) { out.append(v) }
                rest = after[q...]
            }
            return out
        }
        let xs = attribute("x") + attribute("cx") + attribute("x1") + attribute("x2")
        let ys = attribute("y") + attribute("cy") + attribute("y1") + attribute("y2")
        return xs.allSatisfy { $0 >= 0 && $0 <= W } && ys.allSatisfy { $0 >= 0 && $0 <= H }
    }

    static let hostile = "<b>\"Adam\" & 'co'</b>"

    func sensitivity() -> SweepPlot {
        SweepPlot(name: "sens", title: "Loss vs η " + Self.hostile, kind: .sensitivity, xLabel: "lr", yLabel: "loss",
                  xScale: .log, yScale: .log, bandLabel: "median and min–max over 5 seeds",
                  lines: [
                      BandLine(label: Self.hostile, x: [0.001, 0.01, 0.1, 1], median: [0.5, 0.2, 0.4, .infinity],
                               lower: [0.4, 0.1, 0.3, 2], upper: [0.6, 0.3, .infinity, .infinity],
                               diverged: [0, 0, 1, 5], runs: 5),
                      BandLine(label: "Adam", x: [0.001, 0.01, 0.1, 1], median: [0.3, 0.25, 0.2, 0.22],
                               lower: [0.2, 0.2, 0.1, 0.2], upper: [0.4, 0.3, 0.3, 0.3],
                               diverged: [0, 0, 0, 0], runs: 5),
                  ])
    }

    @Test func sensitivityShowsDivergenceAsDivergedNotAsAGap() {
        let svg = renderBandSVG(sensitivity(), id: "f1")
        #expect(clean(svg) && insideViewBox(svg))
        #expect(tagBalanceProblems(svg).isEmpty)
        #expect(!svg.contains(Self.hostile) && svg.contains("&lt;b&gt;") && svg.contains("&amp; 'co'"))
        // The diverged row, its label and the legend entry.
        #expect(svg.contains("class=\"diverged-row\"") && svg.contains(">diverged</text>"))
        // One ✕ for the diverged median at η = 1, with a tooltip saying so.
        #expect(count("class=\"diverged-mark s1\"", in: svg) == 1)
        #expect(svg.contains("lr 1: median diverged, band 2–diverged; 5 of 5 runs diverged"))
        // The median line is one unbroken path through the diverged point: a single M.
        let d = firstSeriesPath(svg)
        #expect(d.map { count("M", in: $0) } == 1 && d.map { count("L", in: $0) } == 3)
        // Every finite grid point is a marker with its own tooltip.
        // Tooltips: 7 markers and the ✕ (the SVG's own title has an id).
        #expect(count("<circle", in: svg) == 7 && count("<title>", in: svg) == 8, "\(count("<title>", in: svg))")
        #expect(svg.contains("aria-labelledby=\"f1-title f1-desc\""))
        #expect(svg.contains("median and min–max over 5 seeds"))
    }

    @Test func bandPlotDrawsABandPerLineAndNoDivergedRowWhenNothingDiverged() {
        let steps = 600
        let line = BandLine(label: "SGD", x: (0..<steps).map(Double.init), median: (0..<steps).map { 1 / Double($0 + 1) },
                            lower: (0..<steps).map { 0.5 / Double($0 + 1) }, upper: (0..<steps).map { 2 / Double($0 + 1) },
                            diverged: Array(repeating: 0, count: steps), runs: 10)
        let plot = SweepPlot(name: "b", title: "curves", kind: .band, xLabel: "step", yLabel: "loss", yScale: .log,
                             bandLabel: "median and min–max over 10 seeds", lines: [line])
        let svg = renderBandSVG(plot)
        #expect(clean(svg) && insideViewBox(svg) && tagBalanceProblems(svg).isEmpty)
        #expect(!svg.contains("diverged-row") && !svg.contains("diverged-mark"))
        // One closed band outline, thinned to 400 points each way.
        #expect(count("class=\"f1\"", in: svg) == 1 && svg.contains("Z\""))
        let d = firstSeriesPath(svg) ?? ""
        #expect(count("L", in: d) == 399)
    }

    func heatmap(_ values: [[Double]]) -> SweepPlot {
        SweepPlot(name: "h", title: "grid", kind: .heatmap, xLabel: "lr", yLabel: "wd " + Self.hostile,
                  bandLabel: "median loss over 3 seeds",
                  heatmap: HeatmapGrid(columns: ["0.001", "0.01", "0.1"], rows: ["0", "0.1"], values: values,
                                       colorScale: .log, lowerIsBetter: true))
    }

    @Test func heatmapMarksTheBestCellAndTitlesEveryCell() throws {
        let svg = renderHeatmapSVG(heatmap([[0.5, 0.2, .nan], [0.3, 0.1, 0.9]]), id: "f2")
        #expect(clean(svg) && insideViewBox(svg) && tagBalanceProblems(svg).isEmpty)
        #expect(!svg.contains(Self.hostile))
        // Six cells, each with a <title>; the best (0.1 at wd 0.1, lr 0.01) says so.
        #expect(count("<rect x=", in: svg) + count("<rect class=\"diverged\"", in: svg) >= 6)
        #expect(svg.contains("lr 0.01: 0.1 (best)</title>"))
        #expect(count("(best)", in: svg) == 1)
        #expect(svg.contains("lr 0.1: diverged (NaN)") || svg.contains("lr 0.1: diverged (nan)"))
        #expect(count("class=\"diverged\"", in: svg) == 1)
        // The best cell's outline sits on the top row's middle cell (row 0.1 is drawn on top).
        let best = try #require(svg.range(of: "<g class=\"best\""))
        #expect(svg[best.upperBound...].contains("stroke-dasharray=\"4 2\""))
        // Colours: viridis ends for the lowest and highest finite cells; print keeps them.
        #expect(svg.contains("fill=\"#440154\"") && svg.contains("fill=\"#fde725\""))
        #expect(svg.contains("print-color-adjust: exact"))
        #expect(svg.contains("lower is better"))
    }

    @Test func viridisIsMonotoneInLuminance() {
        let l = (0...20).map { k -> Double in
            let c = Viridis.colour(Double(k) / 20)
            return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b
        }
        #expect(zip(l, l.dropFirst()).allSatisfy { $0 < $1 }, "readable in greyscale: \(l)")
    }

    @Test func consecutiveHeatmapsShareOneRow() {
        let records: [Record] = [.sweepPlot(sensitivity()), .sweepPlot(heatmap([[0.5, 0.2, 0.1], [0.3, 0.1, 0.9]])),
                                 .sweepPlot(heatmap([[0.4, 0.2, 0.1], [0.3, 0.1, 0.9]])), .sweepPlot(sensitivity()),
                                 .sweepPlot(heatmap([[0.4, 0.2, 0.1], [0.3, 0.1, 0.9]]))]
        let outcome = NotebookOutcome(blocks: [BlockOutcome(index: 0, id: "b", status: .ok, records: records)])
        let html = renderReport(document([experiment(0, "b", line: 1)]), outcome: outcome, options: ReportOptions())
        #expect(tagBalanceProblems(html).isEmpty)
        // One row, holding the two adjacent heatmaps; the lone third heatmap stays outside.
        #expect(count("<div class=\"figure-row\">", in: html) == 1)
        let row = html.components(separatedBy: "<div class=\"figure-row\">")[1].components(separatedBy: "</div>")[0]
        #expect(count("class=\"plot heatmap\"", in: row) == 2)
        #expect(count("class=\"plot heatmap\"", in: html) == 3)
    }

    @Test func sweepTableAndFiguresAppearInTheReportAndAreEscaped() {
        let table = SweepTable(name: "grid", title: "", axes: [SweepAxisRecord(name: "lr", labels: ["0.1", "1"]),
                                                             SweepAxisRecord(name: "opt", labels: [Self.hostile])],
                               metrics: ["loss"], values: [[0.5], [.nan]])
        let outcome = NotebookOutcome(blocks: [BlockOutcome(index: 0, id: "b", status: .ok,
                                                            records: [.sweep(table), .sweepPlot(sensitivity())])])
        let html = renderReport(document([experiment(0, "b", line: 1)]), outcome: outcome, options: ReportOptions())
        #expect(tagBalanceProblems(html).isEmpty)
        #expect(!html.contains(Self.hostile))
        #expect(html.contains("2 lr × 1 opt = 2 points; metrics: loss; 1 point diverged"))
        #expect(html.contains("<details class=\"sweep\">") && html.contains("id=\"cell:b-fig1-title\""))
    }
}
