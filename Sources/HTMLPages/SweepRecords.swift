import Records

/// How a block's sweep records appear in its cell: the sweep as a one-line
/// summary with every point's metrics in a folded table, and each sweep
/// figure in a `<figure>` like the line plots.

/// A figure drawn from a sweep, captioned with its title.
func writeSweepFigure(_ plot: SweepPlot, id: String, into h: inout HTMLWriter) {
    h.open("figure", [("class", "plot-figure sweep-figure")])
    let svg = plot.kind == .heatmap ? renderHeatmapSVG(plot, id: id) : renderBandSVG(plot, id: id)
    h.raw(RawHTML(trustedMarkup: svg))
    if !plot.title.isEmpty { h.element("figcaption", text: plot.title) }
    h.close("figure"); h.newline()
}

/// "Sweep lr-grid: 8 optimizer × 13 lr × 10 seed = 1040 points; metrics: …",
/// then the points in a `<details>` table (folded: a sweep can have
/// thousands); a diverged metric shows as in every table.
func writeSweepTable(_ t: SweepTable, into h: inout HTMLWriter) {
    let shape = t.axes.map { "\($0.labels.count) \($0.name)" }.joined(separator: " × ")
    let diverged = t.values.filter { $0.contains { !$0.isFinite } }.count
    h.open("details", [("class", "sweep")])
    h.open("summary")
    h.element("strong", text: "Sweep \(t.title.isEmpty ? t.name : t.title)")
    h.text(": \(shape) = \(t.values.count) point\(t.values.count == 1 ? "" : "s"); metrics: "
           + t.metrics.joined(separator: ", ")
           + (diverged > 0 ? "; \(diverged) point\(diverged == 1 ? "" : "s") diverged" : "")
           + ". Show every point.")
    h.close("summary")
    let rows = t.values.indices.map { p -> [Cell] in
        t.coordinates(ofPoint: p).map { Cell.text($0) } + t.values[p].map { Cell.number($0) }
    }
    writeTable(Table(name: t.name, columns: t.axes.map(\.name) + t.metrics, rows: rows), into: &h)
    h.close("details"); h.newline()
}
