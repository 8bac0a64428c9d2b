import Outcome
import Testing
@testable import Regression

@Suite("GitHub annotations for render problems")
struct AnnotationTests {
    private func annotate(_ d: Diagnostic, _ notebook: String = "nb.md") -> String {
        githubAnnotation(d, notebook: notebook, title: "t")
    }

    @Test("a compile error's place becomes file, line and col; its excerpt stays in the message, escaped")
    func compileError() {
        let d = Diagnostic(file: "notebooks/a b.md", line: 10, column: 14, severity: .error,
                           message: "cannot convert value", excerpt: ["let b: Int = \"x\"", "             ^"])
        #expect(
            githubAnnotation(d, notebook: "notebooks/a b.md", title: "optnb render")
                == "::error file=notebooks/a b.md,line=10,col=14,title=optnb render::"
                + "notebooks/a b.md:10:14: error: cannot convert value%0Alet b: Int = \"x\"%0A             ^")
    }

    @Test("an expectation names a line only; a warning is a warning; a note a notice")
    func lineOnlyAndWarning() {
        let failed = Diagnostic(file: "nb.md", line: 7, severity: .error, message: "expectation failed: loss < 1 (2.5)")
        #expect(annotate(failed) == "::error file=nb.md,line=7,title=t::nb.md:7: error: expectation failed: loss < 1 (2.5)")
        let warning = Diagnostic(file: "nb.md", line: 3, column: 9, severity: .warning, message: "never mutated")
        #expect(annotate(warning).hasPrefix("::warning file=nb.md,line=3,col=9,title=t::"))
        let note = Diagnostic(file: "nb.md", line: 3, severity: .note, message: "called from here")
        #expect(annotate(note).hasPrefix("::notice file=nb.md,line=3,title=t::"))
    }

    @Test("--warnings-as-errors changes the severity, and so the level")
    func promotedWarning() {
        var d = Diagnostic(file: "nb.md", line: 3, column: 9, severity: .warning, message: "never mutated")
        d.severity = .error
        #expect(annotate(d) == "::error file=nb.md,line=3,col=9,title=t::nb.md:3:9: error: never mutated")
    }

    @Test("property values escape ':' and ','; message data escapes '%' and newlines")
    func escaping() {
        let d = Diagnostic(file: "dir:x,y/nb.md", line: 2, column: 1, severity: .error,
                           message: "100% off\r", excerpt: ["next"])
        let a = githubAnnotation(d, notebook: "dir:x,y/nb.md", title: "a:b")
        #expect(a == "::error file=dir%3Ax%2Cy/nb.md,line=2,col=1,title=a%3Ab::dir:x,y/nb.md:2:1: error: 100%25 off%0D%0Anext")
    }

    @Test("a diagnostic not placed in the notebook is an annotation on the file alone", arguments: [
        Diagnostic(file: nil, severity: .error, message: "something failed"),
        Diagnostic(file: "other.md", line: 12, severity: .error, message: "elsewhere"),
        Diagnostic(file: "ld.lld", severity: .error, message: "undefined symbol: x"),
        Diagnostic(file: "nb.md", severity: .error, message: "no line"),
    ])
    func noPlace(_ d: Diagnostic) {
        #expect(annotate(d).hasPrefix("::error file=nb.md,title=t::"))
    }
}
