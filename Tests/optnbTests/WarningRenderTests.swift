import Foundation
import Testing

/// Compiler warnings from a notebook's code, through the real executable.
@Suite(.serialized) struct WarningRenderTests {
    // warning.md: `var x = 1; print(x)` on line 12, inside a `do` (a global
    // `var` at the top level draws no warning); `x` is at column 9.
    static let header = "notebooks/warning.md:12:9: warning: variable 'x' was never mutated"

    @Test func warningIsPrintedAtItsLineAndShownInTheReportColdAndCached() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("warning.md")
        for (run, how) in [(0, "compiled"), (1, "cached")] {
            let r = try cli.run(["render", nb])
            #expect(r.status == 0, "run \(run): \(r.stderr)")
            #expect(r.stderr.contains("notebooks/warning.md: ok with 1 compiler warning in"), "\(r.stderr)")
            #expect(r.stderr.contains("(\(how)"), "\(r.stderr)")
            // After the progress line, with swiftc's short excerpt.
            let verdict = r.stderr.range(of: "notebooks/warning.md: ok")
            let warning = r.stderr.range(of: Self.header + "; consider changing to 'let' constant\n"
                                         + "    var x = 1; print(x)\n    ~~~ ^\n")
            #expect(warning != nil, "\(r.stderr)")
            if let verdict, let warning { #expect(verdict.lowerBound < warning.lowerBound) }
            let html = try cli.read("output/warning.html")
            #expect(html.contains("<div class=\"warning compiler-warnings\" role=\"note\">"
                                  + "<span class=\"badge\">⚠ compiler warning</span><pre>" + Self.header))
            // Under its block, "mutable", not under "first".
            let cells = html.components(separatedBy: "<section class=\"cell")
            #expect(cells.filter { $0.contains("never mutated") }.count == 1)
            #expect(cells.first { $0.contains("id=\"cell:mutable\"") }?.contains("never mutated") == true)
            #expect(!html.contains("<div class=\"error-box\""), "a warning is not an error")
        }
    }

    @Test func warningsAsErrorsFailsTheRenderAtTheLine() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("warning.md")
        let r = try cli.run(["render", "--warnings-as-errors", nb])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/warning.md:12:9: error: variable 'x' was never mutated"), "\(r.stderr)")
        #expect(r.stderr.contains("(--warnings-as-errors)"))
        #expect(r.stderr.contains("notebooks/warning.md: FAILED"))
        #expect(!cli.exists("output/warning.html"))

        let help = try cli.run(["render", "--help"])
        #expect(help.stdout.contains("--warnings-as-errors"))
    }

    @Test func aNotebookWithoutWarningsPrintsNone() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["render", try cli.notebook("ok.md")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("warning"), "\(r.stderr)")
        #expect(!(try cli.read("output/ok.html")).contains("<div class=\"warning compiler-warnings\""))
    }
}
