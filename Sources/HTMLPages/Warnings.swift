import Records

/// Plain-language warnings about values a report cannot draw or that a
/// reader must not miss (NaN, ±∞, non-positive values on a log axis).

/// "3 NaN values from step 17", "1 +∞ value at step 40", … one part per
/// kind of non-finite value present; `position(i)` names index i.
private func describe(_ v: [Double], position: (Int) -> String) -> [String] {
    let kinds: [(String, (Double) -> Bool)] = [
        ("NaN", { $0.isNaN }),
        ("+∞", { $0 == .infinity }),
        ("-∞", { $0 == -.infinity }),
    ]
    var parts: [String] = []
    for (name, test) in kinds {
        let hits = v.indices.filter { test(v[$0]) }
        guard let first = hits.first else { continue }
        let noun = hits.count == 1 ? "value at" : "values from"
        parts.append("\(hits.count) \(name) \(noun) \(position(first))")
    }
    return parts
}

private func joined(_ parts: [String]) -> String {
    switch parts.count {
    case 0: return ""
    case 1: return parts[0]
    default: return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}

/// Warnings for one plotted series.
///
/// Points are named by x: the step number when `x` is nil (x = 0, 1, 2, …),
/// otherwise "<xLabel> <x>". Non-positive values are reported only for a log axis.
func seriesWarnings(_ s: Series, xLabel: String, xScale: AxisScale, yScale: AxisScale) -> [String] {
    let name = "series “\(s.label)”"
    let n = min(s.y.count, s.x?.count ?? s.y.count)
    let axisName = xLabel.isEmpty ? "x" : xLabel
    let position: (Int) -> String = { i in
        if let x = s.x, x[i].isFinite { return "\(axisName) \(formatNumber(x[i]))" }
        return s.x == nil ? "\(axisName) \(i)" : "point \(i)"
    }
    var out: [String] = []
    let y = Array(s.y.prefix(n))
    let yParts = describe(y, position: position)
    if !yParts.isEmpty { out.append("\(name) has \(joined(yParts))") }
    if let x = s.x {
        let xParts = describe(Array(x.prefix(n)), position: { "point \($0)" })
        if !xParts.isEmpty { out.append("\(name) has x values that are \(joined(xParts))") }
        if x.count != s.y.count {
            out.append("\(name) has \(x.count) x values but \(s.y.count) y values; only the first \(n) points are drawn")
        }
    }
    for (values, scale, axis) in [(y, yScale, "y"), (Array((s.x ?? []).prefix(n)), xScale, "x")]
    where scale == .log {
        let bad = values.indices.filter { values[$0].isFinite && values[$0] <= 0 }
        guard let first = bad.first else { continue }
        let noun = bad.count == 1 ? "value ≤ 0 at" : "values ≤ 0 from"
        out.append("\(name) has \(bad.count) \(axis) \(noun) \(position(first)), not shown on the log scale")
    }
    return out
}

/// Warnings for every series of a plot (contours included: a NaN there is
/// as much a sign of trouble as in a series).
func plotWarnings(_ plot: Plot) -> [String] {
    let all = plot.series + plot.contours.map {
        Series(label: "contour " + $0.label, x: $0.x, y: $0.y)
    }
    return all.flatMap {
        seriesWarnings($0, xLabel: plot.axes.xLabel, xScale: plot.axes.xScale, yScale: plot.axes.yScale)
    } + rangeWarnings(plot, all)
}

/// A warning for each axis whose finite values span more than a Double
/// holds (max − min overflows to ∞, as for [1e308, -1e308]): no scale can
/// place them, so the plot shows them wrongly or not at all.
private func rangeWarnings(_ plot: Plot, _ all: [Series]) -> [String] {
    var out: [String] = []
    let ys = all.flatMap(\.y).filter(\.isFinite)
    let xs = all.compactMap(\.x).flatMap { $0 }.filter(\.isFinite)
    for (values, axis) in [(ys, "y"), (xs, "x")] {
        guard let low = values.min(), let high = values.max(), !(high - low).isFinite else { continue }
        out.append("the \(axis) values of plot “\(plot.title.isEmpty ? plot.name : plot.title)” run from "
                   + "\(formatNumber(low)) to \(formatNumber(high)), a range wider than the largest Double; "
                   + "the plot cannot place them (scale them down before plotting)")
    }
    return out
}

/// Warnings for the numeric cells of a table, column by column; rows are
/// counted from 1 as a reader counts them.
func tableWarnings(_ table: Table) -> [String] {
    let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
    var out: [String] = []
    // A ragged row: its extra cells sit under no header and have no key in
    // the results file; its missing cells are blank.
    for (i, row) in table.rows.enumerated() where row.count != table.columns.count {
        let cells = "\(row.count) cell\(row.count == 1 ? "" : "s")"
        out.append(row.count > table.columns.count
            ? "row \(i + 1) of table “\(table.name)” has \(cells) but the table has \(table.columns.count) columns; the \(row.count - table.columns.count) extra cell\(row.count - table.columns.count == 1 ? " is" : "s are") shown under no header and not kept in the results file"
            : "row \(i + 1) of table “\(table.name)” has \(cells) but the table has \(table.columns.count) columns; the missing cells are left blank")
    }
    for c in 0..<width {
        let values: [Double] = table.rows.map { row in
            if c < row.count, case .number(let v) = row[c] { return v }
            return 0
        }
        let parts = describe(values, position: { "row \($0 + 1)" })
        guard !parts.isEmpty else { continue }
        let name = c < table.columns.count ? "“\(table.columns[c])”" : "\(c + 1)"
        out.append("column \(name) of table “\(table.name)” has \(joined(parts))")
    }
    return out
}
