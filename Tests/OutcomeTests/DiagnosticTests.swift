import Records
import Testing
@testable import Outcome

@Suite struct DiagnosticTests {
    @Test("the header names what is known of the place, in the form editors read")
    func headers() {
        #expect(Diagnostic(file: "nb.md", line: 9, column: 16, severity: .error, message: "m").header
                == "nb.md:9:16: error: m")
        #expect(Diagnostic(file: "nb.md", line: 9, severity: .warning, message: "m").header == "nb.md:9: warning: m")
        #expect(Diagnostic(file: "ld.lld", severity: .error, message: "undefined symbol").header
                == "ld.lld: error: undefined symbol")
        #expect(Diagnostic(file: nil, severity: .note, message: "m").header == "note: m")
    }

    @Test("text: header, excerpt, then each note with its own excerpt")
    func text() {
        let d = Diagnostic(
            file: "nb.md", line: 4, column: 5, severity: .warning, message: "w", excerpt: ["let a = 1", "    ^"],
            notes: [Diagnostic(file: "nb.md", line: 4, column: 5, severity: .note, message: "n", excerpt: ["x"])])
        #expect(d.text == "nb.md:4:5: warning: w\nlet a = 1\n    ^\nnb.md:4:5: note: n\nx")
    }

    @Test("brief keeps a short diagnostic whole and a long one as its header")
    func brief() {
        let short = Diagnostic(file: "nb.md", line: 1, severity: .warning, message: "w", excerpt: ["a", "b", "c", "d"])
        #expect(short.brief() == short)
        var long = short
        long.excerpt.append("e")
        #expect(long.brief().text == "nb.md:1: warning: w")
        var wide = short
        wide.excerpt = [String(repeating: "x", count: 121)]
        #expect(wide.brief().excerpt.isEmpty)
        var noted = short
        noted.notes = [Diagnostic(file: nil, severity: .note, message: "n")]
        #expect(noted.brief().notes.isEmpty, "5 lines under the header")
    }

    @Test("a block's problems: its crash (with stderr it does not quote), a time-out at the fence, failed expectations")
    func problems() {
        let crash = Diagnostic(file: "nb.md", line: 9, column: 3, severity: .error, message: "Fatal error: boom")
        let failed = BlockOutcome(
            index: 0, id: "b", status: .failed(crash),
            records: [.expectation(Expectation(message: "small", passed: false, detail: "2 is not < 1",
                                               source: SourceLine(file: "nb.md", line: 8))),
                      .expectation(Expectation(message: "fine", passed: true, detail: ""))],
            stderr: "nb.md:9: Fatal error: boom\n")
        let p = failed.problems(notebook: "nb.md", fenceLine: 7)
        #expect(p.map(\.text) == [
            "nb.md:9:3: error: Fatal error: boom\n    nb.md:9: Fatal error: boom",
            "nb.md:8: error: expectation failed: small (2 is not < 1)",
        ])
        let timedOut = BlockOutcome(index: 0, id: "spin", status: .timedOut(seconds: 2))
        #expect(timedOut.problems(notebook: "nb.md", fenceLine: 3).map(\.header) == [
            "nb.md:3: error: block 'spin' was still running after 2.00 s; the program and everything it "
                + "started were stopped (raise --timeout if it needs longer)",
        ])
        #expect(BlockOutcome(index: 0, id: "b", status: .ok).problems(notebook: "nb.md", fenceLine: 1).isEmpty)
    }

    @Test("diagnostics survive the cache's coding")
    func coding() throws {
        let d = Diagnostic(file: "nb.md", line: 1, column: nil, severity: .error, message: "m",
                           excerpt: ["x"], notes: [Diagnostic(file: nil, severity: .note, message: "n")])
        let outcome = NotebookOutcome(blocks: [BlockOutcome(index: 0, id: "b", status: .compileError([d]),
                                                            compilerWarnings: [d])])
        let back = try Record.decoder().decode(NotebookOutcome.self, from: Record.encoder().encode(outcome))
        #expect(back == outcome)
    }
}
