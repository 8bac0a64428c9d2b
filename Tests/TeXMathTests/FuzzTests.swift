import Testing
@testable import TeXMath
import TestSupport

/// The reader on generated input: 2,000 formulas from a seeded generator
/// that mixes valid TeX pieces with stray braces, dollars, backslashes,
/// unknown commands, deep nesting and random bytes. Each must either
/// convert or throw a `TeXError` inside the formula; none may crash or hang
/// (the test's time limit), and the output stays one well-formed `<math>`.
@Suite struct FuzzTests {
    static let pieces = [
        "x", "1.5", "+", "-", "=", "(", ")", "[", "]", "|", "{", "}", "^", "_", "&", #"\\"#, "'", " ",
        #"\frac"#, #"\sqrt"#, #"\sqrt[3]"#, #"\hat"#, #"\left("#, #"\right)"#, #"\left."#, #"\right|"#,
        #"\begin{aligned}"#, #"\end{aligned}"#, #"\begin{cases}"#, #"\end{cases}"#, #"\begin{pmatrix}"#,
        #"\text{a b}"#, #"\text{"#, #"\mathbf"#, #"\operatorname{f}"#, #"\sum"#, #"\limits"#, #"\alpha"#,
        #"\label{eq-x}"#, #"\tag{1}"#, #"\big("#, #"\foo"#, "\\", "$", "%", "#", "~", "<", ">", "&amp;",
        "</math>", "\"", "é", "θ", "\u{0}", "\u{1F600}", #"\,"#, #"\hspace{2mm}"#, #"\hspace{x}"#,
    ]

    /// Pieces that always combine into valid TeX, for the half of the
    /// formulas that must convert.
    static let valid = ["x", "2", "+", "=", #"\alpha"#, #"\frac{a}{b}"#, #"\sqrt{x}"#, "y_1", "z^2", #"\hat m"#,
                        #"\left( x \right)"#, "(a)", #"\text{ if }"#, #"\sum_{i=1}^n"#, #"\,"#, #"\mathbf{v}"#,
                        "<", "é"]

    @Test func generatedFormulasNeverCrash() {
        var g = SplitMix64(seed: 0x5EED)
        var converted = 0, refused = 0
        for _ in 0..<2_000 {
            var tex = ""
            let wellFormed = g.below(2) == 0
            for _ in 0..<(1 + g.below(40)) {
                if wellFormed {
                    tex += Self.valid[g.below(Self.valid.count)] + " "
                } else if g.below(10) == 0 {
                    tex.unicodeScalars.append(Unicode.Scalar(UInt8(g.below(128))))
                } else {
                    tex += Self.pieces[g.below(Self.pieces.count)]
                }
            }
            let display = g.below(2) == 0
            do {
                let f = try TeXMath.convert(tex, display: display)
                #expect(f.mathML.hasPrefix("<math "))
                #expect(f.mathML.components(separatedBy: "</math>").count == 2, "\(tex)")
                converted += 1
            } catch {
                #expect(!wellFormed, "valid pieces refused: \(tex): \(error)")
                #expect(error.offset >= 0 && error.offset <= tex.utf8.count, "\(tex): \(error)")
                #expect(!error.message.isEmpty)
                refused += 1
            }
        }
        // Both paths are exercised, or the generator is not testing much.
        #expect(converted > 900 && refused > 500, "converted \(converted), refused \(refused)")
    }
}
