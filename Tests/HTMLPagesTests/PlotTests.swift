import Testing
import Foundation
import Notebook
import Outcome
import Records
@testable import HTMLPages
import TestSupport

@Suite struct PlotTests {
    @Test func nonFiniteValuesAreFlaggedAndSkipped() throws {
        var y = (0..<60).map { 1.0 / Double($0 + 1) }
        for i in [17, 18, 19, 40] { y[i] = .nan }
        y[50] = .infinity
        let plot = Plot(name: "loss", title: "Loss", yLabel: "loss", series: [Series(label: "loss", y: y)])
        #expect(plotWarnings(plot) == ["series “loss” has 4 NaN values from step 17 and 1 +∞ value at step 50"])

        let svg = renderPlotSVG(plot)
        #expect(geometryIsClean(svg))
        // Breaks at 17–19, 40 and 50: four runs of finite points.
        let d = try #require(firstSeriesPath(svg))
        #expect(count("M", in: d) == 4)

        let outcome = NotebookOutcome(blocks: [BlockOutcome(index: 0, id: "b", status: .ok, records: [.plot(plot)])])
        let html = renderReport(document([experiment(0, "b", line: 1)]), outcome: outcome, options: ReportOptions())
        #expect(html.contains("class=\"warning\""))
        #expect(html.contains("series “loss” has 4 NaN values from step 17"))
    }

