import Foundation
import Notebook
import Testing
@testable import Runner

/// Real reports of the Swift backtracer (see Tests/Fixtures/backtraces/README.md
/// for the programs that crashed).
func backtraceFixture(_ name: String) throws -> Data {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/backtraces/\(name).json")
    return try Data(contentsOf: url)
}

@Suite("The backtracer's report gives the crashed thread's notebook frames")
struct CrashBacktraceTests {
    func report(_ name: String) throws -> CrashBacktrace {
        try #require(CrashBacktrace(json: try backtraceFixture(name)))
    }

    func at(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(line: line, column: column) }

    @Test("a library precondition reached from a closure: the closure's line, then its callers")
    func libraryInClosure() throws {
        let bt = try report("library-in-closure")
        #expect(bt.description == "Illegal instruction")
        #expect(bt.frames.count == 5, "the `truncated` marker is not a frame")
        #expect(bt.frames[1].file?.hasSuffix("/Sources/Optimizers/ManualSteps/ManualAdam.swift") == true)
        #expect(bt.frames[1].description.hasPrefix("adamStep("))
        // closure on 11:5, `f()` inside `twice` on 4:31, the call of `twice` on 10:1.
        #expect(bt.positions(inFile: "notebooks/demo.md") == [at(11, 5), at(4, 31), at(10, 1)])
        #expect(bt.positions(inFile: "notebooks/other.md").isEmpty)
        #expect(bt.runtimeFailure == nil)
    }

    @Test("only the crashed thread counts: a worker in library code has no notebook frame, though main has")
    func workerThread() throws {
        let bt = try report("worker-thread")
        #expect(bt.frames.count == 6)
        #expect(bt.frames[3].description == "work() + 82")
        #expect(!bt.frames.contains { $0.file == "notebooks/demo.md" })
        #expect(bt.positions(inFile: "notebooks/demo.md").isEmpty)
    }

    @Test("an inlined overflow check has line 0: the crash is placed at the statement, named by the check")
    func overflow() throws {
        let bt = try report("overflow")
        #expect(bt.positions(inFile: "notebooks/overflow.md") == [at(6, 9)])
        #expect(bt.runtimeFailure == "Swift runtime failure: arithmetic overflow")
    }

    @Test("a stack overflow: one position per line, the omitted-frames marker skipped")
    func recursion() throws {
        let bt = try report("recursion")
        #expect(bt.description == "Bad pointer dereference")
        #expect(bt.frames.count == 15)  // 17 entries less `omittedFrames` and `truncated`
        #expect(bt.frames.first?.column == 0, "the faulting prologue has no column")
        #expect(bt.positions(inFile: "notebooks/recursion.md") == [at(4, 48), at(5, 7)])
    }

    @Test("a relative notebook path also matches a frame path that ends with it")
    func relativePaths() throws {
        let json = """
            {"description": "Illegal instruction", "threads": [{"crashed": true, "frames": [
              {"symbol": "main", "sourceLocation": {"file": "/work/notebooks/demo.md", "line": 3, "column": 2}},
              {"symbol": "main", "sourceLocation": {"file": "/work/xnotebooks/demo.md", "line": 4, "column": 2}}]}]}
            """
        let bt = try #require(CrashBacktrace(json: Data(json.utf8)))
        #expect(bt.frames.map(\.description) == ["main", "main"], "demangle=no leaves only the symbol")
        #expect(bt.positions(inFile: "notebooks/demo.md") == [at(3, 2)])
        #expect(bt.positions(inFile: "/notebooks/demo.md").isEmpty, "an absolute path must match exactly")
    }

    @Test("a frame whose location lacks a file or line is skipped; the others still place the crash")
    func partialLocation() throws {
        let json = #"""
            {"description": "Illegal instruction", "threads": [{"crashed": true, "frames": [
              {"description": "runtime", "sourceLocation": {"line": 3}},
              {"description": "inlined", "sourceLocation": {"file": "notebooks/x.md"}},
              {"description": "main", "sourceLocation": {"file": "notebooks/x.md", "line": 9, "column": 16}}
            ]}]}
            """#
        let bt = try #require(CrashBacktrace(json: Data(json.utf8)))
        #expect(bt.frames.count == 3)
        #expect(bt.positions(inFile: "notebooks/x.md") == [at(9, 16)])
    }

    @Test("what is not a report, or names no crashed thread, gives nil")
    func notAReport() throws {
        let whole = try backtraceFixture("library-in-closure")
        #expect(CrashBacktrace(json: whole.prefix(whole.count / 2)) == nil)
        #expect(CrashBacktrace(json: Data("*** Program crashed: Illegal instruction".utf8)) == nil)
        #expect(CrashBacktrace(json: Data(#"{"threads": [{"frames": []}]}"#.utf8)) == nil)
        #expect(CrashBacktrace.read("/nonexistent/backtrace.json") == nil)
    }

    /// The settings as key → values, in order.
    func pairs(_ settings: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for pair in settings.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            result[parts[0].lowercased(), default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return result
    }

    @Test("optnb's keys override the user's SWIFT_BACKTRACE; the user's other keys are kept")
    func settingsMerge() {
        let plain = pairs(CrashBacktrace.settings(merging: nil, outputTo: "/tmp/run/backtrace.json"))
        #expect(plain["enable"] == ["yes"] && plain["interactive"] == ["no"] && plain["format"] == ["json"])
        #expect(plain["output-to"] == ["/tmp/run/backtrace.json"] && plain["symbolicate"] == ["full"])
        #expect(plain["threads"] == ["crashed"] && plain["sanitize"] == ["no"])

        let user = "enable=no,FORMAT=text, output-to=stdout,interactive=yes,sanitize=yes,"
            + "swift-backtrace=/opt/bt/swift-backtrace,demangle=no,unwind=fast"
        let merged = pairs(CrashBacktrace.settings(merging: user, outputTo: "/tmp/run/backtrace.json"))
        #expect(merged.values.allSatisfy { $0.count == 1 }, "no key twice: \(merged)")
        #expect(merged["enable"] == ["yes"] && merged["format"] == ["json"] && merged["interactive"] == ["no"])
        #expect(merged["output-to"] == ["/tmp/run/backtrace.json"] && merged["sanitize"] == ["no"])
        #expect(merged["swift-backtrace"] == ["/opt/bt/swift-backtrace"])
        #expect(merged["demangle"] == ["no"] && merged["unwind"] == ["fast"])
        #expect(merged.count == plain.count + 3)
    }

    @Test("a destination holding a comma cannot be written in the list: backtracing is off")
    func commaInPath() {
        #expect(CrashBacktrace.settings(merging: "enable=yes", outputTo: "/tmp/a,b/backtrace.json")
                == "enable=no")
    }
}
