import Testing
@testable import Notebook

/// `$…$` and `$$…$$` in prose: pandoc's dollar rule, code left alone,
/// positions kept, TeX errors at the notebook line and column.
@Suite struct MathTests {
    func paragraphs(_ text: String) throws -> [[Inline]] {
        try parseNotebook(text, path: "nb.md").blocks.compactMap {
            if case .paragraph(let c) = $0.kind { c } else { nil }
        }
    }

    func formulas(_ inlines: [Inline]) -> [MathInline] {
        inlines.compactMap { if case .math(let m) = $0 { m } else { nil } }
    }

    @Test func inlineMathIsReadAsTeXNotMarkdown() throws {
        let p = try paragraphs(#"Step $a*b*c + x_1 \, y_2$ done."#)[0]
        #expect(p.count == 3)
        let m = try #require(formulas(p).first)
        #expect(m.tex == #"a*b*c + x_1 \, y_2"#)
        #expect(!m.display)
        #expect(m.position == SourcePosition(line: 1, column: 7))
        #expect(p.first == .text("Step ") && p.last == .text(" done."))
    }

    @Test(arguments: [
        "It costs $5 and $6 today.",          // closing $ before a digit, opening before a space
        "Between $ 1 and 2 $ nothing.",       // space after the opener
        #"A literal \$x\$ stays text."#,      // escaped dollars
        "Code `$x$` stays code.",             // code span
        "Two paragraphs $x\n\ny$ do not join.",
    ])
    func notMath(_ text: String) throws {
        for p in try paragraphs(text) { #expect(formulas(p).isEmpty, "\(p)") }
    }

    @Test func codeBlocksKeepTheirDollars() throws {
        let doc = try parseNotebook("```sh\necho $HOME $x$\n```\n\n```swift\nlet s = \"$x$\"\n```\n", path: "nb.md")
        guard case .code(_, let text) = doc.blocks[0].kind else { Issue.record("\(doc.blocks)"); return }
        #expect(text == "echo $HOME $x$\n")
        #expect(doc.experiments[0].code == "let s = \"$x$\"\n")
    }

    @Test func multiLineDisplayMathKeepsLaterLinesInPlace() throws {
        let text = "Intro\n\n$$\n\\hat m_t = \\frac{m_t}{1 - \\beta_1^t}\n\\label{eq-m}\n$$\n\n```swift id=b\nlet x = 1\n```\n"
        let doc = try parseNotebook(text, path: "nb.md")
        guard case .paragraph(let c) = doc.blocks[1].kind else { Issue.record("\(doc.blocks)"); return }
        #expect(c.count == 1, "the filler lines leave no text or breaks: \(c)")
        let m = try #require(formulas(c).first)
        #expect(m.display && m.label == "eq-m")
        #expect(m.tex.contains(#"\frac{m_t}{1 - \beta_1^t}"#))
        #expect(doc.experiments[0].fenceLine == 8)
    }

    @Test func texErrorsPointAtTheCommand() {
        let e = parseError("# T\n\nThe rule $$\n  x + \\frobnicate{y}\n$$ here.\n")
        #expect(e == NotebookError(path: "nb.md", position: SourcePosition(line: 4, column: 7),
                                   message: #"in $$…$$ math: unknown command \frobnicate"#))
        let brace = parseError("Text $\\frac{a}{b$ end.\n")
        #expect(brace?.position == SourcePosition(line: 1, column: 15))
        #expect(brace?.message == "in $…$ math: unbalanced braces: this '{' is never closed")
    }

    @Test func mathInTableCellsMayHoldBars() throws {
        let doc = try parseNotebook("| rule | norm |\n|---|---|\n| L1 | $|x|$ |\n", path: "nb.md")
        guard case .table(_, _, let rows) = doc.blocks[0].kind else { Issue.record("\(doc.blocks)"); return }
        #expect(rows[0].count == 2)
        #expect(formulas(rows[0][1]).first?.tex == "|x|")
    }

    @Test func mathInsideBlockQuotesDropsTheMarkers() throws {
        let doc = try parseNotebook("> $$a +\n> b$$\n", path: "nb.md")
        guard case .blockQuote(let inner) = doc.blocks[0].kind, case .paragraph(let c) = inner[0].kind else {
            Issue.record("\(doc.blocks)"); return
        }
        #expect(formulas(c).first?.tex == "a + b")
    }

    @Test func referencesAreFoundButNotEmailAddresses() throws {
        let p = try paragraphs("See @fig-loss, @tbl-grid and @eq-adam-step. Mail me@eq-x.org; @figure is text.")[0]
        let labels = p.compactMap { if case .reference(let l, _) = $0 { l } else { nil } }
        #expect(labels == ["fig-loss", "tbl-grid", "eq-adam-step"])
        #expect(plainText(p).contains("me@eq-x.org"))
    }

    @Test func foldIsABlockOption() throws {
        let doc = try parseNotebook("```swift fold=true\nlet x = 1\n```\n", path: "nb.md")
        #expect(doc.experiments[0].fold)
        #expect(parseError("```swift fold=yes\n```\n")?.message == "invalid value 'yes' for fold in swift block; use fold=true or fold=false")
    }
}