    @Test func explicitXNamesThePoint() {
        let s = Series(label: "a", x: [0, 10, 20], y: [1, .nan, 3])
        #expect(seriesWarnings(s, xLabel: "epoch", xScale: .linear, yScale: .linear)
            == ["series “a” has 1 NaN value at epoch 10"])
        let ragged = Series(label: "r", x: [0, 1], y: [1, 2, 3])
        #expect(seriesWarnings(ragged, xLabel: "step", xScale: .linear, yScale: .linear)
            == ["series “r” has 2 x values but 3 y values; only the first 2 points are drawn"])
        #expect(geometryIsClean(renderPlotSVG(Plot(name: "r", title: "r", series: [ragged]))))
    }

    @Test func logScaleSkipsZerosAndNegatives() throws {
        let plot = Plot(name: "p", title: "p", yScale: .log,
                        series: [Series(label: "s", y: [1, 0, -2, 10, 100])])
        #expect(plotWarnings(plot) == ["series “s” has 2 y values ≤ 0 from step 1, not shown on the log scale"])
        let svg = renderPlotSVG(plot)
        #expect(geometryIsClean(svg))
        // Point 0 alone (a dot), then 3…4.
        let d = try #require(firstSeriesPath(svg))
        #expect(count("M", in: d) == 2)
        #expect(d.contains("h0"))
        // Decade labels of the drawn range 1…100.
        #expect(svg.contains(">1<") && svg.contains(">10<") && svg.contains(">100<"))
    }

    @Test func logScaleWithNothingPositive() {
        let plot = Plot(name: "p", title: "p", yScale: .log, series: [Series(label: "s", y: [0, 0, -1])])
        let svg = renderPlotSVG(plot)
        #expect(geometryIsClean(svg))
        #expect(svg.contains("no drawable values"))
    }

    @Test func constantAndSinglePointSeries() throws {
        for y in [[2.5, 2.5, 2.5], [7.0], [0.0, 0.0]] {
            let svg = renderPlotSVG(Plot(name: "c", title: "c", series: [Series(label: "c", y: y)]))
            #expect(geometryIsClean(svg), "\(y)")
            let d = try #require(firstSeriesPath(svg))
            #expect(!d.isEmpty)
        }
        let one = renderPlotSVG(Plot(name: "c", title: "c", series: [Series(label: "c", y: [7])]))
        #expect(firstSeriesPath(one)?.hasSuffix("h0") == true)
    }

    @Test func extremeMagnitudesStayFinite() {
        for y in [[1e308, -1e308, 1e-308], [.greatestFiniteMagnitude, 0], [-Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude], [1, 1 + 1e-15]] {
            for scale in [AxisScale.linear, .log] {
                let svg = renderPlotSVG(Plot(name: "x", title: "x", yScale: scale, series: [Series(label: "s", y: y)]))
                #expect(geometryIsClean(svg), "\(y) \(scale)")
            }
        }
    }

    @Test func thinningKeepsTheSpikeAndBoundsSize() {
        var y = [Double](repeating: 0, count: 100_000)
        y[54_321] = 1e6
        let kept = thinnedIndices(x: nil, y: y, count: y.count)
        #expect(kept.contains(54_321))
        #expect(kept.count <= 3_500)
        #expect(kept.first == 0 && kept.last == 99_999)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 })
        #expect(kept.map { y[$0] }.max() == 1e6)

        let svg = renderPlotSVG(Plot(name: "spike", title: "spike", series: [Series(label: "s", y: y)]))
        #expect(svg.utf8.count < 100_000, "\(svg.utf8.count) bytes")
        // The spike sets the top of the axis.
        #expect(svg.contains(">1e+06<"))
        #expect(geometryIsClean(svg))
    }

    @Test func thinningKeepsShortSeriesAndNaNGaps() {
        let short = [Double](repeating: 1, count: 1_000)
        #expect(thinnedIndices(x: nil, y: short, count: 1_000) == Array(0..<1_000))
        var long = (0..<5_000).map(Double.init)
        long[2_500] = .nan
        #expect(thinnedIndices(x: nil, y: long, count: 5_000).contains(2_500))
    }

    @Test func trajectoryHasEqualAspectMarkersAndContours() throws {
        // Two units right, then one unit up.
        let plot = Plot(name: "t", title: "path", kind: .trajectory, xLabel: "θ₁", yLabel: "θ₂",
                        series: [Series(label: "adam", x: [0, 2, 2], y: [0, 0, 1])],
                        contours: [Series(label: "0.5", x: [-1, 3, 3, -1, -1], y: [-1, -1, 2, 2, -1])])
        let svg = renderPlotSVG(plot)
        let d = try #require(firstSeriesPath(svg))
        let nums = d.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
        #expect(nums.count == 6)
        let dx = abs(nums[2] - nums[0]), dy = abs(nums[5] - nums[3])
        #expect(abs(dx - 2 * dy) <= 0.035, "dx \(dx) dy \(dy)")
        #expect(svg.contains("<circle class=\"start s1\""))
        #expect(svg.contains("<rect class=\"end f1\""))
        #expect(svg.contains("class=\"contours\""))
        #expect(svg.contains("from (0, 0) to (2, 1)"))
    }

    @Test func accessibleAndThemed() {
        let plot = Plot(name: "loss curve", title: "Loss <all>", yLabel: "loss",
                        series: [Series(label: "adam", y: [0.9, 0.5, 0.1]), Series(label: "sgd", y: [0.9, 0.8, 0.7])])
        let svg = renderPlotSVG(plot, id: "fig1")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"fig1-title fig1-desc\""))
        #expect(svg.contains("<title id=\"fig1-title\">Loss &lt;all&gt;</title>"))
        #expect(svg.contains("adam: 3 points, first 0.9 at step 0, last 0.1 at step 2."))
        #expect(svg.contains("viewBox=\"0 0 640 360\"") && svg.contains("width=\"100%\""))
        // Told apart by colour class and by dash pattern.
        #expect(svg.contains("class=\"s1\"") && svg.contains("class=\"s2\""))
        #expect(svg.contains("stroke-dasharray=\"7 3\""))
        #expect(!svg.contains("#0072b2"))
        // Default id comes from the name, made safe for id lists.
        #expect(renderPlotSVG(plot).contains("aria-labelledby=\"plot-loss-curve-title plot-loss-curve-desc\""))
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(svgNumber(1.23456) == "1.23")
        #expect(svgNumber(-0.004) == "0")
        #expect(svgNumber(-0.005) == "-0.01")
        #expect(svgNumber(10.5) == "10.5")
        #expect(svgNumber(3.07) == "3.07")
        #expect(svgNumber(.nan) == "0")
        #expect(svgNumber(1e300) == "10000000")
        let svg = renderPlotSVG(Plot(name: "p", title: "p", series: [Series(label: "s", y: (0..<50).map { sin(Double($0) / 7) })]))
        for v in svgGeometryValues(svg) {
            for part in v.split(whereSeparator: { " MLhVH".contains($0) }) {
                let decimals = part.split(separator: ".").dropFirst().first?.count ?? 0
                #expect(decimals <= 2, "\(part)")
            }
        }
    }
}

