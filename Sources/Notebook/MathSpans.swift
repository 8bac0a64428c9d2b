import TeXMath

/// `$…$` and `$$…$$` math in prose, found in the notebook's bytes before
/// cmark reads them: cmark would otherwise take TeX's `\,`, `\{`, `*` and
/// `_` for Markdown. Each span is replaced by a placeholder cmark keeps as
/// plain text (U+E000, its index, U+E001, all on the span's first line;
/// every further line of the span keeps its container markers and one
/// U+E002), so every line and every other block stays where it was.
///
/// The dollar rule is pandoc's (`tex_math_dollars`): an opening `$` must
/// have a non-space character right after it, a closing `$` a non-space
/// character right before it and no digit right after it, so "costs $5 and
/// $6" is not math; `$$…$$` is display math and may have spaces inside its
/// delimiters; neither crosses a blank line or a backtick; `\$` is a
/// literal dollar.
/// Dollars in code spans, code blocks and HTML blocks are left alone.
///
/// Each formula is converted here, so a TeX error is a `NotebookError` at
/// the line and column of the offending command.
struct MathSpans {
    static let open: Unicode.Scalar = "\u{E000}", close: Unicode.Scalar = "\u{E001}", filler: Unicode.Scalar = "\u{E002}"

    var formulas: [MathInline] = []

    /// Returns the bytes with placeholders, and the formulas by index.
    /// `skipLines` are the 1-based lines of code and HTML blocks.
    static func extract(_ bytes: [UInt8], skipLines: Set<Int>, path: String) throws(NotebookError) -> ([UInt8], MathSpans) {
        guard bytes.contains(UInt8(ascii: "$")) else { return (bytes, MathSpans()) }
        var spans = MathSpans()
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var scanner = Scanner(bytes: bytes, skipLines: skipLines)
        var copied = 0
        while let found = scanner.nextSpan() {
            out += bytes[copied..<found.start]
            let tex = scanner.tex(found)
            let position = scanner.position(of: found.contentStart)
            let formula: Formula
            do {
                formula = try TeXMath.convert(String(decoding: tex.bytes, as: UTF8.self), display: found.display)
            } catch {
                let at = tex.origins[min(error.offset, tex.origins.count - 1)]
                throw NotebookError(path: path, position: scanner.position(of: at),
                                    message: "in \(found.display ? "$$…$$" : "$…$") math: \(error.message)")
            }
            out += Array("\(open)\(spans.formulas.count)\(close)".utf8)
            out += scanner.lineKeepers(found)
            spans.formulas.append(MathInline(
                tex: String(decoding: tex.bytes, as: UTF8.self), display: found.display,
                mathML: formula.mathML, label: formula.label, tag: formula.tag, position: position))
            copied = found.end
        }
        out += bytes[copied...]
        return (out, spans)
    }

    /// Splits a text node at placeholders into text and math.
    func expand(_ s: String) -> [Inline] {
        guard s.unicodeScalars.contains(where: { $0 == Self.open || $0 == Self.filler }) else { return [.text(s)] }
        var out: [Inline] = []
        var text = String.UnicodeScalarView()
        var index: Int?
        for c in s.unicodeScalars {
            if c == Self.open { index = 0; continue }
            if var i = index {
                if c == Self.close {
                    if !text.isEmpty { out.append(.text(String(text))); text = .init() }
                    if i < formulas.count { out.append(.math(formulas[i])) }
                    index = nil
                } else if let d = c.properties.numericType != nil ? Int(String(c)) : nil {
                    i = i * 10 + d; index = i
                }
                continue
            }
            if c == Self.filler { continue }
            text.append(c)
        }
        if !text.isEmpty { out.append(.text(String(text))) }
        return out
    }
}

/// A formula from the notebook's prose, converted.
public struct MathInline: Equatable, Sendable {
    /// The TeX between the delimiters.
    public var tex: String
    /// `$$…$$`.
    public var display: Bool
    /// The `<math>` element, escaped and ready for the page.
    public var mathML: String
    /// `\label{…}` and `\tag{…}`, for numbering and references.
    public var label: String?
    /// The argument of `\tag{…}`: the number shown instead of a counter.
    public var tag: String?
    /// Where the TeX starts (after the opening dollars).
    public var position: SourcePosition
    /// A formula as given (`mathML` must already be escaped).
    public init(tex: String, display: Bool, mathML: String, label: String?, tag: String?, position: SourcePosition) {
        self.tex = tex; self.display = display; self.mathML = mathML
        self.label = label; self.tag = tag; self.position = position
    }
}
