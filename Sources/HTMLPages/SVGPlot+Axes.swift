import Records

/// Plot margins sized to the tick labels, and the grid, ticks and axis
/// titles drawn inside them. Every label is kept inside the viewBox: the
/// margins are widened until the estimated extent (`TextWidth`, an upper
/// bound) of each tick label fits, and a label that would still cross an
/// edge (possible only after a trajectory's equal-aspect rescale) is
/// shifted inward rather than clipped.
struct PlotLayout {
    static let fontSize = 12.0
    /// Closest a label may come to the viewBox edge.
    static let edge = 2.0

    var width: Double, height: Double
    var left = 0.0, right = 16.0, top: Double, bottom = 44.0
    var xTitle: String, yTitle: String

    var plotWidth: Double { max(width - left - right, 20) }
    var plotHeight: Double { max(height - top - bottom, 20) }

    static func labelWidth(_ s: String) -> Double { TextWidth.estimate(s, fontSize: fontSize) }

    /// Margins for these ticks: the y labels (right-aligned 6 units left of
    /// the axis) fit after the y title's strip; each x label, centred on its
    /// tick, fits between the edges.
    mutating func fit(xAxis: Axis, yTicks: [(value: Double, label: String)], xTicks: [(value: Double, label: String)]) {
        let yWidth = yTicks.map { Self.labelWidth($0.label) }.max() ?? Self.labelWidth("0")
        left = (yTitle.isEmpty ? 10 : 26) + yWidth + 8
        right = 16
        let placed = xTicks.compactMap { t in xAxis.transform(t.value).map { (xAxis.fraction($0), Self.labelWidth(t.label)) } }
            .filter { $0.0 >= -0.001 && $0.0 <= 1.001 }
        // Widening one side moves every tick, so settle in a few passes.
        for _ in 0..<3 {
            let pw = plotWidth
            var grow = (left: 0.0, right: 0.0)
            for (f, w) in placed {
                let centre = left + f * pw
                grow.left = max(grow.left, Self.edge - (centre - w / 2))
                grow.right = max(grow.right, centre + w / 2 - (width - Self.edge))
            }
            if grow.left <= 0 && grow.right <= 0 { break }
            left += max(grow.left, 0); right += max(grow.right, 0)
        }
    }

    /// The x at which a centred label of width `w` stays inside [edge, width − edge].
    func clampedCentre(_ x: Double, labelWidth w: Double) -> Double {
        min(max(x, Self.edge + w / 2), width - Self.edge - w / 2)
    }
}

/// Grid lines, tick labels, the frame and the axis titles.
func writeAxes(_ frame: Frame, _ layout: PlotLayout, empty: Bool, into svg: inout SVGWriter) {
    let n = svgNumber
    let (left, top, pw, ph) = (frame.left, frame.top, frame.width, frame.height)
    svg.open("g", [("class", "axes"), ("fill", "currentColor")])
    for t in frame.y.ticks() {
        guard let ty = frame.y.transform(t.value) else { continue }
        let y = top + (1 - frame.y.fraction(ty)) * ph
        guard y >= top - 0.5 && y <= top + ph + 0.5 else { continue }
        svg.empty("line", [("class", "grid"), ("x1", n(left)), ("x2", n(left + pw)), ("y1", n(y)), ("y2", n(y)),
                           ("stroke", "currentColor"), ("stroke-opacity", "0.12")])
        // `fit` reserved room for these labels; this only matters if a
        // trajectory's rescale changed them after the last fit.
        let end = max(left - 6, PlotLayout.edge + PlotLayout.labelWidth(t.label))
        svg.text("text", [("x", n(end)), ("y", n(y + 4)), ("text-anchor", "end")], t.label)
    }
    for t in frame.x.ticks() {
        guard let tx = frame.x.transform(t.value) else { continue }
        let x = left + frame.x.fraction(tx) * pw
        guard x >= left - 0.5 && x <= left + pw + 0.5 else { continue }
        svg.empty("line", [("class", "grid"), ("x1", n(x)), ("x2", n(x)), ("y1", n(top)), ("y2", n(top + ph)),
                           ("stroke", "currentColor"), ("stroke-opacity", "0.12")])
        let centre = layout.clampedCentre(x, labelWidth: PlotLayout.labelWidth(t.label))
        svg.text("text", [("x", n(centre)), ("y", n(top + ph + 16)), ("text-anchor", "middle")], t.label)
    }
    svg.empty("path", [("d", "M\(n(left)) \(n(top))V\(n(top + ph))H\(n(left + pw))"), ("fill", "none"),
                       ("stroke", "currentColor"), ("stroke-opacity", "0.6")])
    if !layout.xTitle.isEmpty {
        // As wide as the SVG at most, centred under the plot area where it fits.
        let shown = TextWidth.truncated(layout.xTitle, toFit: layout.width - 4 * PlotLayout.edge, fontSize: PlotLayout.fontSize)
        let centre = layout.clampedCentre(left + pw / 2, labelWidth: PlotLayout.labelWidth(shown))
        writeTitledText(shown, full: layout.xTitle, [("x", n(centre)), ("y", n(layout.height - 8)),
                                                     ("text-anchor", "middle")], into: &svg)
    }
    if !layout.yTitle.isEmpty {
        // Rotated along the plot area, never past its ends (the legend is
        // above): a long title is set a size or two smaller before it is cut.
        let size = [12.0, 11, 10].first { TextWidth.estimate(layout.yTitle, fontSize: $0) <= ph } ?? 10
        let shown = TextWidth.truncated(layout.yTitle, toFit: ph, fontSize: size)
        writeTitledText(shown, full: layout.yTitle, [("transform", "rotate(-90)"), ("x", n(-(top + ph / 2))),
                                                     ("y", "14"), ("text-anchor", "middle"),
                                                     ("font-size", size == 12 ? nil : n(size))], into: &svg)
    }
    if empty {
        svg.text("text", [("x", n(left + pw / 2)), ("y", n(top + ph / 2)), ("text-anchor", "middle")],
                 "no drawable values")
    }
    svg.close("g"); svg.newline()
}

/// A `<text>` showing `shown`; when that is a cut-down `full`, the full text
/// is its `<title>`, which browsers show on hover.
func writeTitledText(_ shown: String, full: String, _ attributes: [(String, String?)], into svg: inout SVGWriter) {
    svg.open("text", attributes)
    if shown != full { svg.text("title", [], full) }
    svg.content(shown)
    svg.close("text")
}
