import Foundation
import Records

/// A band or sensitivity plot (`SweepPlot` of kind `.band` or
/// `.sensitivity`) as a standalone inline SVG, on the same frame, axes,
/// legend and colour classes as `renderPlotSVG`.
///
/// Each line is its median (a line in the series' colour and dash) over a
/// shaded band (`fN` fill at 0.18 opacity) from its lower to its upper
/// edge; the legend ends with a swatch saying what the band spans. A
/// diverged value (+∞: half the runs or more for a median, any run for an
/// upper edge) is drawn in a "diverged" row above the plot area, labelled
/// as such on the y axis: the median line climbs into that row and each
/// diverged median is an ✕, so divergence is shown rather than dropped or
/// left as a gap. On a sensitivity plot every grid point is a marker whose
/// `<title>` gives the median, the band and how many runs diverged. Band
/// plots longer than 400 steps are thinned to 400 evenly spaced steps
/// (the last kept).
public func renderBandSVG(_ plot: SweepPlot, width: Int = 640, height: Int = 380, id: String? = nil) -> String {
    let W = Double(max(width, 200)), H = Double(max(height, 140))
    let baseID = id ?? "plot-" + slug(plot.name)
    let n = svgNumber
    let sensitivity = plot.kind == .sensitivity
    let lines = plot.lines.map { thinned($0, to: sensitivity ? Int.max : 400) }

    let diverged = lines.contains { l in (l.median + l.upper).contains { !$0.isFinite } }
    var legendLabels = lines.map(\.label) + [plot.bandLabel.isEmpty ? "band" : plot.bandLabel]
    if diverged { legendLabels.append("diverged") }
    let legend = Legend.layout(legendLabels, width: W)

    let (xAxis, yAxis, shown) = plot.axes.fitted(xs: lines.flatMap(\.x), ys: lines.flatMap { $0.median + $0.lower + $0.upper },
                                          xPad: sensitivity ? 0.04 : 0, yPad: 0.05)
    let strip = diverged ? 22.0 : 0
    var layout = plot.axes.layout(width: W, height: H, top: Legend.height(legend) + 10 + strip)
    layout.fit(xAxis: xAxis, yTicks: yAxis.ticks() + (diverged ? [(0, "diverged")] : []), xTicks: xAxis.ticks())
    let frame = Frame(x: xAxis, y: yAxis, left: layout.left, top: layout.top,
                      width: layout.plotWidth, height: layout.plotHeight)
    let stripY = frame.top - strip / 2

    /// Screen position: finite values on the frame, +∞ in the diverged row.
    func place(_ x: Double, _ y: Double) -> (Double, Double)? {
        if y.isFinite { return frame.point(x, y) }
        guard diverged, y == .infinity || y.isNaN, let tx = xAxis.transform(x) else { return nil }
        return (frame.left + xAxis.fraction(tx) * frame.width, stripY)
    }

    var svg = SVGWriter()
    svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot sweep-plot"),
                     ("viewBox", "0 0 \(n(W)) \(n(H))"), ("width", "100%"), ("role", "img"),
                     ("aria-labelledby", "\(baseID)-title \(baseID)-desc"), ("font-size", "12")])
    svg.newline()
    svg.text("title", [("id", "\(baseID)-title")], plot.title.isEmpty ? plot.name : plot.title)
    svg.text("desc", [("id", "\(baseID)-desc")], describeBands(plot, lines))
    svg.newline()
    writeAxes(frame, layout, empty: shown.xs == 0 || (shown.ys == 0 && !diverged), into: &svg)
    if diverged {
        svg.open("g", [("class", "diverged-row"), ("fill", "currentColor")])
        svg.empty("rect", [("x", n(frame.left)), ("y", n(frame.top - strip)), ("width", n(frame.width)),
                           ("height", n(strip - 2)), ("fill", "currentColor"), ("fill-opacity", "0.06")])
        svg.text("text", [("x", n(frame.left - 6)), ("y", n(stripY + 4)), ("text-anchor", "end")], "diverged")
        svg.close("g"); svg.newline()
    }

    // Bands first, so every median line is drawn over every band.
    svg.open("g", [("class", "bands"), ("stroke", "none")])
    for (i, l) in lines.enumerated() {
        for d in bandPaths(l, place) {
            svg.empty("path", [("class", SeriesStyle.fillClass(i)), ("fill", "currentColor"),
                               ("fill-opacity", "0.18"), ("d", d)])
        }
    }
    svg.close("g"); svg.newline()

    svg.open("g", [("class", "series"), ("fill", "none"), ("stroke-width", "1.8"),
                   ("stroke-linecap", "round"), ("stroke-linejoin", "round")])
    for (i, l) in lines.enumerated() {
        let points = zip(l.x, l.median).map { place($0, $1) }
        svg.empty("path", [("class", SeriesStyle.colorClass(i)), ("stroke", "currentColor"),
                           ("stroke-dasharray", SeriesStyle.dash(i)), ("d", screenPath(points))])
        svg.newline()
    }
    svg.close("g"); svg.newline()

    svg.open("g", [("class", "markers"), ("stroke-width", "1.8")])
    for (i, l) in lines.enumerated() {
        for k in l.x.indices where sensitivity || !l.median[k].isFinite {
            guard let (x, y) = place(l.x[k], l.median[k]) else { continue }
            let tip = pointTitle(plot, l, k)
            if l.median[k].isFinite {
                svg.open("circle", [("class", SeriesStyle.colorClass(i) + " " + SeriesStyle.fillClass(i)),
                                    ("cx", n(x)), ("cy", n(y)), ("r", "3"), ("stroke", "currentColor"),
                                    ("fill", "currentColor")])
            } else {
                svg.open("path", [("class", "diverged-mark " + SeriesStyle.colorClass(i)), ("stroke", "currentColor"),
                                  ("fill", "none"), ("d", "M\(n(x - 4)) \(n(y - 4))l8 8m0 -8l-8 8")])
            }
            svg.text("title", [], tip)
            svg.close(l.median[k].isFinite ? "circle" : "path")
            if !sensitivity { break }  // a band plot marks only where a line first diverges
        }
    }
    svg.close("g"); svg.newline()

    svg.open("g", [("class", "legend"), ("fill", "currentColor")])
    for (j, place) in legend.enumerated() {
        let y = place.baseline
        if j < lines.count {
            svg.empty("path", [("class", SeriesStyle.colorClass(j)), ("stroke", "currentColor"), ("stroke-width", "1.8"),
                               ("fill", "none"), ("stroke-dasharray", SeriesStyle.dash(j)),
                               ("d", "M\(n(place.x)) \(n(y - 4))h\(n(Legend.swatch))")])
        } else if j == lines.count {
            svg.empty("rect", [("class", "band-swatch"), ("x", n(place.x)), ("y", n(y - 10)), ("width", n(Legend.swatch)),
                               ("height", "10"), ("fill", "currentColor"), ("fill-opacity", "0.18")])
        } else {
            svg.empty("path", [("class", "diverged-mark"), ("stroke", "currentColor"), ("stroke-width", "1.8"), ("fill", "none"),
                               ("d", "M\(n(place.x + 8)) \(n(y - 8))l8 8m0 -8l-8 8")])
        }
        writeTitledText(place.label, full: legendLabels[j], [("x", n(place.textX)), ("y", n(y))], into: &svg)
    }
    svg.close("g")
    svg.close("svg")
    return svg.output
}

