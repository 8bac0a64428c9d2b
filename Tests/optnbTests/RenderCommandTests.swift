import Foundation
import Testing

/// `optnb render` end to end: the real executable, real swiftc.
@Suite(.serialized) struct RenderCommandTests {
    @Test func rendersAReportAndItsResults() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        let r = try cli.run(["render", nb])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try cli.read("output/ok.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(html.contains("twenty points"))  // the first block's stdout
        let results = try cli.read("output/ok.results.json")
        #expect(results.contains("\"second/sum\""))
        #expect(results.contains("\"second/squares/x²\""))
        #expect(r.stderr.contains("notebooks/ok.md: ok"))
        #expect(!cli.exists("output/index.html"), "a single notebook writes no index")

        // Again: served from the cache, byte for byte the same report.
        let again = try cli.run(["render", nb])
        #expect(again.status == 0)
        #expect(again.stderr.contains("(cached)"))
        #expect(try cli.read("output/ok.html") == html)
    }

    @Test func twoFreshRendersDifferOnlyInTheFooter() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("compare.md")
        #expect(try cli.run(["render", "--no-cache", nb]).status == 0)
        let first = try cli.read("output/compare.html")
        #expect(try cli.run(["render", "--no-cache", nb]).status == 0)
        let second = try cli.read("output/compare.html")
        func body(_ s: String) -> Substring { s[..<(s.range(of: "<footer")?.lowerBound ?? s.endIndex)] }
        #expect(body(first) == body(second))
        #expect(first.contains("Timings measured in this render"))
    }

    @Test func compileErrorPointsAtTheNotebookLineAndKeepsTheOldReport() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("compile-error.md")
        try cli.write("an older report", to: "output/compile-error.html")
        let r = try cli.run(["render", nb])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/compile-error.md:10:"), "\(r.stderr)")
        #expect(r.stderr.contains("error:"))
        #expect(try cli.read("output/compile-error.html") == "an older report")

        let kept = try cli.run(["render", "--keep-going", nb])
        #expect(kept.status == 1)
        let html = try cli.read("output/compile-error.html")
        #expect(html.contains("Compile error") || html.contains("compile error"))
        #expect(html.contains("compile-error.md:10:"))
    }

    @Test func trapNamesTheBlockAndItsStderr() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["render", try cli.notebook("trap.md")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("block 'crash'"), "\(r.stderr)")
        #expect(r.stderr.contains("notebooks/trap.md:10:"))  // print(empty[3])
        #expect(r.stderr.contains("Index out of range"))
    }

    /// Each notebook's trap, at its line: `file:line:col: error:` first, as
    /// compile errors print, so editors and CI annotations place it.
    @Test func trapsPointAtTheNotebookLine() throws {
        let cli = try CLI(); defer { cli.remove() }
        let notebooks = try ["trap-index.md", "trap-unwrap.md", "trap-library.md"].map { try cli.notebook($0) }
        let r = try cli.run(["render", "--keep-going"] + notebooks)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        func reported(_ prefix: String, _ text: String) -> Bool {
            lines.contains { $0.hasPrefix(prefix) && $0.contains(": error: " + text) }
        }
        // `total += xs[i]`, line 9.
        #expect(reported("notebooks/trap-index.md:9:", "Fatal error: Index out of range (block 'block-1' crashed"),
                "\(r.stderr)")
        // `let lr = rates["adam"]!`, line 6.
        #expect(reported("notebooks/trap-unwrap.md:6:",
                         "Fatal error: Unexpectedly found nil while unwrapping an Optional value"), "\(r.stderr)")
        // The precondition is in the library; the call `adamStep(&theta, …)` is line 12.
        #expect(reported("notebooks/trap-library.md:12:", "Precondition failed: adamStep: 2 parameters"),
                "\(r.stderr)")
        #expect(!r.stderr.contains("Backtracing"))

        let html = try cli.read("output/trap-index.html")
        #expect(html.contains("<span class=\"mark\">failed at line 9</span>"))
        #expect(html.contains("<pre>notebooks/trap-index.md:9:"), "the error box leads with the place")
    }

    @Test func timeoutStopsTheProgramAndNamesTheBlock() throws {
        let cli = try CLI(); defer { cli.remove() }
        let start = Date()
        let r = try cli.run(["render", "--timeout", "2", try cli.notebook("forever.md")])
        #expect(r.status == 1)
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(r.stderr.contains("block 'spin'"), "\(r.stderr)")
        #expect(r.stderr.contains("still running after 2.00 s"))
    }

    @Test func nanInASeriesIsFlaggedInTheReport() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["render", try cli.notebook("nan.md")])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try cli.read("output/nan.html")
        #expect(html.contains("NaN values"))
        #expect(!html.lowercased().contains("=\"nan"), "no NaN inside SVG attributes")
    }

    @Test func failedExpectationFailsTheRenderAtItsLine() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["render", try cli.notebook("failed-expectation.md")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/failed-expectation.md:5: error: expectation failed: the loss is below 0.1"),
                "\(r.stderr)")
    }

    @Test func badBlockOptionIsAnErrorAtItsLine() throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["render", try cli.notebook("bad-option.md")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/bad-option.md:5:1: error: unknown option 'eco'"), "\(r.stderr)")
    }

    @Test func missingInputsAndToolchainExitWithStatusTwo() throws {
        let cli = try CLI(); defer { cli.remove() }
        let missing = try cli.run(["render", "nowhere.md"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere.md"))

        let noSwift = try cli.run(["render", try cli.notebook("ok.md")],
                                  environment: ["OPTNB_SWIFTC": "/nonexistent/swiftc"])
        #expect(noSwift.status == 2)
        #expect(noSwift.stderr.contains("/nonexistent/swiftc"))

        let badTimeout = try cli.run(["render", "--timeout", "-1", try cli.notebook("ok.md")])
        #expect(badTimeout.status != 0)
        #expect(badTimeout.stderr.contains("--timeout"))
    }

    @Test func folderRendersEveryNotebookAndAnIndex() throws {
        let cli = try CLI(); defer { cli.remove() }
        _ = try cli.notebook("ok.md", into: "site")
        _ = try cli.notebook("nan.md", into: "site")
        let r = try cli.run(["render", "site", "--output", "public"])
        #expect(r.status == 0, "\(r.stderr)")
        let index = try cli.read("public/index.html")
        #expect(index.contains("href=\"ok.html\""))
        #expect(index.contains("href=\"nan.html\""))
        #expect(try cli.read("public/ok.html").contains("index.html"))
    }
}

/// The README's notebook example is real: it renders as written.
@Suite struct ReadmeExampleTests {
    @Test func readmeExampleRenders() throws {
        let readme = try String(contentsOf: StudyNotebookTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "````markdown\n"),
              let end = readme.range(of: "\n````", range: start.upperBound..<readme.endIndex)
        else {
            Issue.record("README.md has no ````markdown example")
            return
        }
        let cli = try CLI(); defer { cli.remove() }
        try cli.write("# README example\n\n" + readme[start.upperBound..<end.lowerBound] + "\n",
                      to: "notebooks/readme.md")
        let r = try cli.run(["render", "notebooks/readme.md"])
        #expect(r.status == 0, "\(r.stderr)")
    }
}