/// Property: whatever numbers come in, the SVG has only plain coordinates
/// and balanced tags. Inputs come from a fixed-seed SplitMix64 stream.
@Suite struct PlotPropertyTests {
    @Test func anyValuesGiveCleanSVG() {
        var rng = SplitMix64(seed: 42)
        let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e308, -1e308, Double.leastNonzeroMagnitude, 1e-300, 1, -1]
        for trial in 0..<200 {
            func value() -> Double {
                rng.next() % 4 == 0 ? rng.pick(specials)
                    : Double(Int64(bitPattern: rng.next() % 2_000_001) - 1_000_000) * pow(10, Double(Int(rng.next() % 40)) - 20) / 1e6
            }
            let count = rng.pick([0, 1, 2, 3, 17, 1_500])
            let series = (0..<Int(rng.next() % 3 + 1)).map { i in
                Series(label: "s\(i)", x: rng.next() % 2 == 0 ? nil : (0..<count).map { _ in value() },
                       y: (0..<count).map { _ in value() })
            }
            let plot = Plot(name: "p\(trial)", title: "p", kind: rng.pick([.lines, .trajectory]),
                            xScale: rng.pick([.linear, .log]), yScale: rng.pick([.linear, .log]),
                            series: series, contours: rng.next() % 3 == 0 ? [series[0]] : [])
            let svg = renderPlotSVG(plot)
            #expect(geometryIsClean(svg), "trial \(trial)")
            #expect(tagBalanceProblems(svg) == [], "trial \(trial)")
        }
    }
}

@Suite struct SeriesStyleTests {
    @Test func eightSeriesEightColoursAndTwentyFourDistinctStyles() {
        #expect(Set((0..<8).map(SeriesStyle.colorClass)).count == 8)
        let styles = (0..<24).map { "\(SeriesStyle.colorClass($0)) \(SeriesStyle.dash($0) ?? "solid")" }
        #expect(Set(styles).count == 24)
        #expect(reportCSS.contains("svg.plot .s8 { stroke: var(--c8); }"))
    }
}

/// 17.13: values a plot cannot place and rows a table cannot key are
/// warned about, as NaN is.
@Suite struct OverflowAndRaggedTests {
    @Test func aRangeWiderThanADoubleIsWarned() {
        let plot = Plot(name: "big", title: "Big", series: [
            Series(label: "s", y: [1e308, -1e308, 1.7976931348623157e308])])
        let warnings = plotWarnings(plot)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("the y values of plot “Big” run from") == true, "\(warnings)")
        #expect(warnings.first?.contains("a range wider than the largest Double") == true)
        // A wide but representable range is not.
        #expect(plotWarnings(Plot(name: "ok", title: "", series: [Series(label: "s", y: [1e307, -1e307])])) == [])
    }

    @Test func raggedTableRowsAreWarned() {
        let table = Table(name: "t", columns: ["a", "b"], rows: [[.number(1), .number(2)],
                                                                [.number(3), .number(4), .number(5)],
                                                                [.number(6)]])
        let warnings = tableWarnings(table)
        #expect(warnings.contains("row 2 of table “t” has 3 cells but the table has 2 columns; the 1 extra cell is shown under no header and not kept in the results file"), "\(warnings)")
        #expect(warnings.contains("row 3 of table “t” has 1 cell but the table has 2 columns; the missing cells are left blank"))
        #expect(tableWarnings(Table(name: "u", columns: ["a"], rows: [[.number(1)]])) == [])
    }
}
