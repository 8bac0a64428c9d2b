/// The notebook's bytes cut into lines, for the few places that need a
/// block's source text rather than cmark's tree (pipe tables: cmark core
/// has no table extension, so a table arrives as a paragraph whose lines
/// have to be read again).
struct SourceLines {
    /// Each line without its terminator (LF, CRLF or CR, as cmark counts
    /// lines); a leading byte-order mark is dropped, as cmark skips it.
    private let lines: [ArraySlice<UInt8>]

    init(_ bytes: [UInt8]) {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var out: [ArraySlice<UInt8>] = []
        var i = start
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\n"):
                out.append(bytes[start..<i]); i += 1; start = i
            case UInt8(ascii: "\r"):
                out.append(bytes[start..<i])
                i += i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") ? 2 : 1
                start = i
            default:
                i += 1
            }
        }
        if start < bytes.count { out.append(bytes[start...]) }
        lines = out
    }

    /// A paragraph's line with the enclosing containers' markers removed.
    struct ParagraphLine {
        /// The line after its block quotes' `>` markers (and the one space
        /// each may take), keeping any other leading whitespace so that the
        /// text parses again as it did in place.
        var text: String
        var position: SourcePosition
        var lazy: Bool
    }

    /// The lines of a paragraph that starts at `start`, ends on `endLine`
    /// and sits inside `quoteDepth` block quotes.
    ///
    /// The first line is cut at cmark's start column (a byte column; only
    /// ASCII markers and whitespace precede it). On later lines each
    /// enclosing quote's `>` is found after any whitespace (list items only
    /// indent); a line missing one is a lazy continuation line. cmark's
    /// replacement of ill-formed UTF-8 happens again when the text is
    /// parsed, so the bytes are decoded leniently here.
    func paragraph(from start: SourcePosition, through endLine: Int, quoteDepth: Int) -> [ParagraphLine] {
        guard start.line >= 1, start.line <= endLine, endLine <= lines.count else { return [] }
        var out: [ParagraphLine] = []
        for number in start.line...endLine {
            let line = lines[number - 1]
            var i = line.startIndex
            var lazy = false
            if number == start.line {
                i = min(line.endIndex, line.startIndex + max(0, start.column - 1))
            } else {
                for _ in 0..<quoteDepth {
                    var j = i
                    while j < line.endIndex, line[j] == UInt8(ascii: " ") || line[j] == UInt8(ascii: "\t") { j += 1 }
                    guard j < line.endIndex, line[j] == UInt8(ascii: ">") else { lazy = true; break }
                    j += 1
                    if j < line.endIndex, line[j] == UInt8(ascii: " ") || line[j] == UInt8(ascii: "\t") { j += 1 }
                    i = j
                }
            }
            var content = i
            while content < line.endIndex, line[content] == UInt8(ascii: " ") || line[content] == UInt8(ascii: "\t") {
                content += 1
            }
            out.append(ParagraphLine(
                text: String(decoding: line[i...], as: UTF8.self),
                position: SourcePosition(line: number, column: content - line.startIndex + 1),
                lazy: lazy))
        }
        return out
    }
}
