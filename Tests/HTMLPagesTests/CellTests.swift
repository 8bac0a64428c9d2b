import Testing
import Notebook
import Outcome
import Records
@testable import HTMLPages

@Suite struct CellTests {
    func render(_ e: Block, _ outcome: BlockOutcome?) -> String {
        let doc = document([e])
        return renderReport(doc, outcome: outcome.map { NotebookOutcome(blocks: [$0]) }, options: ReportOptions())
    }

    @Test func codeShownWithSwiftClass() {
        let out = render(experiment(0, "b", line: 3, code: "let x = 1"), BlockOutcome(index: 0, id: "b", status: .ok))
        #expect(out.contains("<pre><code class=\"language-swift\">let x = 1</code></pre>"))
        #expect(out.contains("<section class=\"cell cell-ok\" id=\"cell:b\""))
        #expect(out.contains("· line 3"))
    }

    @Test func echoFalseHidesCode() {
        let out = render(experiment(0, "b", line: 3, echo: false, code: "let hidden = 42"),
                         BlockOutcome(index: 0, id: "b", status: .ok, records: [.scalar(ScalarValue(name: "x", value: 1))]))
        #expect(!out.contains("hidden = 42"))
        #expect(out.contains("<th scope=\"row\" class=\"text\">x</th>"))
    }

    @Test func notEvaluatedAndNotRun() {
        let skipped = render(experiment(0, "b", line: 3, eval: false, code: "slow()"),
                             BlockOutcome(index: 0, id: "b", status: .notRun))
        #expect(skipped.contains("<span class=\"mark\">not evaluated (eval=false)</span>"))
        #expect(skipped.contains("slow()"))
        let after = render(experiment(0, "b", line: 3), BlockOutcome(index: 0, id: "b", status: .notRun))
        #expect(after.contains("not run (an earlier block failed)"))
        let none = render(experiment(0, "b", line: 3, code: "shown()"), nil)
        #expect(none.contains("<span class=\"mark\">not evaluated</span>"))
        #expect(none.contains("shown()"))
        #expect(none.contains("cell-not-run"))
    }

