import Foundation
import Reporting

/// A plot as a standalone inline SVG.
///
/// Contract: `viewBox="0 0 width height"` with `width="100%"`, so it scales
/// to its container; colours are `currentColor` plus classes `s1`…`s6`
/// (the report's CSS maps them to theme variables), so it follows light and
/// dark. Non-finite points (and points ≤ 0 on a log axis) break the line
/// and are never written as coordinates; series longer than 1,000 points
/// are thinned (see `thinnedIndices`); on a log x axis, step 0 of a series
/// without x is silently not drawn (log-log loss curves are the usual
/// reason for such an axis). A dashed line marks where each series first
/// becomes non-finite. `.trajectory` plots have equal
/// scales on both axes, faint contours behind, and start (○) and end (■)
/// markers. `<title>` and `<desc>` (series, points, first and last values)
/// are referenced by `aria-labelledby`; `id` (default: from the plot's
/// name) must be unique within the page.
public func renderPlotSVG(_ plot: Plot, width: Int = 640, height: Int = 360, id: String? = nil) -> String {
    let W = Double(max(width, 160)), H = Double(max(height, 100))
    let baseID = id ?? "plot-" + slug(plot.name)
    let series = plot.series.map { prepare($0, xAxis: plot.xScale, yAxis: plot.yScale) }
    let contours = plot.contours.map { prepare($0, xAxis: plot.xScale, yAxis: plot.yScale) }
    let trajectory = plot.kind == .trajectory

    // Legend rows along the top, wrapped to the width.
    var legend: [(label: String, index: Int?, marker: String?)] =
        series.enumerated().filter { !$0.element.label.isEmpty }.map { ($0.element.label, $0.offset, nil) }
    if trajectory && !series.isEmpty { legend += [("start", nil, "start"), ("end", nil, "end")] }
    var legendPlaces: [(x: Double, row: Int)] = []
    var cursor = 8.0, row = 0
    for item in legend {
        let w = 34 + 6.6 * Double(item.label.count)
        if cursor + w > W - 8 && cursor > 8 { row += 1; cursor = 8 }
        legendPlaces.append((cursor, row))
        cursor += w + 10
    }
    let legendHeight = legend.isEmpty ? 0 : Double(row + 1) * 18 + 4

    // Domain in transformed units over every drawable point.
    let all = (series + contours).flatMap { $0.points.compactMap { $0 } }
    let xProbe = Axis(scale: plot.xScale, lo: 0, hi: 1), yProbe = Axis(scale: plot.yScale, lo: 0, hi: 1)
    let ys = all.compactMap { yProbe.transform($0.y) }
    // A line plot spans every x, even where y is NaN, so a gap shows as a gap.
    let xs = trajectory ? all.compactMap { xProbe.transform($0.x) }
        : (plot.series + plot.contours).flatMap { xExtent($0).compactMap { xProbe.transform($0) } }
    var xAxis = Axis.fitting(xs.min(), xs.max(), scale: plot.xScale, pad: trajectory ? 0.05 : 0)
    var yAxis = Axis.fitting(ys.min(), ys.max(), scale: plot.yScale, pad: 0.05)

    let yTicks = yAxis.ticks()
    let yLabelWidth = Double(yTicks.map(\.label.count).max() ?? 1) * 6.8
    let left = (plot.yLabel.isEmpty ? 10 : 26) + yLabelWidth + 8
    let top = legendHeight + 10, bottom = 44.0, right = 16.0
    let pw = max(W - left - right, 20), ph = max(H - top - bottom, 20)
    if trajectory {
        // Equal aspect: one data unit is the same length on both axes.
        let unit = max((xAxis.hi - xAxis.lo) / pw, (yAxis.hi - yAxis.lo) / ph)
        if unit.isFinite && unit > 0 {
            let cx = (xAxis.lo + xAxis.hi) / 2, cy = (yAxis.lo + yAxis.hi) / 2
            xAxis.lo = cx - unit * pw / 2; xAxis.hi = cx + unit * pw / 2
            yAxis.lo = cy - unit * ph / 2; yAxis.hi = cy + unit * ph / 2
        }
    }
    let frame = Frame(x: xAxis, y: yAxis, left: left, top: top, width: pw, height: ph)
    let n = svgNumber

    var svg = SVGWriter()
    svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot"),
                     ("viewBox", "0 0 \(n(W)) \(n(H))"), ("width", "100%"),
                     ("role", "img"), ("aria-labelledby", "\(baseID)-title \(baseID)-desc"),
                     ("font-size", "12")])
    svg.newline()
    svg.text("title", [("id", "\(baseID)-title")], plot.title.isEmpty ? plot.name : plot.title)
    svg.text("desc", [("id", "\(baseID)-desc")], describePlot(plot, series))
    svg.newline()

    // Grid and ticks.
    svg.open("g", [("class", "axes"), ("fill", "currentColor")])
    for t in yAxis.ticks() {
        guard let ty = yAxis.transform(t.value) else { continue }
        let y = top + (1 - yAxis.fraction(ty)) * ph
        guard y >= top - 0.5 && y <= top + ph + 0.5 else { continue }
        svg.empty("line", [("class", "grid"), ("x1", n(left)), ("x2", n(left + pw)), ("y1", n(y)), ("y2", n(y)),
                           ("stroke", "currentColor"), ("stroke-opacity", "0.12")])
        svg.text("text", [("x", n(left - 6)), ("y", n(y + 4)), ("text-anchor", "end")], t.label)
    }
    for t in xAxis.ticks() {
        guard let tx = xAxis.transform(t.value) else { continue }
        let x = left + xAxis.fraction(tx) * pw
        guard x >= left - 0.5 && x <= left + pw + 0.5 else { continue }
        svg.empty("line", [("class", "grid"), ("x1", n(x)), ("x2", n(x)), ("y1", n(top)), ("y2", n(top + ph)),
                           ("stroke", "currentColor"), ("stroke-opacity", "0.12")])
        svg.text("text", [("x", n(x)), ("y", n(top + ph + 16)), ("text-anchor", "middle")], t.label)
    }
    svg.empty("path", [("d", "M\(n(left)) \(n(top))V\(n(top + ph))H\(n(left + pw))"), ("fill", "none"),
                       ("stroke", "currentColor"), ("stroke-opacity", "0.6")])
    let xTitle = axisTitle(plot.xLabel, plot.xScale), yTitle = axisTitle(plot.yLabel, plot.yScale)
    if !xTitle.isEmpty {
        svg.text("text", [("x", n(left + pw / 2)), ("y", n(H - 8)), ("text-anchor", "middle")], xTitle)
    }
    if !yTitle.isEmpty {
        svg.text("text", [("transform", "rotate(-90)"), ("x", n(-(top + ph / 2))), ("y", "14"),
                          ("text-anchor", "middle")], yTitle)
    }
    if all.isEmpty {
        svg.text("text", [("x", n(left + pw / 2)), ("y", n(top + ph / 2)), ("text-anchor", "middle")],
                 "no drawable values")
    }
    svg.close("g"); svg.newline()

    if !contours.isEmpty {
        svg.open("g", [("class", "contours"), ("fill", "none"), ("stroke", "currentColor"),
                       ("stroke-opacity", "0.22"), ("stroke-width", "1")])
        for c in contours { svg.empty("path", [("d", frame.pathData(c.points))]) }
        svg.close("g"); svg.newline()
    }

    svg.open("g", [("class", "series"), ("fill", "none"), ("stroke-width", "1.8"),
                   ("stroke-linecap", "round"), ("stroke-linejoin", "round")])
    for (i, s) in series.enumerated() {
        let d = frame.pathData(s.points)
        guard !d.isEmpty else { continue }
        svg.empty("path", [("class", SeriesStyle.colorClass(i)), ("stroke", "currentColor"),
                           ("stroke-dasharray", SeriesStyle.dash(i)), ("d", d)])
        svg.newline()
    }
    svg.close("g"); svg.newline()

    if !trajectory { writeBreakMarkers(plot.series, frame, &svg) }

    if trajectory {
        svg.open("g", [("class", "markers")])
        for (i, s) in series.enumerated() {
            if let p = s.first, let (x, y) = frame.point(p.x, p.y) { startMarker(&svg, x, y, i) }
            if let p = s.last, let (x, y) = frame.point(p.x, p.y) { endMarker(&svg, x, y, i) }
        }
        svg.close("g"); svg.newline()
    }

    if !legend.isEmpty {
        svg.open("g", [("class", "legend"), ("fill", "currentColor")])
        for (item, place) in zip(legend, legendPlaces) {
            let y = 14 + Double(place.row) * 18
            if let i = item.index {
                svg.empty("path", [("class", SeriesStyle.colorClass(i)), ("stroke", "currentColor"),
                                   ("stroke-width", "1.8"), ("fill", "none"),
                                   ("stroke-dasharray", SeriesStyle.dash(i)),
                                   ("d", "M\(n(place.x)) \(n(y - 4))h24")])
            } else if item.marker == "start" {
                startMarker(&svg, place.x + 12, y - 4, nil)
            } else {
                endMarker(&svg, place.x + 12, y - 4, nil)
            }
            svg.text("text", [("x", n(place.x + 30)), ("y", n(y))], item.label)
        }
        svg.close("g"); svg.newline()
    }
    svg.close("svg")
    return svg.output
}

