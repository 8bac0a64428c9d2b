import Testing
@testable import Regression

@Suite("GitHub annotations for render problems")
struct AnnotationTests {
    private func annotate(_ text: String, _ notebook: String = "nb.md", level: AnnotationLevel = .error) -> String {
        githubAnnotation(text, notebook: notebook, level: level, title: "t")
    }

    @Test("a compile error's place becomes file, line and col; its excerpt stays in the message, escaped")
    func compileError() {
        let text = "notebooks/a b.md:10:14: error: cannot convert value\nlet b: Int = \"x\"\n             ^"
        #expect(
            githubAnnotation(text, notebook: "notebooks/a b.md", level: .error, title: "optnb render")
                == "::error file=notebooks/a b.md,line=10,col=14,title=optnb render::"
                + "notebooks/a b.md:10:14: error: cannot convert value%0Alet b: Int = \"x\"%0A             ^")
    }

    @Test("an expectation names a line only; a warning is a warning")
    func lineOnlyAndWarning() {
        #expect(annotate("nb.md:7: expectation failed: loss < 1 (2.5)")
            == "::error file=nb.md,line=7,title=t::nb.md:7: expectation failed: loss < 1 (2.5)")
        #expect(annotate("nb.md:3:9: warning: never mutated", level: .warning)
            .hasPrefix("::warning file=nb.md,line=3,col=9,title=t::"))
    }

    @Test("a crash without a notebook frame, and a time-out, point at their block's line, not a runtime file")
    func blockLines() {
        // The shapes Renderer.problems prints for them.
        let crash = "block 'b' (notebooks/x.md:7) crashed with signal 4 (illegal instruction: a Swift runtime "
            + "trap); stderr: Swift/ContiguousArrayBuffer.swift:691: Fatal error: Index out of range"
        #expect(annotate(crash, "notebooks/x.md").hasPrefix("::error file=notebooks/x.md,line=7,title=t::block 'b'"))
        let timeout = "notebooks/x.md: block 'b' (notebooks/x.md:12) was still running after 2.00 s; the program "
            + "and everything it started were stopped (raise --timeout if it needs longer)"
        #expect(annotate(timeout, "notebooks/x.md").hasPrefix("::error file=notebooks/x.md,line=12,title=t::"))
    }

    @Test("property values escape ':' and ','; message data escapes '%' and newlines")
    func escaping() {
        let a = githubAnnotation("dir:x,y/nb.md:2:1: error: 100% off\r\nnext", notebook: "dir:x,y/nb.md",
                                 level: .error, title: "a:b")
        #expect(a == "::error file=dir%3Ax%2Cy/nb.md,line=2,col=1,title=a%3Ab::dir:x,y/nb.md:2:1: error: 100%25 off%0D%0Anext")
    }

    @Test("text without the notebook's place is an annotation on the file alone", arguments: [
        "something failed", "other.md:12: error: elsewhere", "nb.md:12 no colon after the line",
        "nb.md:x: not a line", "nb.md:3:4x: not a column", "(nb.md:12 no closing parenthesis",
    ])
    func noPlace(_ text: String) {
        #expect(annotate(text).hasPrefix("::error file=nb.md,title=t::"))
    }

    @Test("a notebook path with colons and digits is matched whole")
    func oddPaths() {
        #expect(Place("a:12b.md:3:4: x", notebook: "a:12b.md") == Place(line: 3, column: 4))
        #expect(Place("a:12b.md:3: x", notebook: "a:12b.md") == Place(line: 3, column: nil))
    }
}
