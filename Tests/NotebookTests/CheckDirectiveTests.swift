import Testing
@testable import Notebook

/// `<!-- optnb check … -->` is read when the notebook is parsed, so a bad
/// one is a notebook error at its line, like a bad block option.
@Suite struct CheckDirectiveTests {
    @Test func settingsAreReadWithTheNotebook() throws {
        let doc = try parseNotebook("# T\n\n<!-- optnb check rtol=1e-6 atol=0 -->\n\ntext\n", path: "nb.md")
        #expect(doc.checkDirective == CheckDirective(rtol: 1e-6, atol: 0))
        let none = try parseNotebook("# T\n\n<!-- a comment -->\n", path: "nb.md")
        #expect(none.checkDirective == CheckDirective())
    }

    @Test(arguments: [
        ("<!-- optnb check rtol=abc -->", "invalid value 'abc' for rtol"),
        ("<!-- optnb check rtol=-1 -->", "invalid value '-1' for rtol"),
        ("<!-- optnb check tol=1 -->", "unknown setting 'tol=1'"),
    ])
    func aBadDirectiveIsAnErrorAtItsLine(directive: String, message: String) {
        let error = parseError("# T\n\ntext\n\n\(directive)\n")
        #expect(error?.path == "nb.md" && error?.position.line == 5)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func aSecondDirectiveNamesTheFirst() {
        let error = parseError("<!-- optnb check rtol=1 -->\n\n<!-- optnb check atol=1 -->\n")
        #expect(error?.position.line == 3)
        #expect(error?.message.contains("the first is at line 1") == true)
    }
}
