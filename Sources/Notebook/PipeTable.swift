/// GFM's pipe-table rule (GFM spec §4.10 "Tables (extension)", read
/// together with cmark-gfm's `extensions/table.c`, which GitHub runs), applied
/// to the lines of a paragraph cmark core has already found. Pure text
/// work: no cmark, no inline parsing.
///
/// - A row is a line split at pipes that are not preceded by a backslash;
///   one leading and one trailing pipe are optional, surrounding whitespace
///   is trimmed from the line and from each cell, and `\|` becomes `|` in
///   the cell's text (also inside code spans, as in GFM). A line that is
///   blank or only `|` is not a row.
/// - The delimiter row is a row whose every cell is `:?-+:?`.
/// - The first line (after the paragraph's first) that is a delimiter row
///   decides: when the line before it is a row with as many cells, that
///   line is the header and a table starts there; otherwise this paragraph
///   holds no table at all (cmark-gfm marks the paragraph as tried).
///   Lines before the header stay a paragraph, so a table may interrupt a
///   paragraph, as in GFM.
/// - Body rows follow until the paragraph ends (cmark already ended it at
///   a blank line or a block that can interrupt a paragraph), a line that
///   is not a row, or a lazy continuation line (missing a `>` of the
///   enclosing quote: in GFM the quote, and so the table, ends there).
///   Those remaining lines become a paragraph after the table.
/// - As in cmark-gfm, padding short rows stops once it would add more than
///   `maxPaddedCells` empty cells, so a wide header over many one-cell
///   lines cannot blow up memory; the table ends there.
enum PipeTable {
    static let maxPaddedCells = 0x80000

    /// Where a table sits among a paragraph's lines (indices into them).
    struct Split: Equatable {
        var header: Int
        var alignments: [ColumnAlignment]
        /// Header cells, then each body row's cells padded or cut to the
        /// header's width; cell text has `\|` unescaped and is trimmed.
        var rows: [[String]]
        /// One past the last body line; lines from here on are not table.
        var bodyEnd: Int
    }

    /// A line of a paragraph as the table rule sees it.
    struct Line {
        var text: Substring
        /// Missing some of its enclosing block quotes' `>` markers.
        var lazy: Bool
    }

    static func split(_ lines: [Line]) -> Split? {
        guard lines.count >= 2 else { return nil }
        for d in 1..<lines.count where !lines[d].lazy {
            guard let alignments = delimiterRow(lines[d].text) else { continue }
            guard let header = cells(lines[d - 1].text), header.count == alignments.count else {
                return nil
            }
            let width = header.count
            var rows = [header]
            var end = d + 1
            var padded = 0
            while end < lines.count, !lines[end].lazy, var row = cells(lines[end].text) {
                padded += max(0, width - row.count)
                if padded > maxPaddedCells { break }
                if row.count > width { row.removeLast(row.count - width) }
                row += Array(repeating: "", count: width - row.count)
                rows.append(row)
                end += 1
            }
            return Split(header: d - 1, alignments: alignments, rows: rows, bodyEnd: end)
        }
        return nil
    }

    /// The cells of a row, or nil when the line is no row.
    static func cells(_ line: Substring) -> [String]? {
        var rest = trimmed(line)
        if rest.first == "|" { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return nil }
        var out: [String] = []
        var cell = ""
        var escaped = false
        var endedWithPipe = false
        for ch in rest {
            endedWithPipe = false
            if ch == "|" {
                if escaped {
                    cell.removeLast()  // the backslash: `\|` reads as `|`
                    cell.append("|")
                } else {
                    out.append(String(trimmed(cell[...])))
                    cell = ""
                    endedWithPipe = true
                }
            } else {
                cell.append(ch)
            }
            escaped = ch == "\\"
        }
        if !endedWithPipe { out.append(String(trimmed(cell[...]))) }
        return out
    }

    /// The alignments of a delimiter row, or nil when the line is not one.
    static func delimiterRow(_ line: Substring) -> [ColumnAlignment]? {
        guard let cells = cells(line) else { return nil }
        var out: [ColumnAlignment] = []
        for cell in cells {
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right && cell.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            out.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return out
    }

    /// cmark-gfm trims with `isspace`: space, tab, LF, VT, FF, CR.
    private static func trimmed(_ s: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { " \t\n\u{0B}\u{0C}\r".contains($0) }
        guard let first = s.firstIndex(where: { !isSpace($0) }),
              let last = s.lastIndex(where: { !isSpace($0) }) else { return "" }
        return s[first...last]
    }
}
