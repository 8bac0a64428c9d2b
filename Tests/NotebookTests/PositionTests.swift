import Testing
@testable import Notebook

/// Expected lines and columns below were read off the fixture with
/// `grep -n '' Tests/Fixtures/notebooks/adam-vs-sgd.md`, not from the parser.
@Suite struct PositionTests {
    let doc: Document

    init() throws {
        doc = try parseNotebook(bytes: try fixtureBytes("adam-vs-sgd.md"), path: "adam-vs-sgd.md")
    }

    @Test func topLevelBlocksStartWhereTheFileSaysTheyDo() {
        let starts = doc.blocks.map { ($0.position.line, $0.position.column) }
        let expected = [(1, 1), (3, 1), (7, 1), (9, 1), (14, 1), (16, 1), (28, 1), (34, 1),
                        (36, 1), (40, 5), (42, 1), (44, 1), (48, 1)]
        #expect(starts.map(\.0) == expected.map(\.0))
        #expect(starts.map(\.1) == expected.map(\.1))
    }

    @Test func headingsHaveLevelsLinesAndAnchors() {
        let headings = allBlocks(doc.blocks).compactMap { entry -> (Int, Int, String)? in
            guard case .heading(let level, _, let anchor) = entry.block.kind else { return nil }
            return (entry.block.position.line, level, anchor)
        }
        #expect(headings.map(\.0) == [1, 7, 14, 42])
        #expect(headings.map(\.1) == [1, 2, 2, 2])
        #expect(headings.map(\.2) == ["adam-versus-sgd-on-a-noisy-quadratic", "setup", "runs", "runs-2"])
        #expect(doc.title == "Adam versus SGD on a noisy quadratic")
    }

    @Test func experimentsAreFoundAtEveryDepthWithFenceAndCodeLines() {
        let e = doc.experiments
        #expect(e.map(\.id) == ["setup", "sgd", "adam", "block-4"])
        #expect(e.map(\.index) == [0, 1, 2, 3])
        #expect(e.map(\.fenceLine) == [9, 18, 24, 30])
        #expect(e.map(\.codeLine) == [10, 19, 25, 31])
        // Columns: the list items' fences are indented 3, the quoted one sits after "> ".
        let columns = allBlocks(doc.blocks).compactMap { entry -> Int? in
            if case .experiment = entry.block.kind { entry.block.position.column } else { nil }
        }
        #expect(columns == [1, 4, 4, 3])
    }

    @Test func experimentOptionsAndCodeAreCopied() throws {
        let e = doc.experiments
        try #require(e.count == 4)
        #expect(e[0].echo == false && e[0].eval == true)
        #expect(e[0].code == "let steps = 100\nvar rng = SplitMix64(seed: 42)\n")
        #expect(e[1].rtol == 1e-6 && e[1].atol == nil)
        // The list item's indentation is not part of the code.
        #expect(e[1].code == "let sgd = SGD(lr: 0.1)\n")
        #expect(e[2].atol == 0 && e[2].rtol == nil && e[2].eval == true && e[2].echo == true)
        #expect(e[3].code == "report(\"quoted\", 1.0)\n")
    }

    @Test func otherCodeBlocksArePlainCode() {
        let codes = allBlocks(doc.blocks).compactMap { entry -> Block.Kind? in
            if case .code = entry.block.kind { entry.block.kind } else { nil }
        }
        #expect(codes == [
            .code(language: "python", text: "print(\"not an experiment\")\n"),
            .code(language: nil, text: "indented code, not an experiment\n"),
        ])
    }

    @Test func inlinesArePreserved() throws {
        guard case .paragraph(let inlines) = doc.blocks[1].kind else {
            Issue.record("block 2 is not a paragraph: \(doc.blocks[1].kind)")
            return
        }
        // The formula is math now (MathTests covers its conversion): here,
        // where it sits and where it starts.
        let formulas = inlines.compactMap { if case .math(let m) = $0 { m } else { nil } }
        #expect(formulas.map(\.tex) == ["f(x) = \\tfrac12 x^2"])
        #expect(formulas.first?.position == SourcePosition(line: 3, column: 47))
        let shape = inlines.map { if case .math = $0 { Inline.text("$…$") } else { $0 } }
        #expect(shape == [
            .text("This notebook compares "), .strong([.text("Adam")]), .text(" and "),
            .emphasis([.text("SGD")]),
            .text(" on "), .text("$…$"), .text(" with"), .softBreak,
            .text("noisy gradients. See "),
            .link(destination: "https://arxiv.org/abs/1412.6980", title: "Kingma & Ba",
                  content: [.text("the Adam paper")]),
            .softBreak, .text("and "),
            .image(source: "plot.svg", title: "", alt: [.text("a plot")]),
            .text(" for context; "), .code("lr"), .text(" is the step size."),
        ])
    }

    @Test func rawHTMLAndBreaksAreKept() {
        #expect(doc.blocks[7].kind == .html("<div class=\"note\">Raw HTML is kept as HTML.</div>\n"))
        #expect(doc.blocks[11].kind == .paragraph([
            .text("Line one"), .html("<br>"), .softBreak, .text("line two"), .lineBreak,
            .text("line three"),
        ]))
        #expect(doc.blocks[12].kind == .thematicBreak)
    }
}
