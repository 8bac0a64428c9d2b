import Foundation
import Records

/// A library-vs-manual comparison: a loss plot with both curves (unless the
/// notebook asked for none: `compare(…, lossPlot: false)`), a divergence plot
/// (max |Δθ| per step, log y) and a summary table.
func writeComparison(_ c: Comparison, id: String, number: String? = nil, into h: inout HTMLWriter) {
    h.open("figure", [("class", "comparison"), ("id", id)])
    h.open("figcaption")
    if let number { h.text(number + ": ") }
    h.element("strong", text: c.title.isEmpty ? c.name : c.title)
    h.text(" — \(c.libraryLabel) vs \(c.manualLabel), \(c.steps) steps")
    h.close("figcaption"); h.newline()

    if c.lossPlot ?? true {
        let lossPlot = Plot(name: c.name + "-loss", title: "Loss: \(c.libraryLabel) vs \(c.manualLabel)",
                            xLabel: "step", yLabel: "loss", yScale: lossScale(c.libraryLoss + c.manualLoss),
                            series: [Series(label: c.libraryLabel, y: c.libraryLoss),
                                     Series(label: c.manualLabel, y: c.manualLoss)])
        writePlotFigure(lossPlot, id: id + "-loss", caption: "Loss before each step and after the last.", into: &h)
    }

    let divergence = divergencePlot(c)
    writePlotFigure(divergence.plot, id: id + "-divergence", caption: divergence.caption, into: &h)
    writeComparisonTable(c, into: &h)
    h.close("figure"); h.newline()
}

/// Log when the loss is positive and spans at least two decades, where a
/// linear axis would flatten everything after the first steps.
private func lossScale(_ values: [Double]) -> AxisScale {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max(), lo > 0 else { return .linear }
    return hi / lo >= 100 ? .log : .linear
}

/// max |Δθ| per step on a log axis. Zeros (bit-identical parameters, the
/// usual result) have no logarithm: they are drawn at a floor one decade
/// below the smallest non-zero difference (1e-16 when all are zero) and
/// the caption and legend say so. NaN/∞ are left in, to be flagged.
func divergencePlot(_ c: Comparison) -> (plot: Plot, caption: String) {
    let d = c.maxAbsDifference
    let positive = d.filter { $0.isFinite && $0 > 0 }
    let zeros = d.filter { $0 == 0 }.count
    let floorValue = positive.min().map { Ticks.value(1, Int(floor(log10($0))) - 1) } ?? 1e-16
    let drawn = d.map { $0 == 0 ? floorValue : $0 }
    var label = "max |Δθ|"
    var caption = "Largest parameter difference |θ_library − θ_manual| after each step (log scale)."
    if !d.isEmpty && zeros == d.count {
        label += " (exactly equal: 0 at every step)"
        caption += " Exactly equal at every step: |Δθ| = 0 throughout, drawn at the floor \(formatNumber(floorValue))."
    } else if zeros > 0 {
        caption += " \(zeros) of \(d.count) steps exactly equal (|Δθ| = 0), drawn at the floor \(formatNumber(floorValue))."
    }
    let x = (0..<d.count).map { Double($0 + 1) }
    let plot = Plot(name: c.name + "-divergence", title: "Divergence: max |Δθ| per step",
                    xLabel: "step", yLabel: "max |Δθ|", yScale: .log,
                    series: [Series(label: label, x: x, y: drawn)])
    return (plot, caption)
}

/// A plot in its own figure with a caption and its warnings right under it.
func writePlotFigure(_ plot: Plot, id: String, caption: String?, into h: inout HTMLWriter) {
    h.open("figure", [("class", "plot-figure"), ("id", id)])
    h.raw(RawHTML(trustedMarkup: renderPlotSVG(plot, id: id)))
    writeWarnings(plotWarnings(plot), into: &h)
    let text = caption ?? (plot.title.isEmpty ? nil : plot.title)
    if let text { h.element("figcaption", text: text) }
    h.close("figure"); h.newline()
}

