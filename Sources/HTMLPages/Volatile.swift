/// Values that change from run to run (wall times) are not printed where
/// they are reported: the cell shows a numbered reference, and the numbers
/// themselves are listed in the page footer beside the generation note.
/// So two renders of the same notebook differ only inside that footer, and a
/// published site's diff shows a real change, not timing noise.

/// One volatile value a page refers to.
struct VolatileValue {
    var label: String
    var value: Double
}

extension HTMLWriter {
    /// Writes a reference to `value` (`timing ↓3`) and keeps the value for
    /// the footer.
    mutating func volatileReference(label: String, value: Double) {
        volatileValues.append(VolatileValue(label: label, value: value))
        let n = volatileValues.count
        open("a", [("class", "timing"), ("href", "#optnb:timing-\(n)"),
                   ("title", "\(label): wall-clock time, listed at the end of the page")])
        text("timing ↓\(n)")
        close("a")
    }
}

/// The footer's list of this render's timings, numbered as referenced.
func writeVolatileValues(_ values: [VolatileValue], into h: inout HTMLWriter) {
    guard !values.isEmpty else { return }
    h.element("p", text: "Timings measured in this render (wall-clock; they vary from run to run and are never compared by optnb check):")
    h.open("ol", [("class", "timings")]); h.newline()
    for (i, v) in values.enumerated() {
        h.open("li", [("id", "optnb:timing-\(i + 1)")])
        h.text("\(v.label): \(formatNumber(v.value)) s")
        h.close("li"); h.newline()
    }
    h.close("ol"); h.newline()
}
