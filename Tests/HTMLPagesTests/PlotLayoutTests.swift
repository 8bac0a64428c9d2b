import Testing
import Foundation
import Records
@testable import HTMLPages

/// A `<text>` of a rendered SVG: where it is anchored and what it shows.
struct SVGText {
    var x: Double, y: Double
    var anchor: String
    var fontSize: Double
    var rotated: Bool
    var content: String

    /// [start, end] of the text along x, by `TextWidth`'s upper-bound estimate.
    var extent: (lo: Double, hi: Double) {
        let w = TextWidth.estimate(content, fontSize: fontSize)
        switch anchor {
        case "middle": return (x - w / 2, x + w / 2)
        case "end": return (x - w, x)
        default: return (x, x + w)
        }
    }

    /// Every `<text>` in `svg`, its `<title>` child (a tooltip) left out.
    static func all(in svg: String) -> [SVGText] {
        let element = try! NSRegularExpression(pattern: "<text([^>]*)>(.*?)</text>")
        let attribute = try! NSRegularExpression(pattern: "([a-z-]+)=\"([^\"]*)\"")
        let ns = svg as NSString
        return element.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map { m in
            let attrs = ns.substring(with: m.range(at: 1)) as NSString
            var a: [String: String] = [:]
            for p in attribute.matches(in: attrs as String, range: NSRange(location: 0, length: attrs.length)) {
                a[attrs.substring(with: p.range(at: 1))] = attrs.substring(with: p.range(at: 2))
            }
            var content = ns.substring(with: m.range(at: 2))
            if let r = content.range(of: "</title>") { content = String(content[r.upperBound...]) }
            for (entity, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
                content = content.replacingOccurrences(of: entity, with: c)
            }
            return SVGText(x: Double(a["x"] ?? "0") ?? .nan, y: Double(a["y"] ?? "0") ?? .nan,
                           anchor: a["text-anchor"] ?? "start", fontSize: Double(a["font-size"] ?? "12") ?? .nan,
                           rotated: a["transform"] != nil, content: content)
        }
    }
}

/// Start x of each legend swatch (`<path … d="Mx yh24">` in the legend group).
func legendSwatches(_ svg: String) -> [(x: Double, y: Double)] {
    guard let g = svg.range(of: "<g class=\"legend\"") else { return [] }
    let legend = String(svg[g.lowerBound...])
    let swatch = try! NSRegularExpression(pattern: "d=\"M([0-9.-]+) ([0-9.-]+)h24\"")
    let ns = legend as NSString
    return swatch.matches(in: legend, range: NSRange(location: 0, length: ns.length)).map {
        (Double(ns.substring(with: $0.range(at: 1)))!, Double(ns.substring(with: $0.range(at: 2)))!)
    }
}

@Suite struct LegendTests {
    static let labelSets: [[String]] = [
        ["NAdam vs nadamStep", "nadamStep vs itself, w₀ nudged by 1e-15"],
        ["SGD", "momentum", "Nesterov", "Adagrad", "RMSprop", "Adam", "NAdam", "AdamW"],
        ["SGD, η = 0.003", "momentum, η = 0.003", "Nesterov, η = 0.001", "start", "end"],
        ["WWWWMMMM wide mmmm", "中文标签 emoji 🚀🚀", "iiii.llll", "mmmmmmmmmmmmmmmm", "x"],
        [String(repeating: "a very long label ", count: 8), "short", String(repeating: "W", count: 80)],
    ]

    @Test(arguments: [160.0, 320.0, 640.0])
    func entriesOnARowAreDisjointAndInsideThePlot(width: Double) {
        for labels in Self.labelSets {
            let places = Legend.layout(labels, width: width)
            #expect(places.count == labels.count)
            for p in places {
                #expect(p.x >= 0 && p.end <= width, "\(p.label) spans \(p.x)…\(p.end) of \(width)")
            }
            for (a, b) in zip(places, places.dropFirst()) {
                #expect(b.row == a.row || b.row == a.row + 1)
                if a.row == b.row { #expect(a.end < b.x, "“\(a.label)” ends at \(a.end), “\(b.label)” starts at \(b.x)") }
            }
        }
    }

    @Test func nadamGapPlotLabelsClearTheNextSwatch() throws {
        // The nadam notebook's gap plot, where the first label used to run into the second swatch.
        let steps = (1...200).map(Double.init)
        let plot = Plot(name: "gap-growth", title: "Gaps", yLabel: "max |Δθ| (zero drawn at 1e-17)", yScale: .log,
                        series: [Series(label: "NAdam vs nadamStep", x: steps, y: steps.map { 1e-16 * $0 }),
                                 Series(label: "nadamStep vs itself, w₀ nudged by 1e-15", x: steps, y: steps.map { 1e-15 * $0 })])
        let svg = renderPlotSVG(plot)
        let swatches = legendSwatches(svg)
        let labels = SVGText.all(in: svg).filter { t in labelsOf(plot).contains(t.content) }
        try #require(swatches.count == 2 && labels.count == 2)
        for label in labels {
            for s in swatches where abs(s.y + 4 - label.y) < 0.01 && s.x > label.x {
                #expect(label.extent.hi < s.x, "“\(label.content)” reaches \(label.extent.hi), a swatch starts at \(s.x)")
            }
        }
    }

    @Test func tooLongLabelIsCutAndKeepsItsFullTextAsATooltip() {
        let long = String(repeating: "a very long label ", count: 8)
        let svg = renderPlotSVG(Plot(name: "p", title: "p", series: [Series(label: long, y: [1, 2])]))
        #expect(svg.contains("<title>\(long)</title>"))
        let shown = SVGText.all(in: svg).first { $0.content.hasSuffix("…") }
        #expect(shown.map { $0.extent.hi <= 640 } == true)
    }

    @Test func wrappedLegendRowsStayAboveThePlotArea() throws {
        let labels = Self.labelSets[1] + Self.labelSets[3]
        let svg = renderPlotSVG(Plot(name: "p", title: "p", series: labels.map { Series(label: $0, y: [1, 2]) }),
                                width: 320)
        let rows = Set(legendSwatches(svg).map(\.y))
        #expect(rows.count >= 3)
        // The frame is "M{left} {top}V…": the plot area starts below the last legend baseline.
        let frame = try #require(svg.range(of: "stroke-opacity=\"0.6\""))
        let path = try #require(svg[..<frame.lowerBound].range(of: "<path d=\"M", options: .backwards))
        let numbers = svg[path.upperBound...].prefix { $0 != "V" }.split(separator: " ").compactMap { Double($0) }
        let top = try #require(numbers.last)
        #expect(top > rows.max()! + 4 + 6, "plot top \(top), last legend row at \(rows.max()! + 4)")
    }

    private func labelsOf(_ plot: Plot) -> Set<String> { Set(plot.series.map(\.label)) }
}