/// Steps needed to reach `threshold`: the first k with loss[k] ≤ threshold
/// (loss[k] is the loss after k steps); nil when never reached or not asked.
func stepsToReach(_ loss: [Double], threshold: Double?) -> Int? {
    guard let threshold, !threshold.isNaN else { return nil }
    return loss.firstIndex { !$0.isNaN && $0 <= threshold }
}

private func writeComparisonTable(_ c: Comparison, into h: inout HTMLWriter) {
    h.open("div", [("class", "table-scroll")])
    h.open("table", [("class", "data comparison-table")])
    h.element("caption", text: "Summary")
    h.open("thead"); h.open("tr")
    h.element("th", [("scope", "col"), ("class", "text")], text: "")
    h.element("th", [("scope", "col"), ("class", headerClass("num", c.libraryLabel))], text: c.libraryLabel)
    h.element("th", [("scope", "col"), ("class", headerClass("num", c.manualLabel))], text: c.manualLabel)
    h.close("tr"); h.close("thead"); h.newline()
    h.open("tbody")

    func row(_ name: String, _ a: Cell?, _ b: Cell?) {
        h.open("tr")
        h.element("th", [("scope", "row"), ("class", "text")], text: name)
        for cell in [a, b] {
            h.element("td", [("class", cell.map { cellClass($0, volatile: false) } ?? "num missing")],
                      text: cell.map(cellText) ?? "—")
        }
        h.close("tr"); h.newline()
    }
    row("final loss", c.libraryLoss.last.map(Cell.number), c.manualLoss.last.map(Cell.number))
    let reachName = c.lossThreshold.map { "steps to reach loss ≤ \(formatNumber($0))" } ?? "steps to reach a loss threshold"
    row(reachName,
        stepsToReach(c.libraryLoss, threshold: c.lossThreshold).map { .number(Double($0)) },
        stepsToReach(c.manualLoss, threshold: c.lossThreshold).map { .number(Double($0)) })

    // One number for the pair, so it spans both columns.
    h.open("tr")
    h.element("th", [("scope", "row"), ("class", "text")], text: "max |Δθ| over the run")
    let maxDiff: Double? = c.maxAbsDifference.isEmpty ? nil
        : c.maxAbsDifference.contains(where: \.isNaN) ? .nan : c.maxAbsDifference.max()
    h.element("td", [("colspan", "2"), ("class", maxDiff.map { cellClass(.number($0), volatile: false) } ?? "num missing")],
              text: maxDiff.map { formatNumber($0) } ?? "—")
    h.close("tr"); h.newline()

    h.open("tr")
    h.element("th", [("scope", "row"), ("class", "text")], text: "mean time per step")
    for (label, seconds) in [(c.libraryLabel, c.librarySecondsPerStep), (c.manualLabel, c.manualSecondsPerStep)] {
        h.element("td", [("class", "num timing")]) {
            $0.volatileReference(label: "\(c.title): \(label), mean time per step", value: seconds)
        }
    }
    h.close("tr"); h.newline()
    h.close("tbody"); h.close("table"); h.close("div")
    var notes: [String] = []
    if c.lossThreshold == nil { notes.append("no loss threshold was given, so “steps to reach” is “—”") }
    if let t = c.lossThreshold {
        for (label, loss) in [(c.libraryLabel, c.libraryLoss), (c.manualLabel, c.manualLoss)]
        where stepsToReach(loss, threshold: t) == nil {
            notes.append("\(label) never reached loss ≤ \(formatNumber(t))")
        }
    }
    for n in notes { h.element("p", [("class", "footnote")], text: "— " + n + ".") }
    let bad = [("library", c.librarySecondsPerStep), ("manual", c.manualSecondsPerStep)].filter { !$0.1.isFinite }
    writeWarnings(bad.map { "\($0.0) time per step is \(formatNumber($0.1))" }, into: &h)
}
