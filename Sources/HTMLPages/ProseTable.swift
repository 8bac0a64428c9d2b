import Notebook

/// A pipe table written in the notebook's prose, as HTML.
///
/// It shares the recorded tables' look (`table`, `th`, `td` rules in
/// `Style.swift`) and their `.table-scroll` box, so a wide table scrolls
/// inside itself on a phone instead of widening the page. Unlike recorded
/// tables, cells wrap: they hold prose. Alignment is a class
/// (`align-left`, `align-center`, `align-right`) rather than a `style`
/// attribute, so the page keeps working under a CSP that forbids inline
/// styles. Cell content goes through `writeInlines`, escaped like all prose.
/// With no body rows there is no `<tbody>` (GFM does the same).
func writeProseTable(alignments: [ColumnAlignment], header: [[Inline]], rows: [[[Inline]]],
                     _ ctx: RenderContext, into h: inout HTMLWriter) {
    let classes = alignments.map(alignmentClass)
    func cell(_ tag: String, _ c: Int, _ content: [Inline], _ h: inout HTMLWriter) {
        let cls = c < classes.count ? classes[c] : nil
        h.open(tag, tag == "th" ? [("scope", "col"), ("class", cls)] : [("class", cls)])
        writeInlines(content, ctx, into: &h)
        h.close(tag)
    }
    h.open("div", [("class", "table-scroll")])
    h.open("table", [("class", "prose")]); h.newline()
    h.open("thead"); h.open("tr")
    for (c, content) in header.enumerated() { cell("th", c, content, &h) }
    h.close("tr"); h.close("thead"); h.newline()
    if !rows.isEmpty {
        h.open("tbody"); h.newline()
        for row in rows {
            h.open("tr")
            for (c, content) in row.enumerated() { cell("td", c, content, &h) }
            h.close("tr"); h.newline()
        }
        h.close("tbody"); h.newline()
    }
    h.close("table"); h.close("div")
}

private func alignmentClass(_ a: ColumnAlignment) -> String? {
    switch a {
    case .none: nil
    case .left: "align-left"
    case .center: "align-center"
    case .right: "align-right"
    }
}
