import Foundation
import Notebook
import Outcome
import Testing
@testable import Runner

@Suite("Compile diagnostics are split by block")
struct DiagnosticsTests {
    let doc = notebook([
        (id: "one", code: "let a = 1\n", eval: true),
        (id: "two", code: "let b = a +\nzzz\n", eval: true),
    ])

    @Test("errors go to the block holding their notebook line; warnings stay out of them; temp paths removed")
    func placement() {
        // Block "one": code line 4; block "two": code lines 8–9.
        let program = NotebookProgram(document: doc)
        let output = """
            notebooks/demo.md:4:5: warning: initialization of immutable value 'a' was never used
            let a = 1
                ^
            notebooks/demo.md:9:1: error: cannot find 'zzz' in scope
            zzz
            ^~~
            /tmp/optnb-run-Ab12/main.swift:14:1: note: something about the framing
            /tmp/optnb-run-Ab12/main.swift:15:1: error: framing error
            error: link command failed with exit code 1 (use -v to see invocation)

            """
        let d = CompileDiagnostics(output: output, program: program,
                                   mainFile: "/tmp/optnb-run-Ab12/main.swift",
                                   scratch: "/tmp/optnb-run-Ab12", notebookPath: doc.path)
        #expect(d.errorsByBlock[0] == nil)
        let two = d.errorText[1] ?? ""
        #expect(two.hasPrefix("notebooks/demo.md:9:1: error: cannot find 'zzz' in scope\nzzz\n^~~"))
        #expect(two.contains("\nmain.swift:14:1: note: something about the framing"))
        #expect(two.contains("\nmain.swift:15:1: error: framing error"))
        #expect(two.hasSuffix("error: link command failed with exit code 1 (use -v to see invocation)"))
        #expect(!two.contains("/tmp/"))
        #expect(!two.contains("warning"))
        // Structure, not text: the header's parts, the excerpt, the note.
        let first = d.errorsByBlock[1]?.first
        #expect(first?.file == "notebooks/demo.md" && first?.line == 9 && first?.column == 1)
        #expect(first?.message == "cannot find 'zzz' in scope" && first?.excerpt == ["zzz", "^~~"])
        #expect(first?.notes.map(\.header) == ["main.swift:14:1: note: something about the framing"])
        let link = d.errorsByBlock[1]?.last
        #expect(link?.file == nil && link?.line == nil && link?.severity == .error)
        #expect(d.warningText == [0: [
            "notebooks/demo.md:4:5: warning: initialization of immutable value 'a' was never used\nlet a = 1\n    ^",
        ]])
    }

    @Test("a source line quoting ': error: ' is not taken for a diagnostic")
    func excerptsAreNotHeaders() {
        let program = NotebookProgram(document: doc)
        let output = """
            notebooks/demo.md:8:9: error: expected expression
            let b = "x: error: y" +
                    ^

            """
        let d = CompileDiagnostics(output: output, program: program, mainFile: "/x/main.swift",
                                   scratch: "/x", notebookPath: doc.path)
        #expect(d.errorText[1] == output.trimmingCharacters(in: .newlines))
        #expect(d.errorsByBlock.count == 1)
    }
}

/// The diagnostics printed back: swiftc's text, unchanged, is the proof
/// that parsing it into `Diagnostic`s lost nothing.
extension CompileDiagnostics {
    var errorText: [Int: String] { errorsByBlock.mapValues { $0.map(\.text).joined(separator: "\n") } }
    var warningText: [Int: [String]] { warningsByBlock.mapValues { $0.map(\.text) } }
    var framingText: [String] { framingWarnings.map(\.text) }
}
