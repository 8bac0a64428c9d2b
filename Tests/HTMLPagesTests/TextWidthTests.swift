import Testing
@testable import HTMLPages

/// The estimate must be an upper bound for the widest common UI sans-serif.
/// Reference advances are DejaVu Sans's (the font Chromium draws the study's
/// plots with on Linux), read from DejaVuSans.ttf with PIL
/// `ImageFont.getlength` at 2048 units per em and rounded up to 0.001 em.
@Suite struct TextWidthTests {
    static let dejaVuSans: [Character: Double] = [
        "!": 0.401, "\"": 0.46, "#": 0.838, "$": 0.637, "%": 0.951, "&": 0.78, "'": 0.275, "(": 0.391,
        ")": 0.391, "*": 0.5, "+": 0.838, ",": 0.318, "-": 0.361, ".": 0.318, "/": 0.337, "0": 0.637,
        "1": 0.637, "2": 0.637, "3": 0.637, "4": 0.637, "5": 0.637, "6": 0.637, "7": 0.637, "8": 0.637,
        "9": 0.637, ":": 0.337, ";": 0.337, "<": 0.838, "=": 0.838, ">": 0.838, "?": 0.531, "@": 1.0,
        "A": 0.685, "B": 0.687, "C": 0.699, "D": 0.771, "E": 0.632, "F": 0.576, "G": 0.775, "H": 0.752,
        "I": 0.295, "J": 0.295, "K": 0.656, "L": 0.558, "M": 0.863, "N": 0.749, "O": 0.788, "P": 0.604,
        "Q": 0.788, "R": 0.695, "S": 0.635, "T": 0.611, "U": 0.732, "V": 0.685, "W": 0.989, "X": 0.686,
        "Y": 0.611, "Z": 0.686, "[": 0.391, "\\": 0.337, "]": 0.391, "^": 0.838, "_": 0.5, "`": 0.5,
        "a": 0.613, "b": 0.635, "c": 0.55, "d": 0.635, "e": 0.616, "f": 0.353, "g": 0.635, "h": 0.634,
        "i": 0.278, "j": 0.278, "k": 0.58, "l": 0.278, "m": 0.975, "n": 0.634, "o": 0.612, "p": 0.635,
        "q": 0.635, "r": 0.412, "s": 0.521, "t": 0.393, "u": 0.634, "v": 0.592, "w": 0.818, "x": 0.592,
        "y": 0.592, "z": 0.525, "{": 0.637, "|": 0.337, "}": 0.637, "~": 0.838, " ": 0.318, "·": 0.318,
        "–": 0.5, "—": 1.0, "…": 1.0, "−": 0.838, "×": 0.838, "±": 0.838, "≤": 0.838, "≥": 0.838,
        "≈": 0.838, "≠": 0.838, "∞": 0.834, "→": 0.838, "←": 0.838, "√": 0.638, "∑": 0.674, "∂": 0.518,
        "∇": 0.669, "Δ": 0.685, "Θ": 0.788, "Λ": 0.685, "Σ": 0.632, "Φ": 0.788, "Ψ": 0.788, "Ω": 0.765,
        "α": 0.66, "β": 0.639, "γ": 0.592, "δ": 0.612, "ε": 0.541, "ζ": 0.544, "η": 0.634, "θ": 0.612,
        "ι": 0.339, "κ": 0.59, "λ": 0.592, "μ": 0.637, "ν": 0.559, "ξ": 0.558, "π": 0.603, "ρ": 0.635,
        "σ": 0.634, "τ": 0.603, "φ": 0.66, "χ": 0.578, "ψ": 0.66, "ω": 0.838, "₀": 0.401, "₁": 0.401,
        "₂": 0.401, "ₜ": 0.295, "²": 0.401, "³": 0.401, "½": 0.97, "°": 0.5, "‖": 0.5, "′": 0.228,
        "″": 0.374, "“": 0.519, "”": 0.519, "‘": 0.318, "’": 0.318, "•": 0.59,
    ]

    @Test func everyReferenceGlyphIsBoundedAndNotWildlyOver() {
        for (c, width) in Self.dejaVuSans {
            #expect(TextWidth.em(c) >= width, "\(c): estimate \(TextWidth.em(c)) em < DejaVu Sans \(width) em")
            // Not so loose that legends waste half their row: within 0.4 em of the real glyph.
            #expect(TextWidth.em(c) - width <= 0.4, "\(c): estimate \(TextWidth.em(c)) em, DejaVu Sans \(width) em")
        }
    }

    /// Whole labels from the study, measured with PIL on DejaVu Sans at 12 px.
    @Test func studyLabelsAreBoundedAt12px() {
        let measured: [(String, Double)] = [
            ("NAdam vs nadamStep", 133.56), ("nadamStep vs itself, w₀ nudged by 1e-15", 247.64),
            ("momentum", 69.71), ("Nesterov", 53.81), ("WWWWMMMM wide mmmm", 171.41),
            ("100000", 45.81), ("1e+06", 40.34), ("-0.000123", 61.59),
            ("max |Δθ| (zero drawn at 1e-17)", 187.91), ("SGD, η = 0.003", 93.43),
            ("μₜ = β₁·(1 − ½·0.96^(t·ψ))", 157.84), ("step t (log scale)", 100.68),
        ]
        for (label, px) in measured {
            let estimate = TextWidth.estimate(label, fontSize: 12)
            #expect(estimate >= px, "\(label): \(estimate) < \(px)")
            #expect(estimate <= px * 1.4, "\(label): \(estimate) is more than 40% over \(px)")
        }
    }

    @Test func widthClasses() {
        #expect(TextWidth.em("i") == TextWidth.narrow && TextWidth.em("l") == TextWidth.narrow
            && TextWidth.em(".") == TextWidth.narrow)
        #expect(TextWidth.em("a") == TextWidth.regular && TextWidth.em("7") == TextWidth.regular)
        for c: Character in ["m", "w", "W", "M"] { #expect(TextWidth.em(c) == TextWidth.wide, "\(c)") }
        // East Asian wide characters and emoji count twice a regular character.
        for c: Character in ["中", "한", "Ａ", "🚀", "❤️", "👩‍🔬"] {
            #expect(TextWidth.em(c) == 2 * TextWidth.regular, "\(c)")
        }
        // A combining mark adds nothing to its base: m̂ is as wide as m.
        #expect(TextWidth.estimate("m\u{302}", fontSize: 10) == TextWidth.estimate("m", fontSize: 10))
        #expect(TextWidth.estimate("", fontSize: 12) == 0)
    }

    @Test func truncationFitsAndSaysSo() {
        let long = String(repeating: "a very long label ", count: 8)
        let cut = TextWidth.truncated(long, toFit: 200, fontSize: 12)
        #expect(cut.hasSuffix("…") && !cut.hasSuffix(" …"))
        #expect(TextWidth.estimate(cut, fontSize: 12) <= 200)
        #expect(long.hasPrefix(String(cut.dropLast())))
        #expect(TextWidth.truncated("short", toFit: 200, fontSize: 12) == "short")
        // Room for nothing but the ellipsis.
        #expect(TextWidth.truncated("abc", toFit: 1, fontSize: 12) == "…")
    }
}
