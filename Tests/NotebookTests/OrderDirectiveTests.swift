import Testing
@testable import Notebook

/// `<!-- optnb order N -->` declares a notebook's place in the site's
/// reading order; read with the notebook, so a bad one is an error at its
/// line.
@Suite struct OrderDirectiveTests {
    @Test func thePlaceIsReadWithTheNotebook() throws {
        let doc = try parseNotebook("<!-- optnb order 3 -->\n# Adam\n\ntext\n", path: "nb.md")
        #expect(doc.order == 3)
        #expect(doc.title == "Adam", "a directive above the title leaves the title alone")
        #expect(try parseNotebook("# T\n\n<!--optnb   order\t12-->\n", path: "nb.md").order == 12)
        #expect(try parseNotebook("# T\n\n<!-- a comment -->\n", path: "nb.md").order == nil)
        // Beside the check directive, each read on its own.
        let both = try parseNotebook("<!-- optnb order 1 -->\n<!-- optnb check rtol=1e-3 -->\n# T\n", path: "nb.md")
        #expect(both.order == 1 && both.checkDirective == CheckDirective(rtol: 1e-3))
    }

    /// Only a top-level HTML comment is a directive: in code or a quote it
    /// is text.
    @Test func onlyATopLevelCommentCounts() throws {
        #expect(try parseNotebook("# T\n\n```\n<!-- optnb order 2 -->\n```\n", path: "nb.md").order == nil)
        #expect(try parseNotebook("# T\n\n> <!-- optnb order 2 -->\n", path: "nb.md").order == nil)
    }

    @Test(arguments: [
        ("<!-- optnb order -->", "optnb order needs a place"),
        ("<!-- optnb order 0 -->", "invalid place '0'"),
        ("<!-- optnb order -2 -->", "invalid place '-2'"),
        ("<!-- optnb order 2.5 -->", "invalid place '2.5'"),
        ("<!-- optnb order three -->", "invalid place 'three'"),
        ("<!-- optnb order 99999999999999999999 -->", "invalid place '99999999999999999999'"),
        ("<!-- optnb order 1 2 -->", "takes one number, got '1 2'"),
        ("<!-- optnb ordr 1 -->", "unknown directive '<!-- optnb ordr … -->'"),
    ])
    func aBadDirectiveIsAnErrorAtItsLine(directive: String, message: String) {
        let error = parseError("# T\n\ntext\n\n\(directive)\n")
        #expect(error?.path == "nb.md" && error?.position.line == 5)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func aSecondDirectiveNamesTheFirst() {
        let error = parseError("<!-- optnb order 1 -->\n\n# T\n\n<!-- optnb order 2 -->\n")
        #expect(error?.position.line == 5)
        #expect(error?.message.contains("the first is at line 1") == true, "\(String(describing: error))")
    }
}
