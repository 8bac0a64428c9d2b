import Foundation
import Notebook
import Outcome
import Testing
@testable import Runner

/// Warnings in swiftc output as swiftc 6.3 wrote it for this very program
/// (`-diagnostic-style llvm`, the notebook framed as `NotebookProgram` does).
@Suite("Compiler warnings are kept by block")
struct WarningDiagnosticsTests {
    // Block "setup": code lines 4–6; block "use": code lines 10–15.
    let doc = notebook([
        (id: "setup", code: """
            @available(*, deprecated, message: "use newStep()") func oldStep() {}
            let v: Int? = 3
            do { var z = 1; print(z) }
            """, eval: true),
        (id: "use", code: """
            func h() -> Int {
                return 1
                print("x")
            }
            oldStep()
            print("\\(v)")
            """, eval: true),
    ])
    let scratch = "/tmp/optnb-run-Ab12"
    var mainFile: String { scratch + "/main.swift" }

    func parse(_ output: String, path: String? = nil) -> CompileDiagnostics {
        CompileDiagnostics(output: output, program: NotebookProgram(document: doc),
                           mainFile: mainFile, scratch: scratch, notebookPath: path ?? doc.path)
    }

    static let mutated = """
        notebooks/demo.md:6:10: warning: variable 'z' was never mutated; consider changing to 'let' constant
        do { var z = 1; print(z) }
             ~~~ ^
             let
        """
    static let deprecated = """
        notebooks/demo.md:14:1: warning: 'oldStep()' is deprecated: use newStep() [#DeprecatedDeclaration]
        oldStep()
        ^
        """
    static let interpolation = """
        notebooks/demo.md:15:10: warning: string interpolation produces a debug description for an optional value; did you mean to make this explicit?
        print("\\(v)")
                 ^
        notebooks/demo.md:15:10: note: use a default value parameter to avoid this warning
        print("\\(v)")
                 ^
                  , default: <#default value#>
        notebooks/demo.md:15:10: note: provide a default value to avoid this warning
        print("\\(v)")
                 ^
                   ?? <#default value#>
        notebooks/demo.md:15:10: note: use 'String(describing:)' to silence this warning
        print("\\(v)")
                 ^
                 String(describing:  )
        """
    static let unreachable = """
        notebooks/demo.md:12:5: warning: code after 'return' will never be executed
            print("x")
            ^
        """

    @Test("each warning keeps its excerpt and notes, lands on its block, in line order")
    func warningsWithNotes() {
        // swiftc's order: type checking first, then flow analysis (line 12 last).
        let output = [Self.mutated, Self.deprecated, Self.interpolation, Self.unreachable]
            .joined(separator: "\n") + "\n"
        let d = parse(output)
        #expect(d.errorsByBlock.isEmpty)
        #expect(d.framingWarnings.isEmpty)
        #expect(d.warningText[0] == [Self.mutated])
        #expect(d.warningText[1] == [Self.unreachable, Self.deprecated, Self.interpolation])
        #expect(d.warningsByBlock[1]?.last?.notes.count == 3, "all three notes stay with their warning")
        #expect(d.warningsByBlock[1]?.last?.notes.first?.excerpt.last == "          , default: <#default value#>")
    }

    @Test("a warning followed by an error: each keeps only its own lines")
    func warningThenError() {
        let error = """
            notebooks/demo.md:15:7: error: cannot find 'zzz' in scope
            print(zzz)
                  ^~~
            """
        let d = parse([Self.mutated, Self.deprecated, error].joined(separator: "\n") + "\n")
        #expect(d.errorText == [1: error])
        #expect(d.warningText == [0: [Self.mutated], 1: [Self.deprecated]])
    }

    @Test("warnings on the framing or with no place are set apart; block warnings name the notebook path")
    func framingWarnings() {
        // Shapes of swiftc's and the linker's warnings outside the notebook's lines.
        let framing = """
            /tmp/optnb-run-Ab12/main.swift:11:1: warning: result of call to '_optnbEndBlock(index:id:)' is unused
            _optnbEndBlock(index: 0, id: "setup")
            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            /tmp/optnb-run-Ab12/main.swift:2:8: warning: file 'main.swift' is part of module 'notebook'; ignoring import
            <unknown>:0: warning: option '-Onone' has no effect when '-O' is given
            /usr/bin/ld.gold: warning: creating a DT_TEXTREL in object
            notebooks/demo.md:8:1: warning: a notebook line between blocks
            """
        let d = parse(framing + "\n" + Self.deprecated + "\n")
        #expect(d.warningText == [1: [Self.deprecated]])
        #expect(d.framingWarnings.count == 5)
        #expect(d.framingText.first?.hasPrefix("main.swift:11:1: warning: result of call") == true,
                "the scratch directory is removed")
        #expect(d.errorsByBlock.isEmpty, "a warning never fails a block")
        #expect(d.framingWarnings.map(\.file) == ["main.swift", "main.swift", "<unknown>", "/usr/bin/ld.gold", "notebooks/demo.md"])
        #expect(d.framingText.joined(separator: "\n") == framing.replacingOccurrences(of: scratch + "/", with: ""),
                "printed back, each is the text swiftc wrote")
        #expect(d.framingWarnings[2].line == 0 && d.framingWarnings[2].column == nil)

        // A path swiftc saw escaped is shown as the user wrote it.
        let odd = notebook(path: "notes/\"q\".md", [(id: "a", code: "let a = 1\n", eval: true)])
        let program = NotebookProgram(document: odd)
        #expect(program.locationFile == "notes/\\\"q\\\".md")
        let shown = CompileDiagnostics(
            output: "notes/\\\"q\\\".md:4:5: warning: initialization of immutable value 'a' was never used\n",
            program: program, mainFile: mainFile, scratch: scratch, notebookPath: odd.path)
        #expect(shown.warningText[0] == [
            "notes/\"q\".md:4:5: warning: initialization of immutable value 'a' was never used",
        ])
    }

    @Test("remarks and blank lines are dropped; an empty output has nothing")
    func nothingElse() {
        let d = parse("\nnotebooks/demo.md:14:1: remark: something informative\noldStep()\n^\n\n")
        #expect(d.errorsByBlock.isEmpty && d.warningsByBlock.isEmpty && d.framingWarnings.isEmpty)
        let empty = parse("")
        #expect(empty.errorsByBlock.isEmpty && empty.warningsByBlock.isEmpty)
    }
}