/// The x values a line series covers: all of them, or 0 and n−1 for step numbers.
private func xExtent(_ s: Series) -> [Double] {
    let n = min(s.y.count, s.x?.count ?? s.y.count)
    guard n > 0 else { return [] }
    return s.x.map { Array($0.prefix(n)) } ?? [0, Double(n - 1)]
}

/// A faint dashed vertical line, labelled "NaN" or "∞", where each series
/// first stops being finite: the badge under the plot says how many, this
/// shows where.
private func writeBreakMarkers(_ series: [Series], _ frame: Frame, _ svg: inout SVGWriter) {
    for (i, s) in series.enumerated() {
        let n = min(s.y.count, s.x?.count ?? s.y.count)
        guard let k = (0..<n).first(where: { !s.y[$0].isFinite }),
              let tx = frame.x.transform(s.x?[k] ?? Double(k)) else { continue }
        let x = frame.left + frame.x.fraction(tx) * frame.width
        guard x.isFinite else { continue }
        svg.empty("path", [("class", "break " + SeriesStyle.colorClass(i)), ("stroke", "currentColor"),
                           ("stroke-dasharray", "2 4"), ("stroke-opacity", "0.7"), ("fill", "none"),
                           ("d", "M\(svgNumber(x)) \(svgNumber(frame.top))V\(svgNumber(frame.top + frame.height))")])
        svg.text("text", [("x", svgNumber(x + 4)), ("y", svgNumber(frame.top + 12)), ("font-size", "11"),
                          ("fill", "currentColor")], s.y[k].isNaN ? "NaN" : (s.y[k] > 0 ? "+∞" : "-∞"))
    }
}

