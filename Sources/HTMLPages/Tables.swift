import Records

/// Tables and scalar lists. Numbers are right-aligned with tabular figures
/// (class `num`), text left-aligned (class `text`); volatile values (timings)
/// are references to the footer's list (see `Volatile.swift`).

/// The CSS classes of one cell.
func cellClass(_ cell: Cell, volatile: Bool) -> String {
    var c: String
    switch cell {
    case .text(let s): c = s.count > longText ? "text long" : "text"
    case .number(let v): c = v.isFinite ? "num" : "num nonfinite"
    }
    if volatile { c += " timing" }
    return c
}

func cellText(_ cell: Cell) -> String {
    switch cell {
    case .text(let s): return s
    case .number(let v): return formatNumber(v)
    }
}

/// A recorded table. Ragged rows are padded with empty cells so the grid
/// stays rectangular; a column is right-aligned in its header when it holds
/// numbers and no text.
func writeTable(_ table: Table, id: String? = nil, number: String? = nil, into h: inout HTMLWriter) {
    let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
    let columns = (0..<width).map { $0 < table.columns.count ? table.columns[$0] : "" }
    let volatile = columns.map { table.volatileColumns.contains($0) && !$0.isEmpty }
    let numeric = (0..<width).map { c in
        let cells = table.rows.compactMap { c < $0.count ? $0[c] : nil }
        let hasNumber = cells.contains { if case .number = $0 { true } else { false } }
        let hasText = cells.contains { if case .text(let s) = $0 { !s.isEmpty } else { false } }
        return hasNumber && !hasText
    }
    let headers = (0..<width).map { c in
        (columns[c], headerClass(numeric[c] ? "num" : "text", columns[c]) + (volatile[c] ? " timing" : ""))
    }
    let caption = [number, table.name.isEmpty ? nil : table.name].compactMap { $0 }.joined(separator: ": ")
    writeTableFrame(tableClass: "data", caption: caption, id: id, headers: headers, into: &h, rows: { h in
        for row in table.rows {
            h.open("tr")
            for c in 0..<width {
                let cell = c < row.count ? row[c] : .text("")
                if volatile[c], case .number(let v) = cell {
                    let label = [table.name, row.first.map(cellText) ?? "", columns[c]].filter { !$0.isEmpty }
                    h.element("td", [("class", cellClass(cell, volatile: true))]) {
                        $0.volatileReference(label: label.joined(separator: " · "), value: v)
                    }
                } else {
                    h.element("td", [("class", cellClass(cell, volatile: volatile[c]))], text: cellText(cell))
                }
            }
            h.close("tr"); h.newline()
        }
    }, after: { writeWarnings(tableWarnings(table), into: &$0) })
}

/// The frame every data table shares: a figure holding a sideways-scrolling
/// `<table>` with an optional caption and one header row of (text, class)
/// cells. `rows` writes the body's rows; `after` what follows the scroll box
/// inside the figure (warnings).
func writeTableFrame(
    tableClass: String, caption: String, id: String? = nil, headers: [(text: String, cssClass: String)], into h: inout HTMLWriter,
    rows: (inout HTMLWriter) -> Void, after: (inout HTMLWriter) -> Void = { _ in }
) {
    h.open("figure", [("class", "table-figure"), ("id", id)])
    h.open("div", [("class", "table-scroll")])
    h.open("table", [("class", tableClass)])
    if !caption.isEmpty { h.element("caption", text: caption) }
    h.open("thead"); h.open("tr")
    for header in headers { h.element("th", [("scope", "col"), ("class", header.cssClass)], text: header.text) }
    h.close("tr"); h.close("thead"); h.newline()
    h.open("tbody")
    rows(&h)
    h.close("tbody"); h.close("table"); h.close("div")
    after(&h)
    h.close("figure"); h.newline()
}

/// Headers and text cells stay on one line (a header broken at "η = | 0.003"
/// or a cell at "always | on" reads badly, and the table scrolls instead);
/// one longer than this many characters gets class `long` and may wrap, so
/// it does not set its column's width alone.
let longText = 20

/// `base`, plus `long` for a header allowed to wrap.
func headerClass(_ base: String, _ header: String) -> String {
    header.count > longText ? base + " long" : base
}

/// A run of consecutive scalars as a two-column name/value table.
func writeScalars(_ scalars: [ScalarValue], into h: inout HTMLWriter) {
    h.open("div", [("class", "table-scroll")])
    h.open("table", [("class", "scalars")])
    h.open("tbody")
    for s in scalars {
        h.open("tr")
        h.element("th", [("scope", "row"), ("class", "text")], text: s.name)
        h.open("td", [("class", cellClass(.number(s.value), volatile: s.volatile))])
        if s.volatile { h.volatileReference(label: s.name, value: s.value) } else { h.text(formatNumber(s.value)) }
        h.close("td")
        h.close("tr")
    }
    h.close("tbody"); h.close("table"); h.close("div"); h.newline()
    let bad = scalars.filter { !$0.value.isFinite }
        .map { "scalar “\($0.name)” is \(formatNumber($0.value))" }
    writeWarnings(bad, into: &h)
}

/// Visible warning badges, one per message.
func writeWarnings(_ messages: [String], into h: inout HTMLWriter) {
    for m in messages {
        h.open("p", [("class", "warning"), ("role", "note")])
        h.element("span", [("class", "badge")], text: "⚠ warning")
        h.literal(" ")
        h.text(m)
        h.close("p"); h.newline()
    }
}
