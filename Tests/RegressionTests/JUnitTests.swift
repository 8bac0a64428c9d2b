import Foundation
import Outcome
import Records
import Testing
@testable import Regression

@Suite("JUnit XML printer")
struct JUnitTests {
    @Test("text and attributes are escaped; characters XML cannot hold become U+FFFD")
    func escaping() {
        #expect(xmlText("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
        #expect(xmlText("bell\u{7}, nul\u{0}, tab\t, line\n") == "bell\u{FFFD}, nul\u{FFFD}, tab\t, line\n")
        #expect(xmlAttribute("say \"hi\"\nthen\tgo") == "say &quot;hi&quot;&#10;then&#9;go")
    }

    @Test("counts per suite and overall; a failure carries type, message and placed text")
    func document() {
        var suite = JUnitSuite(notebook: "notebooks/adam.md")
        suite.cases = [
            .render(notebook: "notebooks/adam.md", errors: []),
            .claim(Expectation(message: "a < b", passed: false, detail: "0.5 < 0.1",
                               source: SourceLine(file: "notebooks/adam.md", line: 9))),
            .matched(key: "run/loss", line: 12),
            .drift(Drift(key: "run/final", kind: .changed, baseline: 1, now: 2, line: 14)),
        ]
        suite.seconds = 1.5
        let xml = junitXML([suite])
        #expect(xml.contains("<testsuites name=\"optnb check\" tests=\"4\" failures=\"2\" errors=\"0\" time=\"1.500\">"))
        #expect(xml.contains("<testsuite name=\"notebooks/adam.md\" tests=\"4\" failures=\"2\""))
        #expect(xml.contains("<testcase name=\"render\" classname=\"adam\" file=\"notebooks/adam.md\"/>"))
        #expect(xml.contains("<testcase name=\"claim: a &lt; b\" classname=\"adam\" file=\"notebooks/adam.md\" line=\"9\">"))
        #expect(xml.contains("<failure type=\"failed claim\" message=\"expectation failed: a &lt; b (0.5 &lt; 0.1)\">notebooks/adam.md:9: expectation failed"))
        #expect(xml.contains("<testcase name=\"value: run/loss\" classname=\"adam\" file=\"notebooks/adam.md\" line=\"12\"/>"))
        #expect(xml.contains("<failure type=\"drift\" message=\"run/final: changed: 1.0 → 2.0 (rel 1.0)\">"
            + "notebooks/adam.md:14: run/final: changed: 1.0 → 2.0 (rel 1.0)\nkey "))
    }

    @Test("a render's errors: the first one's header is the message, the case sits at its line")
    func renderErrors() {
        let errors = [
            Diagnostic(file: "ld.lld", severity: .error, message: "undefined symbol"),
            Diagnostic(file: "nb.md", line: 7, column: 3, severity: .error, message: "cannot find 'x' in scope",
                       excerpt: ["x + 1", "^"]),
        ]
        let c = JUnitCase.render(notebook: "nb.md", errors: errors)
        #expect(c.line == 7)
        #expect(c.result == .failed(type: "render error", message: "ld.lld: error: undefined symbol",
                                    text: "ld.lld: error: undefined symbol\nnb.md:7:3: error: cannot find 'x' in scope\nx + 1\n^"))
    }
}