/// Open circle at a trajectory's first point.
private func startMarker(_ svg: inout SVGWriter, _ x: Double, _ y: Double, _ i: Int?) {
    svg.empty("circle", [("class", i.map { "start " + SeriesStyle.colorClass($0) } ?? "start"),
                         ("cx", svgNumber(x)), ("cy", svgNumber(y)), ("r", "4.5"),
                         ("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "1.8")])
}

/// Filled square at a trajectory's last point.
private func endMarker(_ svg: inout SVGWriter, _ x: Double, _ y: Double, _ i: Int?) {
    svg.empty("rect", [("class", i.map { "end " + SeriesStyle.fillClass($0) } ?? "end"),
                       ("x", svgNumber(x - 4)), ("y", svgNumber(y - 4)), ("width", "8"), ("height", "8"),
                       ("fill", "currentColor")])
}

private func axisTitle(_ label: String, _ scale: AxisScale) -> String {
    scale == .log ? (label.isEmpty ? "log scale" : label + " (log scale)") : label
}

/// The screen-reader summary: kind, axes, each series' extent and the warnings.
private func describePlot(_ plot: Plot, _ series: [PreparedSeries]) -> String {
    let kind = plot.kind == .trajectory ? "Trajectory plot (equal axes)" : "Line plot"
    let xName = plot.xLabel.isEmpty ? "x" : plot.xLabel, yName = plot.yLabel.isEmpty ? "y" : plot.yLabel
    var parts = ["\(kind) of \(series.count) series; x: \(xName), \(plot.xScale.rawValue); y: \(yName), \(plot.yScale.rawValue)."]
    for s in series {
        let name = s.label.isEmpty ? "unnamed" : s.label
        guard let a = s.first, let b = s.last else {
            parts.append("\(name): \(s.count) points, none drawable."); continue
        }
        let f = { formatNumber($0, significantDigits: 4) }
        if plot.kind == .trajectory {
            parts.append("\(name): \(s.count) points from (\(f(a.x)), \(f(a.y))) to (\(f(b.x)), \(f(b.y))).")
        } else {
            parts.append("\(name): \(s.count) points, first \(f(a.y)) at \(xName) \(f(a.x)), last \(f(b.y)) at \(xName) \(f(b.x)).")
        }
    }
    if !plot.contours.isEmpty { parts.append("\(plot.contours.count) contour lines behind.") }
    let warnings = plotWarnings(plot)
    if !warnings.isEmpty { parts.append("Not drawn: " + warnings.joined(separator: "; ") + ".") }
    return parts.joined(separator: " ")
}

/// Letters, digits, `-` and `_` from `s` (others become `-`): safe inside an
/// id and in the space-separated `aria-labelledby` list.
func slug(_ s: String) -> String {
    let mapped = s.unicodeScalars.map { c -> Character in
        (("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
            || c == "-" || c == "_") ? Character(c) : "-"
    }
    return mapped.isEmpty ? "unnamed" : String(mapped)
}