    @Test func failuresAreMarkedErrors() {
        let failed = render(experiment(0, "b", line: 3),
                            BlockOutcome(index: 0, id: "b", status: .failed(Diagnostic(file: nil, severity: .error, message: "Fatal error: <boom>")),
                                         records: [.scalar(ScalarValue(name: "before", value: 2))], stdout: "partial\n"))
        #expect(failed.contains("cell cell-error"))
        #expect(failed.contains("<div class=\"error-box\" role=\"alert\"><strong>✗ Failed</strong><pre>error: Fatal error: &lt;boom&gt;</pre></div>"))
        // What ran before the failure is still shown, before the error.
        #expect(failed.contains("<pre class=\"stdout\" aria-label=\"standard output\">partial\n</pre>"))
        #expect(failed.range(of: ">before<")!.lowerBound < failed.range(of: "<div class=\"error-box\"")!.lowerBound)

        #expect(failed.contains("<span class=\"mark\">failed</span>"), "no crash line, no line in the mark")

        let crash = render(experiment(0, "b", line: 3),
                           BlockOutcome(index: 0, id: "b", status: .failed(Diagnostic(file: "nb.md", line: 6, column: 9, severity: .error, message: "Fatal error: boom")),
                                        crashLine: 6))
        #expect(crash.contains("<span class=\"mark\">failed at line 6</span>"))
        #expect(crash.contains("<pre>nb.md:6:9: error: Fatal error: boom</pre>"))

        let timed = render(experiment(0, "b", line: 3), BlockOutcome(index: 0, id: "b", status: .timedOut(seconds: 30)))
        #expect(timed.contains("✗ Timed out") && timed.contains("time limit of 30 s"))

        let compile = render(experiment(0, "b", line: 3),
                             BlockOutcome(index: 0, id: "b", status: .compileError([Diagnostic(file: "nb.md", line: 4, column: 9, severity: .error, message: "cannot find 'y' in scope")])))
        #expect(compile.contains("✗ Compile error"))
        #expect(compile.contains("nb.md:4:9: error: cannot find &#39;y&#39; in scope") ||
                compile.contains("nb.md:4:9: error: cannot find 'y' in scope"))
    }

    @Test func expectationsShowVerdictClaimDetailAndLine() {
        let out = render(experiment(0, "b", line: 3), BlockOutcome(index: 0, id: "b", status: .ok, records: [
            .expectation(Expectation(message: "loss decreases", passed: true, detail: "0.41 < 0.93",
                                     source: SourceLine(file: "nb.md", line: 42))),
            .expectation(Expectation(message: "agrees with torch", passed: false, detail: "|Δ| = 3e-3 > 1e-6")),
        ]))
        #expect(out.contains("<li class=\"pass\"><span class=\"verdict\" aria-label=\"passed\">✓</span> <span class=\"claim\">loss decreases</span> <span class=\"detail\">0.41 &lt; 0.93</span> <span class=\"where\">line 42</span></li>"))
        #expect(out.contains("<li class=\"fail\"><span class=\"verdict\" aria-label=\"failed\">✗</span> <span class=\"claim\">agrees with torch</span>"))
        #expect(out.contains("cell-expectation-failed"))
        #expect(out.contains("✗ 1 expectation failed"))
    }

    @Test func outputsInProgramOrder() {
        let plot = Plot(name: "p", title: "P", series: [Series(label: "s", y: [1, 2])])
        let table = Table(name: "T", columns: ["a"], rows: [[.number(1)]])
        let out = render(experiment(0, "b", line: 3), BlockOutcome(index: 0, id: "b", status: .ok,
            records: [.scalar(ScalarValue(name: "first", value: 1)), .plot(plot), .table(table),
                      .scalar(ScalarValue(name: "last", value: 2))],
            stdout: "out\n", stderr: "err\n"))
        let marks = ["class=\"stdout\"", "class=\"stderr\"", ">first<", "<svg", "<caption>Table 1: T<", ">last<"]
        let positions = marks.map { out.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        // Two scalar runs: split by the plot and table.
        #expect(count("<table class=\"scalars\">", in: out) == 2)
    }

    @Test func compilerWarningsSitQuietlyUnderTheCode() {
        let warning = Diagnostic(file: "nb.md", line: 5, column: 9, severity: .warning,
                                 message: "variable 'x' was never mutated", excerpt: ["    var x = 1", "    ~~~ ^"])
        let out = render(experiment(0, "b", line: 3, code: "do {\n    var x = 1; print(x)\n}"),
                         BlockOutcome(index: 0, id: "b", status: .ok, stdout: "1\n",
                                      compilerWarnings: [warning, Diagnostic(file: "nb.md", line: 6, column: 1, severity: .warning, message: "second")]))
        #expect(out.contains("<div class=\"warning compiler-warnings\" role=\"note\"><span class=\"badge\">⚠ 2 compiler warnings</span>"
                             + "<pre>nb.md:5:9: warning: variable 'x' was never mutated\n    var x = 1\n    ~~~ ^</pre>"
                             + "<pre>nb.md:6:1: warning: second</pre></div>"))
        // A warning does not make the cell an error, and sits between the code and its output.
        #expect(out.contains("cell cell-ok") && !out.contains("<div class=\"error-box\"")
                && !out.contains("role=\"alert\""))
        let code = out.range(of: "<code class=\"language-swift\">")!.lowerBound
        let box = out.range(of: "<div class=\"warning compiler-warnings\"")!.lowerBound
        #expect(code < box && box < out.range(of: "class=\"stdout\"")!.lowerBound)

        let one = render(experiment(0, "b", line: 3),
                         BlockOutcome(index: 0, id: "b", status: .notRun, compilerWarnings: [warning]))
        #expect(one.contains("⚠ compiler warning</span>"), "a block that did not run keeps its warnings")
        let none = render(experiment(0, "b", line: 3), BlockOutcome(index: 0, id: "b", status: .ok))
        #expect(!none.contains("compiler warning") && !none.contains("<div class=\"warning compiler-warnings\""))
    }
}
