import Foundation
import Testing
@testable import Notebook

@Suite struct StructureTests {
    @Test func rawHTMLBlocksAndInlinesBecomeHTMLValues() throws {
        let text = "<script>alert(1)</script>\n\nA <span onclick=\"x()\">b</span> c\n\n<!-- note -->\n"
        let doc = try parseNotebook(text, path: "nb.md")
        #expect(doc.blocks.map(\.kind) == [
            .html("<script>alert(1)</script>\n"),
            .paragraph([.text("A "), .html("<span onclick=\"x()\">"), .text("b"), .html("</span>"),
                        .text(" c")]),
            .html("<!-- note -->\n"),
        ])
        #expect(doc.blocks.map(\.position.line) == [1, 3, 5])
    }

    @Test func nestedListsKeepOrderStartTightnessAndPositions() throws {
        let text = """
            3. three
               - a
               - b

                 ```swift id=deep
                 x
                 ```
            4. four
            """
        let doc = try parseNotebook(text, path: "nb.md")
        try #require(doc.blocks.count == 1)
        guard case .list(true, 3, let tight, let items) = doc.blocks[0].kind else {
            Issue.record("not an ordered list starting at 3: \(doc.blocks[0].kind)")
            return
        }
        #expect(tight == true)  // the blank line is inside the inner list
        #expect(items.count == 2)
        guard case .list(false, 1, false, let inner) = items[0][1].kind else {
            Issue.record("not a loose bullet list: \(items[0][1].kind)")
            return
        }
        #expect(items[0][1].position == SourcePosition(line: 2, column: 4))
        #expect(inner.count == 2)
        #expect(inner[1][1].position == SourcePosition(line: 5, column: 6))
        #expect(doc.experiments.map(\.id) == ["deep"])
        #expect(doc.experiments.first?.code == "x\n")
        #expect(doc.experiments.first?.fenceLine == 5)
        #expect(items[1] == [Block(.paragraph([.text("four")]), at: SourcePosition(line: 8, column: 4))])
    }

    @Test func experimentInsideABlockQuoteInsideAList() throws {
        let text = "- item\n\n  > quoted\n  >\n  > ```swift id=q echo=false\n  > let y = 2\n  > ```\n"
        let doc = try parseNotebook(text, path: "nb.md")
        let e = try #require(doc.experiments.first)
        #expect(e.id == "q" && e.echo == false)
        #expect(e.code == "let y = 2\n")
        #expect((e.fenceLine, e.codeLine) == (5, 6))
        let fence = allBlocks(doc.blocks).first { if case .experiment = $0.block.kind { true } else { false } }
        #expect(fence?.block.position == SourcePosition(line: 5, column: 5))
        #expect(fence?.depth == 2)
    }

    @Test func crlfAndCRLineEndingsGiveTheSameDocumentAsLF() throws {
        let lf = "# Title\n\nSome text\nmore\n\n```swift id=a rtol=1e-3\nlet a = 1\nlet b = 2\n```\n\n<p>html</p>\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        let expected = try parseNotebook(lf, path: "nb.md")
        #expect(expected.experiments.first?.fenceLine == 6)
        #expect(try parseNotebook(crlf, path: "nb.md") == expected)
        #expect(try parseNotebook(cr, path: "nb.md") == expected)
    }

    @Test func notebookWithoutExperiments() throws {
        let doc = try parseNotebook("# Notes\n\nJust prose.\n\n```\nuntagged\n```\n", path: "nb.md")
        #expect(doc.experiments.isEmpty)
        #expect(doc.title == "Notes")
        #expect(doc.blocks.count == 3)
        #expect(doc.blocks[2].kind == .code(language: nil, text: "untagged\n"))
    }

    @Test func emptyAndBlankNotebooks() throws {
        #expect(try parseNotebook("", path: "e.md") == Document(path: "e.md", title: nil, blocks: []))
        #expect(try parseNotebook(bytes: [], path: "e.md").blocks.isEmpty)
        #expect(try parseNotebook("\n \n\t\n", path: "e.md").blocks.isEmpty)
    }

    @Test func unclosedFenceRunsToTheEnd() throws {
        let doc = try parseNotebook("text\n\n```swift\nlet z = 3\n", path: "nb.md")
        #expect(doc.experiments.first?.code == "let z = 3\n")
        #expect(doc.experiments.first?.fenceLine == 3)
        // Even without a final newline the code ends with one.
        let bare = try parseNotebook("```swift\nlet z = 3", path: "nb.md")
        #expect(bare.experiments.first?.code == "let z = 3\n")
    }

    @Test func invalidUTF8NULAndBOMAreRepairedNotFatal() throws {
        // BOM, "# T", a lone continuation byte, an overlong encoding, a NUL.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("# T".utf8) + [0x80, 0xC0, 0xAF, 0x00]
            + Array("\n\n```swift\nx\n```\n".utf8)
        let doc = try parseNotebook(bytes: bytes, path: "bad.md")
        let title = try #require(doc.title)
        #expect(title.hasPrefix("T\u{FFFD}"))
        #expect(!title.unicodeScalars.contains("\0"))
        #expect(doc.blocks.first?.position == SourcePosition(line: 1, column: 1))
        #expect(doc.experiments.first?.fenceLine == 3)
    }

    @Test func textSplitByCmarkAtUnmatchedDelimitersIsOneRun() throws {
        // cmark ends a text node at each '[', '!', escape and entity it tried.
        let doc = try parseNotebook("a [b c! d \\* e &amp; f ]g\n", path: "nb.md")
        #expect(doc.blocks.first?.kind == .paragraph([.text("a [b c! d * e & f ]g")]))
    }

    @Test func pathIsKeptAsGiven() throws {
        #expect(try parseNotebook("x", path: "../a b/c.md").path == "../a b/c.md")
    }
}
