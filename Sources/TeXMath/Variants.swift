/// Maps letters and digits to Unicode's Mathematical Alphanumeric Symbols
/// (U+1D400 …), which is how MathML Core shows bold, double-struck,
/// script and the other variants: Core has no `mathvariant` values other
/// than `normal`. Characters a variant lacks are left as they are.
enum Variants {
    static func map(_ s: String, _ variant: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { map($0, variant) }))
    }

    static func map(_ c: Unicode.Scalar, _ variant: String) -> Unicode.Scalar {
        guard let alphabet = alphabets[variant] else { return c }
        if let moved = alphabet.holes[c] { return moved }
        let v = c.value
        func at(_ base: UInt32, _ offset: UInt32) -> Unicode.Scalar { Unicode.Scalar(base + offset) ?? c }
        switch v {
        case 0x41...0x5A: return at(alphabet.upper, v - 0x41)
        case 0x61...0x7A: return at(alphabet.lower, v - 0x61)
        case 0x30...0x39: return alphabet.digits.map { at($0, v - 0x30) } ?? c
        // Α…Ω without U+03A2 (no capital final sigma), and α…ω.
        case 0x391...0x3A9 where v != 0x3A2: return alphabet.greek.map { at($0.upper, v - 0x391) } ?? c
        case 0x3B1...0x3C9: return alphabet.greek.map { at($0.lower, v - 0x3B1) } ?? c
        default: return c
        }
    }

    /// One alphabet of the block: where its A, a, 0 and Greek capitals and
    /// small letters start (nil: it has none), and its letters encoded
    /// elsewhere, which take precedence.
    private struct Alphabet {
        var upper: UInt32, lower: UInt32
        var digits: UInt32? = nil
        var greek: (upper: UInt32, lower: UInt32)? = nil
        var holes: [Unicode.Scalar: Unicode.Scalar] = [:]
    }

    private static let alphabets: [String: Alphabet] = [
        "bold": Alphabet(upper: 0x1D400, lower: 0x1D41A, digits: 0x1D7CE, greek: (0x1D6A8, 0x1D6C2),
                         holes: boldGreekExtras),
        "italic": Alphabet(upper: 0x1D434, lower: 0x1D44E, holes: ["h": "\u{210E}"]),
        "double-struck": Alphabet(upper: 0x1D538, lower: 0x1D552, digits: 0x1D7D8, holes: doubleStruck),
        "script": Alphabet(upper: 0x1D49C, lower: 0x1D4B6, holes: script),
        "fraktur": Alphabet(upper: 0x1D504, lower: 0x1D51E, holes: fraktur),
        "sans-serif": Alphabet(upper: 0x1D5A0, lower: 0x1D5BA, digits: 0x1D7E2),
        "monospace": Alphabet(upper: 0x1D670, lower: 0x1D68A, digits: 0x1D7F6),
    ]

    // Letters Unicode encoded before the Mathematical Alphanumeric block
    // (the block leaves holes where they would be); for bold, the Greek
    // symbols outside α…ω and ∇, ∂.
    private static let doubleStruck: [Unicode.Scalar: Unicode.Scalar] = [
        "C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ",
    ]
    private static let script: [Unicode.Scalar: Unicode.Scalar] = [
        "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
        "e": "ℯ", "g": "ℊ", "o": "ℴ",
    ]
    private static let fraktur: [Unicode.Scalar: Unicode.Scalar] = [
        "C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ",
    ]
    private static let boldGreekExtras: [Unicode.Scalar: Unicode.Scalar] = [
        "ϵ": "\u{1D6DC}", "ϑ": "\u{1D6DD}", "ϕ": "\u{1D6DF}", "ϱ": "\u{1D6E0}", "ϖ": "\u{1D6E1}",
        "∇": "\u{1D6C1}", "∂": "\u{1D6DB}",
    ]
}
