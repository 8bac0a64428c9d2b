import Testing
@testable import TeXMath

/// The reader's contract beyond what the pandoc corpus covers: errors name
/// the command and its offset, labels and tags come out of the formula,
/// and nothing from the formula reaches the page unescaped.
@Suite struct ReaderTests {
    func error(_ tex: String, display: Bool = false) -> TeXError? {
        do { _ = try TeXMath.convert(tex, display: display); return nil } catch { return error }
    }

    @Test func unknownCommandIsNamedAtItsOffset() {
        let e = error(#"x + \foo{y}"#)
        #expect(e == TeXError(offset: 4, message: #"unknown command \foo"#))
    }

    @Test(arguments: [
        (#"\frac{a}{b"#, 8, "unbalanced braces: this '{' is never closed"),
        (#"a}"#, 1, "unbalanced braces: '}' without a matching '{'"),
        (#"\left( x"#, 0, #"\left without a matching \right"#),
        (#"x \right)"#, 2, #"\right without a matching \left"#),
        (#"a & b"#, 2, #"'&' outside an environment; use \begin{aligned} … \end{aligned}, or \& for the character"#),
        (#"x^2^3"#, 3, "double superscript; group one of them in braces"),
        (#"\begin{aligned} a \end{cases}"#, 18, #"\end{cases} closes \begin{aligned}; write \end{aligned}"#),
        (#"\frac{a}"#, 8, #"\frac needs an argument here"#),
        (#"\text{a \alpha}"#, 8, #"\alpha inside \text{…}; only text goes there"#),
        (#"50%"#, 2, #"'%' is special in TeX; write \% for the character"#),
    ])
    func errorsSayWhatAndWhere(tex: String, offset: Int, message: String) {
        #expect(error(tex) == TeXError(offset: offset, message: message))
    }

    @Test func labelAndTagLeaveTheFormula() throws {
        let f = try TeXMath.convert(#"E = mc^2 \label{eq-energy} \tag{A.1}"#, display: true)
        #expect(f.label == "eq-energy")
        #expect(f.tag == "A.1")
        #expect(!f.mathML.contains("eq-energy</mi>"))
        #expect(f.mathML.hasPrefix(#"<math display="block""#))
        #expect(error(#"\label{a}\label{b}"#)?.message == #"a second \label in one formula; keep one"#)
    }

    @Test func everythingIsEscaped() throws {
        let f = try TeXMath.convert(#"a < b \text{"&</math>} > c"#, display: false)
        #expect(f.mathML.contains("<mo>&lt;</mo>"))
        #expect(f.mathML.contains("&quot;&amp;&lt;/math&gt;"))
        #expect(f.mathML.components(separatedBy: "</math>").count == 2, "one closing tag: the real one")
        #expect(!f.mathML.contains("<script"))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "{", count: 10_000) + "x" + String(repeating: "}", count: 10_000)
        #expect(error(deep)?.message == "formula nested more than \(Reader.maxDepth) levels deep")
        let scripts = String(repeating: "x^", count: 5_000) + "x"
        #expect(error(scripts) != nil)
    }

    @Test func fontCommandsMapToMathematicalAlphanumerics() throws {
        #expect(try TeXMath.convert(#"\mathbb{R}"#, display: false).mathML.contains("<mi>ℝ</mi>"))
        #expect(try TeXMath.convert(#"\mathbf{x}"#, display: false).mathML.contains("<mi>𝐱</mi>"))
        #expect(try TeXMath.convert(#"\mathcal{L}"#, display: false).mathML.contains("<mi>ℒ</mi>"))
    }

    @Test func plainParenthesesPairButDoNotStretch() throws {
        let f = try TeXMath.convert("(1 - x)^2", display: false).mathML
        #expect(f.contains(#"<msup><mrow><mo stretchy="false" form="prefix">(</mo>"#))
        let left = try TeXMath.convert(#"\left(x\right)"#, display: false).mathML
        #expect(left.contains(#"<mo stretchy="true" form="prefix">(</mo>"#))
    }
}
