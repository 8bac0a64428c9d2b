import Foundation
import Records

/// A plot as a standalone inline SVG.
///
/// Contract: `viewBox="0 0 width height"` with `width="100%"`, so it scales
/// to its container; colours are `currentColor` plus classes `s1`…`s8`
/// (the report's CSS maps them to theme variables), so it follows light and
/// dark. Non-finite points (and points ≤ 0 on a log axis) break the line
/// and are never written as coordinates; series longer than 1,000 points
/// are thinned (see `thinnedIndices`); on a log x axis, step 0 of a series
/// without x is silently not drawn (log-log loss curves are the usual
/// reason for such an axis). A dashed line marks where each series first
/// becomes non-finite. `.trajectory` plots have equal
/// scales on both axes, faint contours behind, and start (○) and end (■)
/// markers. Text is laid out by `TextWidth`'s upper-bound widths: legend
/// entries wrap to new rows rather than overlap, and every tick label lies
/// inside the viewBox (see `Legend`, `PlotLayout`). `<title>` and `<desc>` (series, points, first and last values)
/// are referenced by `aria-labelledby`; `id` (default: from the plot's
/// name) must be unique within the page.
public func renderPlotSVG(_ plot: Plot, width: Int = 640, height: Int = 360, id: String? = nil) -> String {
    let W = Double(max(width, 160)), H = Double(max(height, 100))
    let baseID = id ?? "plot-" + slug(plot.name)
    let series = plot.series.map { prepare($0, xAxis: plot.axes.xScale, yAxis: plot.axes.yScale) }
    let contours = plot.contours.map { prepare($0, xAxis: plot.axes.xScale, yAxis: plot.axes.yScale) }
    let trajectory = plot.kind == .trajectory
    let legend = legendItems(series, trajectory: trajectory)
    let legendPlaces = Legend.layout(legend.map(\.label), width: W)
    let (frame, layout, empty) = fitFrame(plot, series: series, contours: contours, width: W, height: H,
                                          top: Legend.height(legendPlaces) + 10)

    var svg = SVGWriter()
    svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot"),
                     ("viewBox", "0 0 \(svgNumber(W)) \(svgNumber(H))"), ("width", "100%"),
                     ("role", "img"), ("aria-labelledby", "\(baseID)-title \(baseID)-desc"),
                     ("font-size", "12")])
    svg.newline()
    svg.text("title", [("id", "\(baseID)-title")], plot.title.isEmpty ? plot.name : plot.title)
    svg.text("desc", [("id", "\(baseID)-desc")], describePlot(plot, series))
    svg.newline()
    writeAxes(frame, layout, empty: empty, into: &svg)
    writeContours(contours, frame, into: &svg)
    writeSeries(series, frame, into: &svg)
    if trajectory { writeEndpoints(series, frame, into: &svg) } else { writeBreakMarkers(plot.series, frame, &svg) }
    writeHoverTargets(series, frame, xLabel: plot.axes.xLabel, yLabel: plot.axes.yLabel, into: &svg)
    writeLegend(legend, legendPlaces, into: &svg)
    svg.close("svg")
    return svg.output
}

/// One legend entry: a labelled series (by index), or for trajectories the
/// start and end markers.
private typealias LegendItem = (label: String, index: Int?, marker: String?)

/// Legend rows along the top, wrapped to the width: every labelled series,
/// then for a trajectory what its markers mean.
private func legendItems(_ series: [PreparedSeries], trajectory: Bool) -> [LegendItem] {
    var legend: [LegendItem] =
        series.enumerated().filter { !$0.element.label.isEmpty }.map { ($0.element.label, $0.offset, nil) }
    if trajectory && !series.isEmpty { legend += [("start", nil, "start"), ("end", nil, "end")] }
    return legend
}

/// The plot area and its axes: the domain over every drawable point (a
/// line plot spans every x, even where y is NaN, so a gap shows as a gap),
/// then margins fitted to the tick labels. For a trajectory equal aspect
/// rescales the axes and so the ticks on the margins: a few rounds.
/// `empty` when nothing can be drawn.
private func fitFrame(_ plot: Plot, series: [PreparedSeries], contours: [PreparedSeries],
                      width: Double, height: Double, top: Double)
    -> (frame: Frame, layout: PlotLayout, empty: Bool) {
    let trajectory = plot.kind == .trajectory
    let all = (series + contours).flatMap { $0.points.compactMap { $0 } }
    let xs = trajectory ? all.map(\.x) : (plot.series + plot.contours).flatMap(xExtent)
    let (xFitted, yFitted, _) = plot.axes.fitted(xs: xs, ys: all.map(\.y), xPad: trajectory ? 0.05 : 0, yPad: 0.05)
    var xAxis = xFitted, yAxis = yFitted

    var layout = plot.axes.layout(width: width, height: height, top: top)
    var labels: [String] = []
    for _ in 0..<3 {
        let xTicks = xAxis.ticks(), yTicks = yAxis.ticks()
        let now = xTicks.map(\.label) + ["|"] + yTicks.map(\.label)
        if now == labels { break }
        labels = now
        layout.fit(xAxis: xAxis, yTicks: yTicks, xTicks: xTicks)
        if trajectory { (xAxis, yAxis) = equalAspect(xFitted, yFitted, layout.plotWidth, layout.plotHeight) }
    }
    let frame = Frame(x: xAxis, y: yAxis, left: layout.left, top: layout.top,
                      width: layout.plotWidth, height: layout.plotHeight)
    return (frame, layout, all.isEmpty)
}

