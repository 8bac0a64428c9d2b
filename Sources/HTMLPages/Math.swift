import Notebook

/// Typeset math and cross-references in prose.

/// A formula's MathML (escaped by `TeXMath` when it was converted). Display
/// math is a block-level span (it sits inside a paragraph) with its number,
/// if it has one, at the right; the number's anchor is what `@eq-…` links to.
func writeMath(_ m: MathInline, _ ctx: RenderContext, into h: inout HTMLWriter) {
    guard m.display else {
        h.raw(RawHTML(trustedMarkup: m.mathML))
        return
    }
    let number = ctx.references?.equations[m.position]
    h.open("span", [("class", "display-math"), ("id", number?.anchor)])
    h.raw(RawHTML(trustedMarkup: m.mathML))
    if let number {
        h.element("span", [("class", "eq-number")], text: "(\(number.number))")
    }
    h.close("span")
}

/// `@fig-…` as "Figure 3", a link to the figure; unresolved (the notebook
/// was not run, or the block failed) it stays visible as "Figure ?".
func writeReference(_ label: String, _ ctx: RenderContext, into h: inout HTMLWriter) {
    if let target = ctx.references?.targets[label] {
        let text = target.kind == "Equation" ? "(\(target.number))" : "\(target.kind) \(target.number)"
        h.element("a", [("class", "xref"), ("href", "#" + target.anchor)], text: text)
        return
    }
    let kind = label.hasPrefix("fig-") ? "Figure" : label.hasPrefix("tbl-") ? "Table" : "Equation"
    h.element("span", [("class", "xref unresolved"), ("title", "@\(label): not rendered (its block did not run)")],
              text: "\(kind) ?")
}

/// "Figure 3: " before a caption, when the figure has a number.
func numberedCaption(_ id: String, kind: String, _ ctx: RenderContext?) -> String? {
    ctx?.references?.numbers[id].map { "\(kind) \($0)" }
}
