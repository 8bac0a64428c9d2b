import Testing
@testable import Notebook

/// 17.1: a block whose braces do not balance is refused at its line, before
/// it can swallow the next block.
@Suite struct BraceBalanceTests {
    @Test func balancedCodeWithBracesInStringsAndCommentsPasses() {
        let code = #"""
        let a = "{ not a brace"
        let b = #"raw { \(no) "#
        let c = """
            } multi-line \("interp" + "}") {
            """
        // } comment
        /* { /* nested } */ { */
        let d = "\(["k": 1].map { "\($0.key)" })"
        if a.isEmpty { print(b, c, d) }
        #if DEBUG
        #endif
        """#
        #expect(BraceBalance.problem(in: code) == nil)
    }

    @Test func unclosedBraceIsFoundAtItsLine() {
        let problem = BraceBalance.problem(in: "let x = 1\nif false {\n    print(x)\n")
        #expect(problem == BraceBalance.Problem(line: 2, column: 10, unclosed: true))
    }

    @Test func strayClosingBraceIsFoundAtItsLine() {
        let problem = BraceBalance.problem(in: "print(1)\n  }\nprint(2)\n")
        #expect(problem == BraceBalance.Problem(line: 2, column: 3, unclosed: false))
    }

    /// The case from the issue: block a opens, block b closes. The parse
    /// fails at the `{`, naming block a; an eval=false block is not checked.
    @Test func theSwallowingBlockIsRefusedAtItsBrace() throws {
        let text = """
        # T

        ```swift id=a
        scalar("a", 1)
        if false {
        ```

        ```swift id=b
        expect("never checked", false)
        }
        ```
        """
        #expect(throws: NotebookError.self) { try parseNotebook(text, path: "n.md") }
        do { _ = try parseNotebook(text, path: "n.md") } catch {
            #expect(error.position == SourcePosition(line: 5, column: 10))
            #expect(error.message.contains("this '{' is not closed in its block ('a')"), "\(error.message)")
        }
        let shown = text.replacingOccurrences(of: "swift id=a", with: "swift id=a eval=false")
            .replacingOccurrences(of: "swift id=b", with: "swift id=b eval=false")
        #expect(throws: Never.self) { try parseNotebook(shown, path: "n.md") }
    }
}
