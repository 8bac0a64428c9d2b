/// Maps letters and digits to Unicode's Mathematical Alphanumeric Symbols
/// (U+1D400 …), which is how MathML Core shows bold, double-struck,
/// script and the other variants: Core has no `mathvariant` values other
/// than `normal`. Characters a variant lacks are left as they are.
enum Variants {
    static func map(_ s: String, _ variant: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { map($0, variant) }))
    }

    static func map(_ c: Unicode.Scalar, _ variant: String) -> Unicode.Scalar {
        let v = c.value
        let upper = v >= 0x41 && v <= 0x5A, lower = v >= 0x61 && v <= 0x7A, digit = v >= 0x30 && v <= 0x39
        func at(_ base: UInt32, _ offset: UInt32) -> Unicode.Scalar { Unicode.Scalar(base + offset) ?? c }
        switch variant {
        case "bold":
            if upper { return at(0x1D400, v - 0x41) }
            if lower { return at(0x1D41A, v - 0x61) }
            if digit { return at(0x1D7CE, v - 0x30) }
            if v >= 0x391 && v <= 0x3A9 && v != 0x3A2 { return at(0x1D6A8, v - 0x391) }
            if v >= 0x3B1 && v <= 0x3C9 { return at(0x1D6C2, v - 0x3B1) }
            return boldGreekExtras[c] ?? c
        case "italic":
            if c == "h" { return "\u{210E}" }
            if upper { return at(0x1D434, v - 0x41) }
            if lower { return at(0x1D44E, v - 0x61) }
            return c
        case "double-struck":
            if let e = doubleStruck[c] { return e }
            if upper { return at(0x1D538, v - 0x41) }
            if lower { return at(0x1D552, v - 0x61) }
            if digit { return at(0x1D7D8, v - 0x30) }
            return c
        case "script":
            if let e = script[c] { return e }
            if upper { return at(0x1D49C, v - 0x41) }
            if lower { return at(0x1D4B6, v - 0x61) }
            return c
        case "fraktur":
            if let e = fraktur[c] { return e }
            if upper { return at(0x1D504, v - 0x41) }
            if lower { return at(0x1D51E, v - 0x61) }
            return c
        case "sans-serif":
            if upper { return at(0x1D5A0, v - 0x41) }
            if lower { return at(0x1D5BA, v - 0x61) }
            if digit { return at(0x1D7E2, v - 0x30) }
            return c
        case "monospace":
            if upper { return at(0x1D670, v - 0x41) }
            if lower { return at(0x1D68A, v - 0x61) }
            if digit { return at(0x1D7F6, v - 0x30) }
            return c
        default:
            return c
        }
    }

    // Letters Unicode encoded before the Mathematical Alphanumeric block
    // (the block leaves holes where they would be).
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
