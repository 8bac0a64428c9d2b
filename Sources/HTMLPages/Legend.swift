/// Where a plot's legend entries go: rows along the top of the SVG.
///
/// An entry is a 24-unit swatch, a 6-unit gap and its label, so it spans
/// [x, x + 30 + estimated label width]. Entries follow each other 16 units
/// apart and wrap to a new row when the next one would pass the right
/// margin; a label too long for a row of its own is cut with "…" (the full
/// label stays in the entry's `<title>` and in the plot's description). The
/// widths are `TextWidth` upper bounds, so entries on a row never touch.
enum Legend {
    static let fontSize = 12.0
    static let swatch = 24.0, labelGap = 6.0, spacing = 16.0, margin = 8.0, rowHeight = 18.0

    struct Place: Equatable {
        /// Left end of the swatch.
        var x: Double
        var row: Int
        /// The label as drawn: the whole label, or its start and "…".
        var label: String
        /// Where the label's text starts.
        var textX: Double { x + Legend.swatch + Legend.labelGap }
        /// Right end of the entry (its label's estimated end).
        var end: Double { textX + TextWidth.estimate(label, fontSize: Legend.fontSize) }
        /// Baseline of the label.
        var baseline: Double { 14 + Double(row) * Legend.rowHeight }
    }

    /// Places for `labels` in an SVG `width` units wide.
    static func layout(_ labels: [String], width: Double) -> [Place] {
        let room = max(width - 2 * margin - swatch - labelGap, fontSize)
        var places: [Place] = []
        var cursor = margin, row = 0
        for label in labels {
            let shown = TextWidth.truncated(label, toFit: room, fontSize: fontSize)
            let length = swatch + labelGap + TextWidth.estimate(shown, fontSize: fontSize)
            if cursor + length > width - margin && cursor > margin { row += 1; cursor = margin }
            places.append(Place(x: cursor, row: row, label: shown))
            cursor += length + spacing
        }
        return places
    }

    /// Height the legend takes above the plot area (0 without entries).
    static func height(_ places: [Place]) -> Double {
        guard let rows = places.map(\.row).max() else { return 0 }
        return Double(rows + 1) * rowHeight + 4
    }
}
