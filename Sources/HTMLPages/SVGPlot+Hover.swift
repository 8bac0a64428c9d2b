/// Values on hover, without script: each series' line carries a `<title>`
/// (its name, first and last values), and up to `hoverTargets` of its
/// points, evenly spread over the thinned ones, get an invisible circle
/// whose `<title>` reads "series: x = …, y = …". Browsers show a `<title>`
/// as a tooltip; screen readers already have the plot's `<desc>`, so the
/// targets are `aria-hidden`.
let hoverTargets = 40

func writeHoverTargets(_ series: [PreparedSeries], _ frame: Frame, xLabel: String, yLabel: String, into svg: inout SVGWriter) {
    guard !series.isEmpty else { return }
    let xName = xLabel.isEmpty ? "x" : xLabel, yName = yLabel.isEmpty ? "y" : yLabel
    svg.open("g", [("class", "hover"), ("aria-hidden", "true")])
    for s in series {
        let valid = s.points.compactMap { $0 }
        guard !valid.isEmpty else { continue }
        let stride = max(1, (valid.count + hoverTargets - 1) / hoverTargets)
        var picks = Swift.stride(from: 0, to: valid.count, by: stride).map { valid[$0] }
        if let last = valid.last, picks.last.map({ $0 != last }) ?? true { picks.append(last) }
        for p in picks {
            guard let (x, y) = frame.point(p.x, p.y) else { continue }
            svg.open("circle", [("cx", svgNumber(x)), ("cy", svgNumber(y)), ("r", "5")])
            svg.text("title", [], "\(s.label): \(xName) = \(formatNumber(p.x)), \(yName) = \(formatNumber(p.y))")
            svg.close("circle")
        }
    }
    svg.close("g"); svg.newline()
}
