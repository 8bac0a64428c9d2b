import Testing
@testable import Regression

@Suite("GitHub annotations for render problems")
struct AnnotationTests {
    @Test("a compile error's place becomes file, line and col; its excerpt stays in the message, escaped")
    func compileError() {
        let text = "notebooks/a b.md:10:14: error: cannot convert value\nlet b: Int = \"x\"\n             ^"
        #expect(
            githubAnnotation(text, level: .error, title: "optnb render")
                == "::error file=notebooks/a b.md,line=10,col=14,title=optnb render::"
                + "notebooks/a b.md:10:14: error: cannot convert value%0Alet b: Int = \"x\"%0A             ^")
    }

    @Test("an expectation names a line only; a warning is a warning")
    func lineOnlyAndWarning() {
        #expect(
            githubAnnotation("nb.md:7: expectation failed: loss < 1 (2.5)", level: .error, title: "t")
                == "::error file=nb.md,line=7,title=t::nb.md:7: expectation failed: loss < 1 (2.5)")
        #expect(
            githubAnnotation("nb.md:3:9: warning: never mutated", level: .warning, title: "t")
                .hasPrefix("::warning file=nb.md,line=3,col=9,title=t::"))
    }

    @Test("property values escape ':' and ','; message data escapes '%' and newlines")
    func escaping() {
        let a = githubAnnotation("dir:x,y/nb.md:2:1: error: 100% off\r\nnext", level: .error, title: "a:b")
        #expect(a == "::error file=dir%3Ax%2Cy/nb.md,line=2,col=1,title=a%3Ab::dir:x,y/nb.md:2:1: error: 100%25 off%0D%0Anext")
    }

    @Test("text without a place is an annotation on no file", arguments: [
        "block 'x' was still running after 2 s", "C:: odd", ":12: no file", "nb.md:12 no colon after the line",
        "nb.md:x: not a line",
    ])
    func noPlace(_ text: String) {
        #expect(githubAnnotation(text, level: .error, title: "t").hasPrefix("::error title=t::"))
    }

    @Test("the place is the first ':LINE' followed by ': ' or ':COL: '")
    func places() {
        #expect(Place("a:b.md:3: x") == Place(file: "a:b.md", line: 3, column: nil))
        #expect(Place("a:12b.md:3:4: x") == Place(file: "a:12b.md", line: 3, column: 4))
        #expect(Place("nb.md:3:4x: y") == nil)
    }
}