/// Contour lines, faint, behind everything else.
private func writeContours(_ contours: [PreparedSeries], _ frame: Frame, into svg: inout SVGWriter) {
    guard !contours.isEmpty else { return }
    svg.open("g", [("class", "contours"), ("fill", "none"), ("stroke", "currentColor"),
                   ("stroke-opacity", "0.22"), ("stroke-width", "1")])
    for c in contours { svg.empty("path", [("d", frame.pathData(c.points))]) }
    svg.close("g"); svg.newline()
}

/// Each series' line, coloured and dashed by its index.
private func writeSeries(_ series: [PreparedSeries], _ frame: Frame, into svg: inout SVGWriter) {
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
}

/// A trajectory's start (○) and end (■) markers.
private func writeEndpoints(_ series: [PreparedSeries], _ frame: Frame, into svg: inout SVGWriter) {
    svg.open("g", [("class", "markers")])
    for (i, s) in series.enumerated() {
        if let p = s.first, let (x, y) = frame.point(p.x, p.y) { startMarker(&svg, x, y, i) }
        if let p = s.last, let (x, y) = frame.point(p.x, p.y) { endMarker(&svg, x, y, i) }
    }
    svg.close("g"); svg.newline()
}

/// The legend at the places `Legend.layout` gave: a swatch or marker, then
/// the label (cut to fit, the full text in its title).
private func writeLegend(_ legend: [LegendItem], _ places: [Legend.Place], into svg: inout SVGWriter) {
    guard !legend.isEmpty else { return }
    let n = svgNumber
    svg.open("g", [("class", "legend"), ("fill", "currentColor")])
    for (item, place) in zip(legend, places) {
        let y = place.baseline
        if let i = item.index {
            svg.empty("path", [("class", SeriesStyle.colorClass(i)), ("stroke", "currentColor"),
                               ("stroke-width", "1.8"), ("fill", "none"),
                               ("stroke-dasharray", SeriesStyle.dash(i)),
                               ("d", "M\(n(place.x)) \(n(y - 4))h\(n(Legend.swatch))")])
        } else if item.marker == "start" {
            startMarker(&svg, place.x + Legend.swatch / 2, y - 4, nil)
        } else {
            endMarker(&svg, place.x + Legend.swatch / 2, y - 4, nil)
        }
        writeTitledText(place.label, full: item.label, [("x", n(place.textX)), ("y", n(y))], into: &svg)
    }
    svg.close("g"); svg.newline()
}

/// Axes widened about their centres so one data unit is the same length on
/// both (a `pw` × `ph` plot area); unchanged when a range is empty or infinite.
private func equalAspect(_ x: Axis, _ y: Axis, _ pw: Double, _ ph: Double) -> (Axis, Axis) {
    let unit = max((x.hi - x.lo) / pw, (y.hi - y.lo) / ph)
    guard unit.isFinite && unit > 0 else { return (x, y) }
    var x = x, y = y
    let cx = (x.lo + x.hi) / 2, cy = (y.lo + y.hi) / 2
    x.lo = cx - unit * pw / 2; x.hi = cx + unit * pw / 2
    y.lo = cy - unit * ph / 2; y.hi = cy + unit * ph / 2
    return (x, y)
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
        let label = s.y[k].isNaN ? "NaN" : (s.y[k] > 0 ? "+∞" : "-∞")
        // Right of the line, or left of it where the plot area ends.
        let fits = x + 4 + TextWidth.estimate(label, fontSize: 11) <= frame.left + frame.width
        svg.text("text", [("x", svgNumber(fits ? x + 4 : x - 4)), ("y", svgNumber(frame.top + 12)), ("font-size", "11"),
                          ("text-anchor", fits ? nil : "end"), ("fill", "currentColor")], label)
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

/// The screen-reader summary: kind, axes, each series' extent and the warnings.
private func describePlot(_ plot: Plot, _ series: [PreparedSeries]) -> String {
    let kind = plot.kind == .trajectory ? "Trajectory plot (equal axes)" : "Line plot"
    let xName = plot.axes.xLabel.isEmpty ? "x" : plot.axes.xLabel, yName = plot.axes.yLabel.isEmpty ? "y" : plot.axes.yLabel
    var parts = ["\(kind) of \(series.count) series; x: \(xName), \(plot.axes.xScale.rawValue); y: \(yName), \(plot.axes.yScale.rawValue)."]
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
