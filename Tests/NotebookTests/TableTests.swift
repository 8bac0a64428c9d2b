import Testing
@testable import Notebook

/// Pipe tables. Expected structures are GFM spec §4.10's examples 198–205
/// (https://github.github.com/gfm/#tables-extension-) read as values: the
/// spec's HTML says which text lands in which cell with which alignment.
@Suite struct TableTests {
    func blocks(_ text: String) throws -> [Block.Kind] {
        try parseNotebook(text, path: "t.md").blocks.map(\.kind)
    }

    func cells(_ texts: String...) -> [[Inline]] { texts.map { $0.isEmpty ? [] : [.text($0)] } }

    @Test func spec198PlainTable() throws {
        #expect(try blocks("| foo | bar |\n| --- | --- |\n| baz | bim |\n") == [
            .table(alignments: [.none, .none], header: cells("foo", "bar"), rows: [cells("baz", "bim")]),
        ])
    }

    @Test func spec199AlignmentAndOptionalOuterPipes() throws {
        #expect(try blocks("| abc | defghi |\n:-: | -----------:\nbar | baz\n") == [
            .table(alignments: [.center, .right], header: cells("abc", "defghi"), rows: [cells("bar", "baz")]),
        ])
        #expect(try blocks("a|b|c\n:--|---|--:\n") == [
            .table(alignments: [.left, .none, .right], header: cells("a", "b", "c"), rows: []),
        ])
    }

    @Test func spec200EscapedPipesAlsoInsideCodeAndStrong() throws {
        #expect(try blocks("| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n") == [
            .table(alignments: [.none], header: cells("f|oo"), rows: [
                [[.text("b "), .code("|"), .text(" az")]],
                [[.text("b "), .strong([.text("|")]), .text(" im")]],
            ]),
        ])
    }

    @Test func spec201BlockQuoteEndsTheTable() throws {
        #expect(try blocks("| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n") == [
            .table(alignments: [.none, .none], header: cells("abc", "def"), rows: [cells("bar", "baz")]),
            .blockQuote([Block(.paragraph([.text("bar")]), at: SourcePosition(line: 4, column: 3))]),
        ])
    }

    @Test func spec202BlankLineEndsTheTableAndAPipelessLineIsARow() throws {
        #expect(try blocks("| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n") == [
            .table(alignments: [.none, .none], header: cells("abc", "def"),
                   rows: [cells("bar", "baz"), cells("bar", "")]),
            .paragraph([.text("bar")]),
        ])
    }

    @Test func spec203DelimiterCellCountMustMatchTheHeader() throws {
        #expect(try blocks("| abc | def |\n| --- |\n| bar |\n") == [
            .paragraph([.text("| abc | def |"), .softBreak, .text("| --- |"), .softBreak, .text("| bar |")]),
        ])
    }

    @Test func spec204ShortRowsArePaddedLongRowsCut() throws {
        #expect(try blocks("| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n") == [
            .table(alignments: [.none, .none], header: cells("abc", "def"),
                   rows: [cells("bar", ""), cells("bar", "baz")]),
        ])
    }

    @Test func spec205HeaderOnly() throws {
        #expect(try blocks("| abc | def |\n| --- | --- |\n") == [
            .table(alignments: [.none, .none], header: cells("abc", "def"), rows: []),
        ])
    }

    @Test func withoutADelimiterRowItStaysAParagraph() throws {
        #expect(try blocks("| a | b |\n| 1 | 2 |\n") == [
            .paragraph([.text("| a | b |"), .softBreak, .text("| 1 | 2 |")]),
        ])
        // Not a delimiter: a cell without dashes, or other characters.
        #expect(try blocks("| a | b |\n| --- | |\n") == [
            .paragraph([.text("| a | b |"), .softBreak, .text("| --- | |")]),
        ])
        #expect(try blocks("| a | b |\n| -x- | --- |\n").count == 1)
        // `---` under a line is a setext heading in CommonMark and in GFM.
        guard case .heading(2, _, _)? = try blocks("| a |\n---\n").first else {
            Issue.record("expected a setext heading"); return
        }
    }

    /// The first delimiter-looking line decides (cmark-gfm marks the
    /// paragraph as tried): a later matching pair does not make a table.
    @Test func aFailedDelimiterRowSettlesTheParagraph() throws {
        let kinds = try blocks("a | b\n|---|\nc | d\n|---|---|\n")
        #expect(kinds.count == 1)
        if case .paragraph = kinds.first {} else { Issue.record("expected a paragraph, got \(kinds)") }
    }

    @Test func aTableInterruptsAParagraphAsInGFM() throws {
        let doc = try parseNotebook("Results:\nmore text\n| a | b |\n|---|--:|\n| 1 | 2 |\n", path: "t.md")
        #expect(doc.blocks == [
            Block(.paragraph([.text("Results:"), .softBreak, .text("more text")]), at: SourcePosition(line: 1, column: 1)),
            Block(.table(alignments: [.none, .right], header: cells("a", "b"), rows: [cells("1", "2")]),
                  at: SourcePosition(line: 3, column: 1)),
        ])
    }

    @Test func cellsHoldInlineMarkdownButNoBlocks() throws {
        let text = """
            | *em* x | [ref][r] | # not a heading |
            |---|---|---|
            | - not a list | 1. nor this | <b>x</b> |
            | `c|ode` | y | z |

            [r]: https://example.org "T"
            """
        // The `|` inside the code span splits the cell, as in GFM: cells are
        // cut before inline parsing, so the last row has 4 cells, cut to 3.
        #expect(try blocks(text) == [
            .table(alignments: [.none, .none, .none],
                   header: [[.emphasis([.text("em")]), .text(" x")],
                            [.link(destination: "https://example.org", title: "T", content: [.text("ref")])],
                            [.text("# not a heading")]],
                   rows: [[[.text("- not a list")], [.text("1. nor this")], [.html("<b>"), .text("x"), .html("</b>")]],
                          [[.text("`c")], [.text("ode`")], [.text("y")]]]),
        ])
        #expect(try blocks("| # h | `a\\|b` |\n|---|---|\n") == [
            .table(alignments: [.none, .none], header: [[.text("# h")], [.code("a|b")]], rows: []),
        ])
    }

    @Test func tablesInBlockQuotesAndListItems() throws {
        let doc = try parseNotebook("""
            > | a | b |
            > |---|:-:|
            > | 1 | 2 |
            lazy line

            - item:

              | x |
              |---|
              | `y` |
            """, path: "t.md")
        let table = Block.Kind.table(alignments: [.none, .center], header: cells("a", "b"), rows: [cells("1", "2")])
        #expect(doc.blocks[0].kind == .blockQuote([
            Block(table, at: SourcePosition(line: 1, column: 3)),
            // A lazy line ends a table (GFM closes the quote there); it stays
            // inside the quote here, as a paragraph of its own.
            Block(.paragraph([.text("lazy line")]), at: SourcePosition(line: 4, column: 1)),
        ]))
        guard case .list(_, _, _, let items) = doc.blocks[1].kind else {
            Issue.record("expected a list, got \(doc.blocks[1].kind)"); return
        }
        #expect(items[0].last == Block(.table(alignments: [.none], header: cells("x"), rows: [[[.code("y")]]]),
                                       at: SourcePosition(line: 8, column: 3)))
    }

    @Test func rowSplitting() {
        #expect(PipeTable.cells("| a |") == ["a"])
        #expect(PipeTable.cells("a||b|") == ["a", "", "b"])
        #expect(PipeTable.cells("| |") == [""])
        #expect(PipeTable.cells("|") == nil)
        #expect(PipeTable.cells("   ") == nil)
        #expect(PipeTable.cells("a \\|") == ["a |"])
        #expect(PipeTable.cells("a \\\\| b") == ["a \\| b"])  // `\\|` still escapes the pipe, as in cmark-gfm
        #expect(PipeTable.delimiterRow("|:-|-:|:-:|---|") == [.left, .right, .center, .none])
        #expect(PipeTable.delimiterRow(":") == nil)
        #expect(PipeTable.delimiterRow("|::|") == nil)
    }

    /// A wide header over many one-cell lines stops padding at cmark-gfm's
    /// limit instead of allocating without bound.
    @Test func paddingIsBounded() {
        let lines = [PipeTable.Line(text: Substring(String(repeating: "a|", count: 1000)), lazy: false),
                     PipeTable.Line(text: Substring(String(repeating: "-|", count: 1000)), lazy: false)]
            + Array(repeating: PipeTable.Line(text: "x", lazy: false), count: 600)
        let split = PipeTable.split(lines)
        #expect(split?.rows.first?.count == 1000)
        // 999 padded cells per line: 524 lines fit under 0x80000 = 524288.
        #expect(split?.bodyEnd == 2 + 524)
    }

    @Test func aDeeplyNestedCellIsLocatedAtItsRow() throws {
        let deep = String(repeating: "*a ", count: 200) + String(repeating: "a*", count: 200)
        let error = parseError("| h |\n|---|\n| \(deep) |\n", path: "t.md")
        #expect(error?.position.line == 3)
    }
}
