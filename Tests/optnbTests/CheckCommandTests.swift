import Foundation
import Testing

/// `optnb check` end to end: baselines created, matched, drifted, updated.
@Suite(.serialized) struct CheckCommandTests {
    @Test func baselineLifecycle() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        let baseline = "notebooks/baselines/ok.json"

        // In CI a missing baseline fails and is not created.
        let ci = try cli.run(["check", nb], environment: ["CI": "true"])
        #expect(ci.status == 1)
        #expect(ci.stdout.contains("no baseline"), "\(ci.stdout)")
        #expect(!cli.exists(baseline))

        // Outside CI it is created, and then matches.
        let first = try cli.run(["check", nb])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("created baseline"))
        let second = try cli.run(["check", nb], environment: ["CI": "true"])
        #expect(second.status == 0, "\(second.stdout)")
        #expect(second.stdout.contains("1 passed, 0 failed"))

        // Nudge one number past rtol 1e-9: drift, the key named, exit 1.
        let text = try cli.read(baseline)
        #expect(text.contains("\"value\" : 190"))
        try cli.write(text.replacingOccurrences(of: "\"value\" : 190", with: "\"value\" : 190.000001"),
                      to: baseline)
        let drift = try cli.run(["check", nb], environment: ["CI": "true"])
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("second/sum"), "\(drift.stdout)")
        #expect(drift.stdout.contains("190.000001"))
        #expect(drift.stdout.contains("1 of"))
        let page = try cli.read("output/ok.drift.html")
        #expect(page.contains("second/sum") && page.contains("190.000001"))
        #expect(page.contains("href=\"ok.html\""))

        // GitHub annotations carry the notebook line of the scalar call.
        let gh = try cli.run(["check", "--format", "github", nb])
        #expect(gh.stdout.contains("::error file=notebooks/ok.md,line=12"), "\(gh.stdout)")

        // --update says what changed and restores agreement.
        let update = try cli.run(["check", "--update", nb])
        #expect(update.status == 0)
        #expect(update.stdout.contains("second/sum"))
        #expect(try cli.run(["check", nb], environment: ["CI": "true"]).status == 0)
        #expect(!cli.exists("output/ok.drift.html"), "a passing check leaves no stale drift page")
    }

    @Test func driftedSeriesIsPlottedAgainstItsBaseline() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        #expect(try cli.run(["check", nb]).status == 0)
        let baseline = "notebooks/baselines/ok.json"
        let text = try cli.read(baseline)
        // The squares series holds 0, 1, 4, …, 361: move 361.
        #expect(text.contains("361"))
        try cli.write(text.replacingOccurrences(of: "361", with: "362"), to: baseline)
        let r = try cli.run(["check", nb])
        #expect(r.status == 1)
        #expect(r.stdout.contains("second/squares/x²[19]"), "\(r.stdout)")
        let page = try cli.read("output/ok.drift.html")
        #expect(page.contains(">baseline</text>") && page.contains(">now</text>"), "both curves in the legend")
        #expect(page.components(separatedBy: "<svg").count - 1 == 2, "values and their difference")
    }

    @Test func withinToleranceStillPasses() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        #expect(try cli.run(["check", nb]).status == 0)
        let baseline = "notebooks/baselines/ok.json"
        let text = try cli.read(baseline)
        // 190 · 1e-10 relative: inside the default rtol 1e-9.
        try cli.write(text.replacingOccurrences(of: "\"value\" : 190", with: "\"value\" : 190.000000019"),
                      to: baseline)
        let r = try cli.run(["check", nb], environment: ["CI": "true"])
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test func corruptedBaselineNamesTheFile() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        try cli.write("{ this is not json", to: "notebooks/baselines/ok.json")
        let r = try cli.run(["check", nb])
        #expect(r.status == 1)
        #expect(r.stdout.contains("notebooks/baselines/ok.json"), "\(r.stdout)")
    }

    @Test func missingAndNewKeysAreReported() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        #expect(try cli.run(["check", nb]).status == 0)
        let baseline = "notebooks/baselines/ok.json"
        let text = try cli.read(baseline)
        try cli.write(text.replacingOccurrences(of: "\"second/sum\"", with: "\"second/total\""), to: baseline)
        let r = try cli.run(["check", nb])
        #expect(r.status == 1)
        #expect(r.stdout.contains("second/sum"))
        #expect(r.stdout.contains("new"))
        #expect(r.stdout.contains("second/total"))
        #expect(r.stdout.contains("missing"))
    }

    @Test("--format github also annotates a failed render at the notebook line")
    func renderFailureAnnotation() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("compile-error.md")
        let r = try cli.run(["check", "--format", "github", nb])
        #expect(r.status == 1)
        #expect(r.stdout.contains("::error file=notebooks/compile-error.md,line=10,col="), "\(r.stdout)")
        #expect(r.stdout.contains("title=optnb render::"))
        // Without it, render problems stay on standard error only.
        let plain = try cli.run(["check", nb])
        #expect(!plain.stdout.contains("::error"))
        #expect(plain.stderr.contains("notebooks/compile-error.md:10:"))
    }

    @Test("--format github puts a trap at its line, and a time-out at its block's line")
    func trapAndTimeoutAnnotations() throws {
        let cli = try CLI(); defer { cli.remove() }
        let trap = try cli.run(["check", "--format", "github", try cli.notebook("trap-index.md")])
        #expect(trap.status == 1)
        #expect(trap.stdout.contains("::error file=notebooks/trap-index.md,line=9,col=16,"), "\(trap.stdout)")
        let spin = try cli.run(["check", "--format", "github", "--timeout", "2", try cli.notebook("forever.md")])
        #expect(spin.status == 1)
        // The fence of block 'spin' is line 3.
        #expect(spin.stdout.contains("::error file=notebooks/forever.md,line=3,title=optnb render::"), "\(spin.stdout)")
    }

    @Test("a bad check directive is an error at its line, annotated, and other notebooks are still checked")
    func badDirectiveIsANotebookError() throws {
        let cli = try CLI(); defer { cli.remove() }
        let ok = try cli.notebook("ok.md")
        try cli.write("# Bad\n\n<!-- optnb check rtol=abc -->\n\n```swift\nscalar(\"x\", 1)\n```\n",
                      to: "notebooks/bad-directive.md")
        let r = try cli.run(["check", "--keep-going", "--format", "github", "notebooks/bad-directive.md", ok])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/bad-directive.md:3:1: error: invalid value 'abc' for rtol"), "\(r.stderr)")
        #expect(r.stdout.contains("::error file=notebooks/bad-directive.md,line=3,col=1,title=optnb render::"),
                "\(r.stdout)")
        #expect(r.stdout.contains("notebooks/ok.md: created baseline"), "the next notebook is still checked: \(r.stdout)")
    }
}
