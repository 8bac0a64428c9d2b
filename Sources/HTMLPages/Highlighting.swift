import Notebook

/// Syntax classes for the Swift listings of a report, computed outside
/// this module (the runner's `SwiftHighlighter`, from swift-syntax) and
/// handed in as data: the HTML module runs nothing.
public struct SyntaxHighlights: Sendable, Equatable {
    /// One classified run of a listing.
    public struct Span: Sendable, Equatable {
        /// UTF-8 offset and length in the listing.
        public var offset: Int
        /// UTF-8 length of the run.
        public var length: Int
        /// kw, ty, str, num, cm or attr (the CSS class is `hl-` + kind).
        public var kind: String
        /// A span as given; empty spans and unknown kinds are ignored when the listing is written.
        public init(offset: Int, length: Int, kind: String) {
            self.offset = offset; self.length = length; self.kind = kind
        }
    }
    /// Spans by listing text (the same code gets the same colours).
    public var spans: [String: [Span]]
    /// Shown once at the top of the report when listings are not highlighted.
    public var note: String?
    /// Highlights as given; by default none, and no note.
    public init(spans: [String: [Span]] = [:], note: String? = nil) { self.spans = spans; self.note = note }

    static let kinds: Set<String> = ["kw", "ty", "str", "num", "cm", "attr"]
}

/// A listing line by line: tokens in `<span class="hl-…">` (clipped to
/// their line, so a block comment colours each of its lines), a marked
/// line wrapped in `<mark>` as `CodeMarks` describes. Everything is escaped.
func writeListing(_ text: String, language: String?, firstLine: Int, marks: [Int: CodeMark],
                  spans: [SyntaxHighlights.Span], into h: inout HTMLWriter) {
    let bytes = Array(text.utf8)
    let sorted = spans.filter { SyntaxHighlights.kinds.contains($0.kind) && $0.length > 0 }
        .sorted { $0.offset < $1.offset }
    h.open("pre")
    h.open("code", [("class", language.flatMap { $0.isEmpty ? nil : "language-" + $0 })])
    var lineStart = 0, line = 0, next = 0
    while lineStart <= bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        if lineStart == bytes.count && line > 0 { break }  // the text's final newline
        if line > 0 { h.text("\n") }
        let mark = marks[firstLine + line]
        if let mark { h.open("mark", [("class", "code-" + mark.kind.rawValue), ("title", mark.note)]) }
        // Spans that end before this line are done for good.
        while next < sorted.count, sorted[next].offset + sorted[next].length <= lineStart { next += 1 }
        var at = lineStart
        var k = next
        while k < sorted.count, sorted[k].offset < lineEnd {
            let s = sorted[k]
            let from = max(s.offset, at), to = min(s.offset + s.length, lineEnd)
            if from < to {
                if from > at { h.text(String(decoding: bytes[at..<from], as: UTF8.self)) }
                h.element("span", [("class", "hl-" + s.kind)], text: String(decoding: bytes[from..<to], as: UTF8.self))
                at = to
            }
            k += 1
        }
        if at < lineEnd { h.text(String(decoding: bytes[at..<lineEnd], as: UTF8.self)) }
        if mark != nil { h.close("mark") }
        line += 1
        lineStart = lineEnd + 1
    }
    h.close("code")
    h.close("pre")
}

/// The listing of an experiment block: highlighted when spans are known,
/// folded into a `<details>` when the block says `fold=true`.
func writeExperimentListing(_ e: ExperimentBlock, marks: [Int: CodeMark], _ ctx: RenderContext,
                            into h: inout HTMLWriter) {
    if e.fold {
        let lines = e.code.split(separator: "\n", omittingEmptySubsequences: false).count - (e.code.hasSuffix("\n") ? 1 : 0)
        h.open("details", [("class", "fold")])
        h.element("summary", text: "Code (\(lines) line\(lines == 1 ? "" : "s"))")
    }
    writeListing(e.code, language: "swift", firstLine: e.codeLine, marks: marks,
                 spans: ctx.options.highlights?.spans[e.code] ?? [], into: &h)
    if e.fold { h.close("details") }
}
