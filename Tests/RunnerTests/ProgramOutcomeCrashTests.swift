import Foundation
import Notebook
import Outcome
import Records
import Testing
@testable import Runner

@Suite("A crash is reported at the notebook line of its innermost notebook frame")
struct ProgramOutcomeCrashTests {
    // The notebook of Tests/Fixtures/backtraces/library-in-closure.json:
    // "setup" opens at line 3 (code 4–6), "steps" at line 9 (code 10–12).
    let doc = notebook([
        (id: "setup", code: """
            func twice(_ f: () -> Void) { f(); f() }
            var theta = [1.0]
            var state = AdamState(count: 2)
            """, eval: true),
        (id: "steps", code: """
            twice {
                adamStep(&theta, [0.1], state: &state, lr: 0.1)
            }
            """, eval: true),
    ])
    let records: [Record] = [
        .blockStart(BlockMarker(index: 0, id: "setup")), .blockEnd(BlockMarker(index: 0, id: "setup")),
        .blockStart(BlockMarker(index: 1, id: "steps")),
    ]
    let trap = "Optimizers/ManualAdam.swift:39: Precondition failed: adamStep: 1 parameters, 1 gradients, 2/2 moments"

    /// The outcome of a run whose block "steps" left `stderr` and ended with `termination`.
    func outcome(stderr: String, termination: Termination, backtrace: String?) throws -> BlockOutcome {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(stderr.utf8).write(to: dir.appendingPathComponent("1.stderr"))
        let assembler = ProgramOutcome(document: doc, program: NotebookProgram(document: doc))
        let bt = try backtrace.map { try #require(CrashBacktrace(json: try backtraceFixture($0))) }
        return assembler.afterRun(records: records, termination: termination, outputDirectory: dir.path,
                                  timeout: .seconds(5), backtrace: bt).blocks[1]
    }

    @Test("a library precondition in a closure: file:line:col of the closure, then where it was called")
    func located() throws {
        let block = try outcome(stderr: trap + "\n\n*** Signal 4: Backtracing from 0x7f1c538f9361... done ***\n\n",
                                termination: .signaled(SIGILL), backtrace: "library-in-closure")
        #expect(failureText(block) == """
            notebooks/demo.md:11:5: error: Precondition failed: adamStep: 1 parameters, 1 gradients, 2/2 moments \
            (block 'steps' crashed with signal 4, illegal instruction: a Swift runtime trap)
            notebooks/demo.md:4:31: note: called from here
            notebooks/demo.md:10:1: note: called from here
            """)
        guard case .failed(let crash) = block.status else { return }
        #expect(crash.line == 11 && crash.column == 5 && crash.notes.map(\.line) == [4, 10])
        #expect(block.crashLine == 11)
        #expect(block.stderr == trap + "\n", "the backtracer's notice and its blank lines are dropped")
    }

    @Test("no notebook frame in the crashed thread: the block's first line, as without a backtracer")
    func fallback() throws {
        let stderr = "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n"
        let expected = "notebooks/demo.md:9: error: block 'steps' crashed with signal 4 (illegal instruction: a Swift runtime trap)"
            + "; stderr: Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range"
        for backtrace in ["worker-thread", nil] {
            let block = try outcome(stderr: stderr, termination: .signaled(SIGILL), backtrace: backtrace)
            #expect(failureText(block) == expected, "backtrace \(backtrace ?? "none")")
            #expect(block.crashLine == nil)
        }
    }

    @Test("a time-out is reported as one, whatever backtrace there is")
    func timeoutIgnoresBacktrace() throws {
        let block = try outcome(stderr: trap, termination: .timedOut, backtrace: "library-in-closure")
        #expect(block.status == .timedOut(seconds: 5) && block.crashLine == nil)
    }

    @Test("the notebook path is shown as the user wrote it, though compiled escaped")
    func escapedPath() throws {
        let path = #"odd "q"\x.md"#
        let doc = notebook(path: path, [(id: "a", code: "let x = 1\nprint(x)\n", eval: true)])
        let program = NotebookProgram(document: doc)
        #expect(program.locationFile == #"odd \"q\"\\x.md"#)
        // As swift-backtrace writes it: the file name is the #sourceLocation literal's text.
        let json = """
            {"description": "Illegal instruction", "threads": [{"crashed": true, "frames": [
              {"description": "Swift runtime failure: arithmetic overflow",
               "sourceLocation": {"file": "//<compiler-generated>", "line": 0, "column": 0}},
              {"description": "main + 288", "sourceLocation": {"file": \(try jsonString(program.locationFile)),
               "line": 5, "column": 3}}]}]}
            """
        let bt = try #require(CrashBacktrace(json: Data(json.utf8)))
        let block = ProgramOutcome(document: doc, program: program).afterRun(
            records: [.blockStart(BlockMarker(index: 0, id: "a"))], termination: .signaled(SIGILL),
            outputDirectory: "/nonexistent", timeout: .seconds(1), backtrace: bt).blocks[0]
        #expect(failureText(block) == #"odd "q"\x.md:5:3: error: Swift runtime failure: arithmetic overflow "#
            + "(block 'a' crashed with signal 4, illegal instruction: a Swift runtime trap)")
    }

    @Test("the runtime's trap line: the last one, without the file and line it starts with")
    func trapLines() {
        let stderr = """
            Fatal error: printed by the notebook itself
            notebooks/demo.md:5: Precondition failed: k must be positive
            """
        #expect(ProgramOutcome.trapLine(in: stderr) == "notebooks/demo.md:5: Precondition failed: k must be positive")
        #expect(ProgramOutcome.trapText("notebooks/demo.md:5: Precondition failed: k must be positive")
                == "Precondition failed: k must be positive")
        #expect(ProgramOutcome.trapText("Swift/x.swift:9: Assertion failed: a: Fatal error: b") == "Assertion failed: a: Fatal error: b")
        #expect(ProgramOutcome.trapLine(in: "no trap here\n") == nil)
    }

    private func jsonString(_ s: String) throws -> String {
        String(decoding: try JSONEncoder().encode(s), as: UTF8.self)
    }
}
