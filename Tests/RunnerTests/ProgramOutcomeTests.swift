import Foundation
import Notebook
import Records
import Testing
@testable import Runner

@Suite("Outcomes are assembled from the results file, the output files and the exit")
struct ProgramOutcomeTests {
    // Block "a" opens at line 3, "b" at line 7.
    let doc = notebook([(id: "a", code: "1\n", eval: true), (id: "b", code: "2\n", eval: true)])
    var assembler: ProgramOutcome { ProgramOutcome(document: doc, program: NotebookProgram(document: doc)) }

    func scalar(_ name: String) -> Record { .scalar(ScalarValue(name: name, value: 1)) }

    @Test("a block without its end marker takes the blame for a crash, with the signal named")
    func crash() {
        let records: [Record] = [
            .blockStart(BlockMarker(index: 0, id: "a")), scalar("x"), .blockEnd(BlockMarker(index: 0, id: "a")),
            .blockStart(BlockMarker(index: 1, id: "b")), scalar("y"),
        ]
        let outcome = assembler.afterRun(records: records, termination: .signaled(SIGSEGV),
                                         outputDirectory: "/nonexistent", timeout: .seconds(1))
        #expect(outcome.blocks[0].status == .ok && outcome.blocks[0].records == [scalar("x")])
        #expect(outcome.blocks[1].records == [scalar("y")])
        #expect(failureText(outcome.blocks[1]) ==
            "notebooks/demo.md:7: error: block 'b' crashed with signal 11 (segmentation fault: a bad memory access, often a stack overflow)")
    }

    @Test("exit(0) in the middle of a block and a non-zero exit are failures of that block")
    func earlyExits() {
        let records: [Record] = [.blockStart(BlockMarker(index: 0, id: "a"))]
        let zero = assembler.afterRun(records: records, termination: .exited(0),
                                      outputDirectory: "/nonexistent", timeout: .seconds(1))
        #expect(failureText(zero.blocks[0]) ==
            "notebooks/demo.md:3: error: block 'a' ended the program before reaching its end (exit status 0)")
        #expect(zero.blocks[1].status == .notRun)
        let three = assembler.afterRun(records: records, termination: .exited(3),
                                       outputDirectory: "/nonexistent", timeout: .seconds(1))
        #expect(failureText(three.blocks[0]) == "notebooks/demo.md:3: error: block 'a' exited with status 3")
        #expect(!ProgramOutcome.isCacheable(three))
    }

    @Test("a truncated last line of the results file is skipped, earlier records kept")
    func truncatedResults() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-results-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var data = try Record.encoder().encode(scalar("kept"))
        data.append(0x0A)
        let cut = try Record.encoder().encode(scalar("cut"))
        data.append(cut.prefix(cut.count / 2))
        try data.write(to: URL(fileURLWithPath: path))
        #expect(ProgramOutcome.readRecords(path).records == [scalar("kept")])
        #expect(ProgramOutcome.readRecords(path + ".missing").records == [])
    }

    @Test("at most `limit` bytes of the results file are read; its full size is reported")
    func boundedResults() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-results-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var line = try Record.encoder().encode(scalar("x"))
        line.append(0x0A)
        try Data((0..<10).flatMap { _ in line }).write(to: URL(fileURLWithPath: path))
        // Three whole lines and part of the fourth fit.
        let read = ProgramOutcome.readRecords(path, limit: 3 * line.count + 5)
        #expect(read.records == Array(repeating: scalar("x"), count: 3))
        #expect(read.bytes == 10 * line.count)
        #expect(ProgramOutcome.readRecords(path).records.count == 10)
    }

    @Test("trap messages name the notebook path, and the runtime's address list is dropped")
    func standardErrorCleaning() {
        let raw = """
            about to fail
            notebook/demo.md:12: Fatal error: boom
            Current stack trace:
            0    libswiftCore.so    0x00007f 
            1    notebook           0x000055 <unavailable> + 4497
            after
            """
        #expect(assembler.cleanStandardError(raw) == """
            about to fail
            notebooks/demo.md:12: Fatal error: boom
            after
            """)
    }
}
