import Testing
import Foundation
import Records
@testable import HTMLPages

/// Every label a plot draws lies inside its viewBox, by the same
/// upper-bound width estimate the layout uses (which `TextWidthTests`
/// checks against a real font).
@Suite struct TickLabelTests {
    /// Plots whose widest or outermost labels sit on the edges.
    static let plots: [(name: String, plot: Plot)] = {
        let decades = (0...50).map { pow(10, Double($0) / 10) }
        return [
            ("log x up to 1e5", Plot(name: "a", title: "a", xScale: .log, yScale: .log,
                                     series: [Series(label: "s", x: decades, y: decades.map { 1 / $0 })])),
            ("linear x up to 1e6", Plot(name: "b", title: "b",
                                        series: [Series(label: "s", x: [0, 1_000_000], y: [-0.000123, 0.000123])])),
            ("log x up to 1e6", Plot(name: "c", title: "c", xScale: .log,
                                     series: [Series(label: "s", x: [1, 1_000_000], y: [1, 2])])),
            ("wide labels on both ends", Plot(name: "d", title: "d", xLabel: "x", yLabel: "y",
                                              series: [Series(label: "s", x: [-0.000123, 0.000456], y: [1e6, -2e6])])),
            // One-digit y labels and no y title leave a 26-unit margin; "-1.5e-05" needs 28 on each side.
            ("no y title, wide first x label", Plot(name: "e", title: "e", xLabel: "",
                                                    series: [Series(label: "", x: [-1.5e-5, 0], y: [0, 4])])),
            ("NaN at the right edge", Plot(name: "f", title: "f", series: [Series(label: "s", y: [1, 2, 3, .nan])])),
            ("trajectory with wide ticks", Plot(name: "g", title: "g", kind: .trajectory, xLabel: "θ₁", yLabel: "θ₂",
                                                series: [Series(label: "p", x: [-123_456, 987_654], y: [-0.5, 0.5])])),
            ("long axis titles", Plot(name: "h", title: "h", xLabel: String(repeating: "a long x title ", count: 9),
                                      yLabel: String(repeating: "a long y title ", count: 6), yScale: .log,
                                      series: [Series(label: "s", y: [1e-5, 1])])),
        ]
    }()

    @Test(arguments: [640, 320])
    func everyLabelIsInsideTheViewBox(width: Int) {
        for (name, plot) in Self.plots {
            let svg = renderPlotSVG(plot, width: width, height: 360)
            let texts = SVGText.all(in: svg)
            #expect(texts.count >= 4, "\(name)")
            for t in texts where !t.rotated {
                let (lo, hi) = t.extent
                #expect(lo >= 0 && hi <= Double(width), "\(name) at \(width): “\(t.content)” spans \(lo)…\(hi)")
                #expect(t.y - t.fontSize >= 0 && t.y + 4 <= 360, "\(name): “\(t.content)” at baseline \(t.y)")
            }
            // The y title runs along the plot area; its length must fit the height.
            for t in texts where t.rotated {
                #expect(TextWidth.estimate(t.content, fontSize: t.fontSize) <= 360, "\(name): y title “\(t.content)”")
            }
        }
    }

    @Test func edgeLabelsAreShownWholeAndCentredOnTheirTicks() throws {
        // "100000" and "1e+06" used to be clipped by the right edge; margins now make room,
        // so they are centred on their grid lines rather than shifted.
        for (name, label) in [("log x up to 1e5", "100000"), ("linear x up to 1e6", "1e+06"), ("log x up to 1e6", "1e+06")] {
            let plot = try #require(Self.plots.first { $0.name == name }?.plot)
            let svg = renderPlotSVG(plot)
            let text = try #require(SVGText.all(in: svg).first { $0.content == label && $0.anchor == "middle" }, "\(name)")
            #expect(svg.contains("x1=\"\(svgNumber(text.x))\" x2=\"\(svgNumber(text.x))\""), "\(name): \(label) at \(text.x)")
            #expect(text.extent.hi <= 640 - PlotLayout.edge + 0.01)
        }
    }

    @Test func firstWideLabelWidensTheLeftMargin() throws {
        let plot = try #require(Self.plots.first { $0.name == "no y title, wide first x label" }?.plot)
        let svg = renderPlotSVG(plot)
        let texts = SVGText.all(in: svg)
        let first = try #require(texts.first { $0.content == "-1.5e-05" && $0.anchor == "middle" })
        // Coordinates are written to 0.01.
        #expect(first.extent.lo >= PlotLayout.edge - 0.01)
        // The margin grew rather than the label moving off its tick.
        #expect(svg.contains("x1=\"\(svgNumber(first.x))\""))
    }

    @Test func aLongYTitleShrinksBeforeItIsCut() throws {
        // The nadam notebook's gap plot: at 12 px its title would not fit the plot's height.
        let steps = (1...200).map(Double.init)
        let gap = Plot(name: "gap", title: "gap", yLabel: "max |Δθ| (zero drawn at 1e-17)", yScale: .log,
                       series: [Series(label: "a", x: steps, y: steps.map { 1e-17 * $0 })])
        let title = try #require(SVGText.all(in: renderPlotSVG(gap)).first { $0.rotated })
        #expect(title.content == "max |Δθ| (zero drawn at 1e-17) (log scale)")
        #expect(title.fontSize < 12 && title.fontSize >= 10)
        // Far too long even at 10 px: cut, with the whole title as a tooltip.
        let long = try #require(Self.plots.first { $0.name == "long axis titles" }?.plot)
        let svg = renderPlotSVG(long)
        let cut = try #require(SVGText.all(in: svg).first { $0.rotated })
        #expect(cut.content.hasSuffix("…") && cut.fontSize == 10)
        #expect(svg.contains("<title>\(long.axes.yLabel) (log scale)</title>"))
    }

    @Test func clampingKeepsALabelWhole() {
        let layout = PlotLayout(width: 640, height: 360, top: 20, xTitle: "", yTitle: "")
        #expect(layout.clampedCentre(638, labelWidth: 40) == 640 - 2 - 20)
        #expect(layout.clampedCentre(1, labelWidth: 40) == 2 + 20)
        #expect(layout.clampedCentre(300, labelWidth: 40) == 300)
    }
}
