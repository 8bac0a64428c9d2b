import Records

/// One value that moved away from its baseline, for the drift page. Report
/// knows nothing of baselines files: the caller (optnb check) fills these in.
public struct DriftItem: Sendable, Equatable {
    /// What the baseline and the new render hold; nil on the side that lacks the value.
    public enum Values: Sendable, Equatable {
        /// A single number, shown in the table.
        case numbers(baseline: Double?, now: Double?)
        /// A series, drawn as a plot of both.
        case series(baseline: [Double]?, now: [Double]?)
    }
    /// `block/record/…`, as in the results file.
    public var key: String
    /// "changed", "missing" or "new".
    public var kind: String
    /// The baseline's and the new render's value.
    public var values: Values
    /// A one-line account, e.g. "changed at [12]: 0.5 → 0.50001 (rel 2e-05)".
    public var summary: String
    /// The notebook line that reported the value, when known.
    public var line: Int?

    /// An item with every field as given.
    public init(key: String, kind: String, values: Values, summary: String, line: Int?) {
        self.key = key; self.kind = kind; self.values = values; self.summary = summary; self.line = line
    }
}

/// A page showing what drifted: each drifted series as a plot of the
/// baseline and the new values overlaid (and their difference on a log
/// scale), each drifted number in a table. It links to the report itself.
public func renderDriftPage(notebook: String, title: String, reportHref: String,
                            items: [DriftItem], options: ReportOptions) -> String {
    renderPage(title: "Drift: \(title)", options: options, header: { h in
        h.open("header", [("class", "page-header")]); h.newline()
        if let href = HTML.safeURL(reportHref) {
            h.open("nav", [("class", "crumbs")])
            h.element("a", [("href", href)], text: "← The report")
            h.close("nav"); h.newline()
        }
        h.element("h1", text: "Drift: \(title)"); h.newline()
        h.element("p", [("class", "summary status-failed")],
                  text: "\(items.count) value\(items.count == 1 ? "" : "s") of \(notebook) moved away from the baseline.")
        h.close("header"); h.newline()
    }, main: { h in writeDrifts(items, notebook: notebook, into: &h) })
}

/// Drifted numbers in one table, then each drifted series as two plots.
private func writeDrifts(_ items: [DriftItem], notebook: String, into h: inout HTMLWriter) {

    let numbers = items.filter { if case .numbers = $0.values { true } else { false } }
    if !numbers.isEmpty {
        let rows: [[Cell]] = numbers.map { item in
            guard case .numbers(let b, let n) = item.values else { return [] }
            // Shortest round-trip decimals: drift hides in the digits a
            // 6-significant-digit table would round away.
            let exact = { (x: Double?) -> Cell in .text(x.map { "\($0)" } ?? "—") }
            let difference: Cell = (b != nil && n != nil) ? .number(abs(n! - b!)) : .text("—")
            return [.text(item.key), .text(item.kind), exact(b), exact(n), difference,
                    .text(item.line.map { "\(notebook):\($0)" } ?? "")]
        }
        writeTable(Table(name: "Numbers", columns: ["key", "kind", "baseline", "now", "|now − baseline|", "reported at"],
                         rows: rows), into: &h)
    }
    for (i, item) in items.enumerated() {
        guard case .series(let baseline, let now) = item.values else { continue }
        h.element("h2", [("id", "drift-\(i + 1)")], text: item.key); h.newline()
        h.element("p", text: item.summary + (item.line.map { " · \(notebook):\($0)" } ?? "")); h.newline()
        var series: [Series] = []
        if let baseline { series.append(Series(label: "baseline", y: baseline)) }
        if let now { series.append(Series(label: "now", y: now)) }
        writePlotFigure(Plot(name: "drift-\(i + 1)", title: item.key, xLabel: "index", yLabel: "value",
                             series: series),
                        id: "drift-\(i + 1)", caption: "Baseline and new values of \(item.key).", into: &h)
        if let baseline, let now {
            let difference = zip(baseline, now).map { abs($1 - $0) }
            writePlotFigure(Plot(name: "drift-\(i + 1)-difference", title: "|now − baseline|",
                                 xLabel: "index", yLabel: "|now − baseline|", yScale: .log,
                                 series: [Series(label: "|now − baseline|", y: difference)]),
                            id: "drift-\(i + 1)-difference",
                            caption: "Absolute difference per element (log scale; zeros are not drawn).", into: &h)
        }
    }
}
