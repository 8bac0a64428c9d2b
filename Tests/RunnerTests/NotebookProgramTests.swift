import Notebook
import Testing
@testable import Runner

@Suite("The generated program")
struct NotebookProgramTests {
    @Test("evaluated blocks appear in order, framed by markers and #sourceLocation; eval=false is left out")
    func framing() {
        let doc = notebook([
            (id: "setup", code: "let x = 1\nlet y = 2\n", eval: true),
            (id: "skipped", code: "let never = 0\n", eval: false),
            (id: "use", code: "print(x + y)", eval: true),
        ])
        // Lines: 1 title, 3 fence, 4–5 code, 6 fence; 8 fence, 9 code, 10 fence;
        // 12 fence, 13 code.
        let program = NotebookProgram(document: doc)
        let lines = NotebookProgram.lines(of: program.source)
        #expect(Array(lines[1...4]) == ["import Foundation", "import Optimizers", "import Reporting", "import Sweeps"])
        #expect(Array(lines[5...]) == [
            "_optnbBeginBlock(index: 0, id: \"setup\")",
            "#sourceLocation(file: \"notebooks/demo.md\", line: 4)",
            "let x = 1",
            "let y = 2",
            "#sourceLocation()",
            "_optnbEndBlock(index: 0, id: \"setup\")",
            "_optnbBeginBlock(index: 2, id: \"use\")",
            "#sourceLocation(file: \"notebooks/demo.md\", line: 13)",
            "print(x + y)",
            "#sourceLocation()",
            "_optnbEndBlock(index: 2, id: \"use\")",
        ])
        #expect(!program.source.contains("never"))
        #expect(program.spans.map(\.index) == [0, 2])
        #expect(program.spans.map(\.notebookLines) == [4..<6, 13..<14])
        // 1-based program lines, begin marker through end marker.
        #expect(program.spans.map(\.programLines) == [6...11, 12...16])
        #expect(program.span(notebookLine: 5)?.id == "setup")
        #expect(program.span(notebookLine: 9) == nil, "line 9 is the eval=false block")
        #expect(program.span(programLine: 16)?.id == "use")
    }

    @Test("the path is escaped for a Swift string literal")
    func pathEscaping() {
        let doc = notebook(path: "odd dir/a \"quoted\" \\ name\té.md", [(id: "b", code: "1", eval: true)])
        let program = NotebookProgram(document: doc)
        #expect(program.locationFile == #"odd dir/a \"quoted\" \\ name\té.md"#)
        #expect(program.source.contains(
            #"#sourceLocation(file: "odd dir/a \"quoted\" \\ name\té.md", line: 4)"#))
        #expect(NotebookProgram.escaped("a\nb\u{1}") == #"a\nb\u{1}"#)
    }

    @Test("an empty block and a block without a final newline keep their lines")
    func lineCounting() {
        #expect(NotebookProgram.lines(of: "") == [])
        #expect(NotebookProgram.lines(of: "a") == ["a"])
        #expect(NotebookProgram.lines(of: "a\n\nb\n") == ["a", "", "b"])
    }

    @Test("/proc stat fields are read after the last parenthesis of the command name")
    func statParsing() {
        let fields = ChildProcess.statFields("4242 (a) b (c)) S 1 4242 4242 0 -1")
        #expect(fields?.prefix(4) == ["S", "1", "4242", "4242"])
        #expect(ChildProcess.statFields("garbage") == nil)
    }
}
