/// How wide SVG text will be, without a font to measure it with.
///
/// A plot's text is laid out before any browser sees it, in whatever
/// proportional sans-serif the reader's `system-ui` turns out to be, so the
/// estimate is an upper bound rather than a guess at the mean: each
/// character (grapheme cluster) gets the advance of its width class, in em.
/// The classes bound DejaVu Sans, the widest common UI sans (Arial, Helvetica,
/// Roboto and Segoe UI are all narrower), glyph by glyph for ASCII, Latin-1,
/// Greek, arrows and mathematical operators:
///
/// | class   | em   | characters                                               | widest in DejaVu Sans |
/// |---------|------|----------------------------------------------------------|-----------------------|
/// | narrow  | 0.42 | i j l I J f t r ι . , : ; ' ‘ ’ ′ ! \| / \ ( ) [ ] - space · | r 0.411            |
/// | regular | 0.67 | the rest: lower case, digits, Greek, sub/superscripts, ` ° ∂ | ψ 0.660           |
/// | broad   | 0.90 | upper case, ω, & #, maths symbols (= + − ≤ → …), ^       | ∠ 0.896               |
/// | wide    | 1.00 | m w M W % @ — ― … ½ æ © and other symbols                | @ 1.000               |
/// | double  | 1.34 | CJK, Hangul, full-width forms, emoji, Œ ≪ ≫ ∭            | ∭ 1.057               |
///
/// and ‰ ‱ (up to 1.735 em) count as two wide characters.
///
/// Combining marks add nothing: `m̂` is one `m`.
enum TextWidth {
    static let narrow = 0.42, regular = 0.67, broad = 0.9, wide = 1.0, double = 1.34

    private static let narrowSet = Set("ijlIJftr.,:;'!|/\\()[] ·-‘’′ι")
    /// Symbols narrower than their Unicode category's class.
    private static let regularSet = Set("`°∂")
    private static let broadSet = Set("ωώ&#")
    private static let wideSet = Set("mwMW%@—―…½¼¾æÆœ©®")
    private static let doubleSet = Set("Œ≪≫∭∰")

    /// Width of `c` in em (see the table above), by its first scalar: marks
    /// combined with it take no room of their own.
    static func em(_ c: Character) -> Double {
        if isDoubleWidth(c) { return double }
        guard let first = c.unicodeScalars.first else { return 0 }
        let base = Character(first)
        if base == "‰" || base == "‱" { return 2 * wide }
        if doubleSet.contains(base) { return double }
        if wideSet.contains(base) { return wide }
        if narrowSet.contains(base) { return narrow }
        if regularSet.contains(base) { return regular }
        if broadSet.contains(base) { return broad }
        // Sub- and superscripts (β₁, g²) are small, although Unicode files them with ½.
        if (0x2070...0x209F).contains(first.value) || [0xB2, 0xB3, 0xB9].contains(first.value) { return regular }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        case .mathSymbol, .modifierSymbol: return broad
        case .otherSymbol, .otherNumber: return wide
        default: return base.isUppercase ? broad : regular
        }
    }

    /// Upper bound of the advance width of `s` at `fontSize` px.
    static func estimate(_ s: String, fontSize: Double) -> Double {
        s.reduce(0) { $0 + em($1) } * fontSize
    }

    /// `s` if it fits in `width`, else its longest prefix that fits with "…" after it.
    static func truncated(_ s: String, toFit width: Double, fontSize: Double) -> String {
        guard estimate(s, fontSize: fontSize) > width else { return s }
        var kept = "", used = wide * fontSize  // room for the ellipsis
        for c in s {
            let w = em(c) * fontSize
            if used + w > width { break }
            kept.append(c); used += w
        }
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + "…"
    }

    /// East Asian wide and full-width characters, and emoji shown as pictures.
    private static func isDoubleWidth(_ c: Character) -> Bool {
        for s in c.unicodeScalars {
            let v = s.value
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
                return true
            }
            if s.properties.isEmojiPresentation { return true }
        }
        // A text-default symbol (☺, ❤) followed by U+FE0F is drawn as an emoji.
        return c.unicodeScalars.count > 1 && c.unicodeScalars.contains { $0.value == 0xFE0F }
    }
}
