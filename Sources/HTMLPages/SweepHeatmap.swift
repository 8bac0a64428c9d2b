import Foundation
import Records

/// A heatmap (`SweepPlot` of kind `.heatmap`) as a standalone inline SVG.
///
/// Cells are coloured on viridis (perceptually uniform, readable with every
/// common colour-vision deficiency and in greyscale), over the values'
/// logarithm when `colorScale` is `.log`; a colour bar on the right gives
/// the scale with ticks and says which end is better. Each cell's `<title>`
/// holds its coordinates and exact value (a tooltip without script); cells
/// wide enough also show the value, in black or white by the fill's
/// luminance. The best cell (lowest, when lower is better) has a heavy
/// outline and "best" in its title; a diverged cell (NaN, ±∞) is left
/// unfilled with an ✕. The viewBox fits the labels; colours print as they
/// are (`print-color-adjust: exact`); axis text uses `currentColor`, so it
/// follows dark mode.
public func renderHeatmapSVG(_ plot: SweepPlot, width: Int = 640, id: String? = nil) -> String {
    let grid = plot.heatmap ?? HeatmapGrid(columns: [], rows: [], values: [], colorScale: .linear, lowerIsBetter: true)
    let baseID = id ?? "plot-" + slug(plot.name)
    let n = svgNumber
    let W = Double(max(width, 240))
    let rows = grid.rows.count, columns = grid.columns.count
    let value = { (r: Int, c: Int) -> Double in
        r < grid.values.count && c < grid.values[r].count ? grid.values[r][c] : .nan
    }
    let scale = Axis(scale: grid.colorScale, lo: 0, hi: 1)
    let finite = (0..<rows).flatMap { r in (0..<columns).compactMap { c in scale.transform(value(r, c)) } }
    let lo = finite.min() ?? 0, hi = finite.max() ?? 1
    let best = bestCell(grid, rows: rows, columns: columns, value: value, scale: scale)

    // Margins: y labels and title on the left, the colour bar on the right.
    let yLabelWidth = (grid.rows.map { PlotLayout.labelWidth($0) }.max() ?? 0)
    let barTicks = colourTicks(lo, hi, grid.colorScale)
    let barLabelWidth = barTicks.map { PlotLayout.labelWidth($0.label) }.max() ?? 20
    let left = 26 + yLabelWidth + 8
    let right = 14 + 20 + barLabelWidth + 8
    let top = 24.0, bottom = 44.0
    let plotWidth = max(W - left - right - 16, 40)
    let cellWidth = plotWidth / Double(max(columns, 1))
    let cellHeight = min(max(cellWidth * 0.62, 22), 40)
    let plotHeight = cellHeight * Double(max(rows, 1))
    let H = top + plotHeight + bottom + 16
    let showValues = cellWidth >= 40

    var svg = SVGWriter()
    svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "plot heatmap"),
                     ("viewBox", "0 0 \(n(W)) \(n(H))"), ("width", "100%"), ("role", "img"),
                     ("aria-labelledby", "\(baseID)-title \(baseID)-desc"), ("font-size", "12"),
                     ("style", "print-color-adjust: exact; -webkit-print-color-adjust: exact")])
    svg.newline()
    svg.text("title", [("id", "\(baseID)-title")], plot.title.isEmpty ? plot.name : plot.title)
    svg.text("desc", [("id", "\(baseID)-desc")], describeHeatmap(plot, grid, best: best, value: value))
    svg.newline()

    svg.open("g", [("class", "cells")])
    for r in 0..<rows {
        for c in 0..<columns {
            let v = value(r, c)
            let x = left + Double(c) * cellWidth, y = top + Double(rows - 1 - r) * cellHeight
            let tip = "\(plot.axes.yLabel) \(grid.rows[r]), \(plot.axes.xLabel) \(grid.columns[c]): "
                + (v.isFinite ? formatNumber(v, significantDigits: 6) : "diverged (\(formatNumber(v)))")
                + (best.map { $0 == (r, c) } ?? false ? " (best)" : "")
            if let t = scale.transform(v) {
                let colour = Viridis.colour(hi > lo ? (t - lo) / (hi - lo) : 0.5)
                svg.open("rect", [("x", n(x)), ("y", n(y)), ("width", n(cellWidth)), ("height", n(cellHeight)),
                                  ("fill", colour.hex), ("stroke", "#ffffff"), ("stroke-width", "0.5")])
                svg.text("title", [], tip)
                svg.close("rect")
                if showValues {
                    svg.text("text", [("x", n(x + cellWidth / 2)), ("y", n(y + cellHeight / 2 + 4)), ("text-anchor", "middle"),
                                      ("font-size", "11"), ("fill", colour.isLight ? "#000000" : "#ffffff"),
                                      ("pointer-events", "none")], formatNumber(v, significantDigits: 3))
                }
            } else {
                svg.open("rect", [("class", "diverged"), ("x", n(x)), ("y", n(y)), ("width", n(cellWidth)),
                                  ("height", n(cellHeight)), ("fill", "currentColor"), ("fill-opacity", "0.06"),
                                  ("stroke", "currentColor"), ("stroke-opacity", "0.3"), ("stroke-width", "0.5")])
                svg.text("title", [], tip)
                svg.close("rect")
                svg.empty("path", [("d", "M\(n(x + cellWidth / 2 - 5)) \(n(y + cellHeight / 2 - 5))l10 10m0 -10l-10 10"),
                                   ("stroke", "currentColor"), ("stroke-width", "1.5"), ("fill", "none"),
                                   ("pointer-events", "none")])
            }
        }
    }
    svg.close("g"); svg.newline()

    if let (r, c) = best {
        let x = left + Double(c) * cellWidth, y = top + Double(rows - 1 - r) * cellHeight
        // Two outlines, dark over light, so the mark shows on every colour.
        svg.open("g", [("class", "best"), ("fill", "none"), ("pointer-events", "none")])
        svg.empty("rect", [("x", n(x + 1.5)), ("y", n(y + 1.5)), ("width", n(cellWidth - 3)), ("height", n(cellHeight - 3)),
                           ("stroke", "#ffffff"), ("stroke-width", "3")])
        svg.empty("rect", [("x", n(x + 1.5)), ("y", n(y + 1.5)), ("width", n(cellWidth - 3)), ("height", n(cellHeight - 3)),
                           ("stroke", "#000000"), ("stroke-width", "1.5"), ("stroke-dasharray", "4 2")])
        svg.close("g"); svg.newline()
    }

    svg.open("g", [("class", "axes"), ("fill", "currentColor")])
    for r in 0..<rows {
        let y = top + (Double(rows - 1 - r) + 0.5) * cellHeight + 4
        svg.text("text", [("x", n(left - 6)), ("y", n(y)), ("text-anchor", "end")], grid.rows[r])
    }
    let step = max(1, Int((PlotLayout.labelWidth(grid.columns.max { $0.count < $1.count } ?? "") + 6) / max(cellWidth, 1)) + 1)
    for c in stride(from: 0, to: columns, by: step) {
        svg.text("text", [("x", n(left + (Double(c) + 0.5) * cellWidth)), ("y", n(top + plotHeight + 16)),
                          ("text-anchor", "middle")], grid.columns[c])
    }
    writeTitledText(TextWidth.truncated(plot.axes.xLabel, toFit: plotWidth, fontSize: 12), full: plot.axes.xLabel,
                    [("x", n(left + plotWidth / 2)), ("y", n(top + plotHeight + 36)), ("text-anchor", "middle")], into: &svg)
    writeTitledText(TextWidth.truncated(plot.axes.yLabel, toFit: plotHeight, fontSize: 12), full: plot.axes.yLabel,
                    [("transform", "rotate(-90)"), ("x", n(-(top + plotHeight / 2))), ("y", "14"), ("text-anchor", "middle")],
                    into: &svg)
    svg.close("g"); svg.newline()

    // The colour bar: 32 bands from the lowest value (bottom) to the highest.
    let barX = W - right + 8
    svg.open("g", [("class", "colour-bar")])
    let bands = 32
    for k in 0..<bands {
        let y = top + plotHeight * (1 - Double(k + 1) / Double(bands))
        svg.empty("rect", [("x", n(barX)), ("y", n(y)), ("width", "14"), ("height", n(plotHeight / Double(bands) + 0.5)),
                           ("fill", Viridis.colour((Double(k) + 0.5) / Double(bands)).hex)])
    }
    svg.empty("rect", [("x", n(barX)), ("y", n(top)), ("width", "14"), ("height", n(plotHeight)),
                       ("fill", "none"), ("stroke", "currentColor"), ("stroke-opacity", "0.5")])
    svg.open("g", [("fill", "currentColor")])
    for t in barTicks {
        guard let tv = scale.transform(t.value), hi > lo || barTicks.count == 1 else { continue }
        let f = hi > lo ? (tv - lo) / (hi - lo) : 0.5
        let y = top + plotHeight * (1 - f)
        svg.empty("line", [("x1", n(barX + 14)), ("x2", n(barX + 18)), ("y1", n(y)), ("y2", n(y)), ("stroke", "currentColor")])
        svg.text("text", [("x", n(barX + 20)), ("y", n(y + 4))], t.label)
    }
    svg.text("text", [("x", n(W - PlotLayout.edge)), ("y", n(top - 8)), ("text-anchor", "end"), ("font-size", "10")],
             grid.lowerIsBetter ? "lower is better" : "higher is better")
    svg.close("g")
    svg.close("g")
    svg.close("svg")
    return svg.output
}