/// The band's outline(s): upper edge left to right, lower edge back; split
/// where a point cannot be placed at all (≤ 0 on a log axis).
private func bandPaths(_ l: BandLine, _ place: (Double, Double) -> (Double, Double)?) -> [String] {
    var paths: [String] = []
    var run: [((Double, Double), (Double, Double))] = []
    func flush() {
        defer { run = [] }
        guard run.count > 1 else { return }
        var d = ""
        for (k, p) in run.enumerated() { d += (k == 0 ? "M" : "L") + svgNumber(p.0.0) + " " + svgNumber(p.0.1) }
        for p in run.reversed() { d += "L" + svgNumber(p.1.0) + " " + svgNumber(p.1.1) }
        paths.append(d + "Z")
    }
    for k in l.x.indices {
        guard let up = place(l.x[k], l.upper[k]), let low = place(l.x[k], l.lower[k]) else { flush(); continue }
        run.append((up, low))
    }
    flush()
    return paths
}

private func screenPath(_ points: [(Double, Double)?]) -> String {
    var d = "", pen = false
    for p in points {
        guard let (x, y) = p else { pen = false; continue }
        d += (pen ? "L" : "M") + svgNumber(x) + " " + svgNumber(y)
        pen = true
    }
    return d
}

/// At most `limit` evenly spaced points of a line, the last included.
private func thinned(_ l: BandLine, to limit: Int) -> BandLine {
    guard l.x.count > limit, limit > 1 else { return l }
    // Spelled out with types: as one closure expression this line took the
    // type checker 0.8 s, a sixth of the module's build.
    let span = Double(l.x.count - 1), parts = Double(limit - 1)
    let keep: [Int] = (0..<limit).map { (i: Int) -> Int in Int((Double(i) * span / parts).rounded()) }
    func pick<T>(_ a: [T]) -> [T] { keep.compactMap { $0 < a.count ? a[$0] : nil } }
    return BandLine(label: l.label, x: pick(l.x), median: pick(l.median), lower: pick(l.lower),
                    upper: pick(l.upper), diverged: pick(l.diverged), runs: l.runs)
}