/// The row and column of the best finite cell; ties go to the first in row order.
private func bestCell(_ grid: HeatmapGrid, rows: Int, columns: Int, value: (Int, Int) -> Double,
                      scale: Axis) -> (Int, Int)? {
    var best: (Int, Int)?
    for r in 0..<rows {
        for c in 0..<columns where scale.transform(value(r, c)) != nil {
            guard let (br, bc) = best else { best = (r, c); continue }
            let better = grid.lowerIsBetter ? value(r, c) < value(br, bc) : value(r, c) > value(br, bc)
            if better { best = (r, c) }
        }
    }
    return best
}

/// Ticks for the colour bar, within [lo, hi] (transformed units).
private func colourTicks(_ lo: Double, _ hi: Double, _ scale: AxisScale) -> [(value: Double, label: String)] {
    let axis = hi > lo ? Axis(scale: scale, lo: lo, hi: hi) : Axis.fitting(lo, hi, scale: scale)
    let ticks = axis.ticks()
    return ticks.isEmpty ? [(scale == .log ? pow(10, lo) : lo, formatNumber(scale == .log ? pow(10, lo) : lo, significantDigits: 3))] : ticks
}

private func describeHeatmap(_ plot: SweepPlot, _ grid: HeatmapGrid, best: (Int, Int)?,
                             value: (Int, Int) -> Double) -> String {
    var text = "Heatmap of \(plot.bandLabel) over \(grid.rows.count) \(plot.axes.yLabel) values (rows) and "
        + "\(grid.columns.count) \(plot.axes.xLabel) values (columns), colour on a \(grid.colorScale.rawValue) scale"
        + (grid.lowerIsBetter ? ", lower is better." : ", higher is better.")
    if let (r, c) = best {
        text += " Best: \(formatNumber(value(r, c), significantDigits: 4)) at \(plot.axes.yLabel) \(grid.rows[r]), \(plot.axes.xLabel) \(grid.columns[c])."
    }
    let diverged = grid.values.joined().filter { !$0.isFinite }.count
    if diverged > 0 { text += " \(diverged) cell\(diverged == 1 ? "" : "s") diverged." }
    return text
}

/// Matplotlib's viridis, sampled at ten evenly spaced stops and
/// interpolated linearly in sRGB.
enum Viridis {
    static let stops: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x48, 0x28, 0x78), (0x3e, 0x49, 0x89), (0x31, 0x68, 0x8e), (0x26, 0x82, 0x8e),
        (0x1f, 0x9e, 0x89), (0x35, 0xb7, 0x79), (0x6e, 0xce, 0x58), (0xb5, 0xde, 0x2b), (0xfd, 0xe7, 0x25),
    ]

    struct Colour {
        var r: Double, g: Double, b: Double
        var hex: String { String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded())) }
        /// Relative luminance above ~0.4: black text reads better on it.
        var isLight: Bool { (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.45 }
    }

    /// The colour at `f` in [0, 1] (clamped; NaN counts as 0).
    static func colour(_ f: Double) -> Colour {
        let t = f.isNaN ? 0 : min(max(f, 0), 1) * Double(stops.count - 1)
        let i = min(Int(t), stops.count - 2), u = t - Double(i)
        let a = stops[i], b = stops[i + 1]
        return Colour(r: a.0 + (b.0 - a.0) * u, g: a.1 + (b.1 - a.1) * u, b: a.2 + (b.2 - a.2) * u)
    }
}