private func pointTitle(_ plot: SweepPlot, _ l: BandLine, _ k: Int) -> String {
    let f = { (v: Double) in v.isFinite ? formatNumber(v, significantDigits: 4) : "diverged" }
    let d = k < l.diverged.count ? l.diverged[k] : 0
    return "\(l.label), \(plot.axes.xLabel) \(formatNumber(l.x[k], significantDigits: 4)): median \(f(l.median[k])), "
        + "band \(f(l.lower[k]))–\(f(l.upper[k])); \(d) of \(l.runs) run\(l.runs == 1 ? "" : "s") diverged"
}

/// The screen-reader summary: kind, axes, what the band is, each line's
/// best median and where, and where it diverges.
private func describeBands(_ plot: SweepPlot, _ lines: [BandLine]) -> String {
    let kind = plot.kind == .sensitivity ? "Sensitivity plot" : "Band plot"
    var parts = ["\(kind) of \(lines.count) line\(lines.count == 1 ? "" : "s"); x: \(plot.axes.xLabel), \(plot.axes.xScale.rawValue); "
        + "y: \(plot.axes.yLabel), \(plot.axes.yScale.rawValue); \(plot.bandLabel)."]
    for l in lines {
        let finite = l.x.indices.filter { l.median[$0].isFinite }
        let best = finite.min { l.median[$0] < l.median[$1] }
        var text = "\(l.label): "
        if let b = best {
            text += "lowest median \(formatNumber(l.median[b], significantDigits: 4)) at \(plot.axes.xLabel) \(formatNumber(l.x[b], significantDigits: 4))"
        } else {
            text += "no finite median"
        }
        let gone = l.x.indices.filter { !l.median[$0].isFinite }
        if !gone.isEmpty {
            text += "; diverged at \(plot.axes.xLabel) " + gone.prefix(6).map { formatNumber(l.x[$0], significantDigits: 4) }.joined(separator: ", ")
                + (gone.count > 6 ? " and \(gone.count - 6) more" : "")
        }
        parts.append(text + ".")
    }
    return parts.joined(separator: " ")
}
