import Foundation
import Notebook
import Outcome
import Records
import Testing
@testable import Runner

/// Real swiftc, real programs: each test compiles once or twice (~0.5 s
/// each), so there are few of them, run one at a time.
@Suite("Running notebooks end to end", .serialized)
struct EndToEndTests {
    @Test("state carries between blocks; records and printed text land in their block; the cache is used")
    func twoBlocksAndCache() throws {
        let cache = ScratchCache()
        defer { cache.cleanup() }
        let doc = notebook([
            (id: "setup", code: """
                let base = 21
                print("setting up")
                """, eval: true),
            (id: "off", code: "fatalError(\"eval=false must not run\")", eval: false),
            (id: "report", code: """
                scalar("answer", Double(base * 2))
                print("{\\"blockStart\\":{\\"_0\\":{\\"id\\":\\"fake\\",\\"index\\":7}}}")
                plot("curve", title: "with a hole", series: [Series(label: "s", y: [1, .nan, -.infinity])])
                expect("answer is small", Double(base), lessThan: 10)
                print("done")
                """, eval: true),
            (id: "compare", code: """
                final class Descent: Optimizer {
                    let parameters: [Parameter<Double>]
                    var lr = 0.1
                    init(_ p: [Parameter<Double>]) { parameters = p }
                    func step() { for p in parameters { p.value[0] -= lr * p.grad![0] } }
                }
                var manualSteps = 0
                let c = compare("gd", title: "GD twice", steps: 3, initial: [Parameter([Double(base)])],
                                lossAndGradients: { ps in ps[0].grad = [ps[0].value[0]]; return 0 },
                                library: { Descent($0) }, libraryLabel: "Descent", manualLabel: "by hand",
                                manual: { theta, g in manualSteps += 1; theta[0] -= 0.1 * g[0] })
                expect("identical", c.largestDifference == 0 && manualSteps == 3)
                """, eval: true),
        ])
        // Lines: block "report" opens at 12, so its code starts at line 13.
        let config = RunnerConfiguration(cacheDirectory: cache.url)
        let first = try runNotebook(doc, configuration: config)
        let blocks = first.outcome.blocks
        #expect(!first.cacheHit)
        #expect(blocks.map(\.id) == ["setup", "off", "report", "compare"])
        #expect(blocks.map(\.status) == [.ok, .notRun, .ok, .ok])
        #expect(blocks[0].stdout == "setting up\n" && blocks[0].records.isEmpty)
        #expect(blocks[1].stdout.isEmpty && blocks[1].records.isEmpty)
        // The printed imitation of a record is just text of block "report".
        #expect(blocks[2].stdout == "{\"blockStart\":{\"_0\":{\"id\":\"fake\",\"index\":7}}}\ndone\n")
        #expect(blocks[2].records.count == 3)
        #expect(blocks[2].records.first == .scalar(ScalarValue(
            name: "answer", value: 42, source: SourceLine(file: "notebooks/demo.md", line: 13))))
        if case .plot(let plot) = blocks[2].records[1] {
            let y = plot.series[0].y
            #expect(y.count == 3 && y[0] == 1 && y[1].isNaN && y[2] == -.infinity)
        } else {
            Issue.record("expected a plot, got \(blocks[2].records[1])")
        }
        #expect(blocks[2].records[2] == .expectation(Expectation(
            message: "answer is small", passed: false, detail: "21.0 is not < 10.0",
            source: SourceLine(file: "notebooks/demo.md", line: 16))))
        #expect(!first.outcome.succeeded, "a failed expectation fails the notebook")
        // Top-level state captured by closures works across the compare call.
        guard case .comparison(let c)? = blocks[3].records.first else {
            Issue.record("expected a comparison, got \(blocks[3].records)")
            return
        }
        #expect(c.maxAbsDifference == [0, 0, 0] && c.libraryLoss.count == 4)
        #expect(blocks[3].records.last == .expectation(Expectation(
            message: "identical", passed: true, detail: "",
            source: SourceLine(file: "notebooks/demo.md", line: 32))))

        let second = try runNotebook(doc, configuration: config)
        #expect(second.cacheHit && second.compileSeconds == 0 && second.runSeconds == 0)
        #expect(second.cacheKey == first.cacheKey)
        #expect(try Self.sameRecords(second.outcome, first.outcome))

        var fresh = config
        fresh.useCache = false
        let third = try runNotebook(doc, configuration: fresh)
        #expect(!third.cacheHit && third.compileSeconds > 0)
        #expect(third.outcome.blocks.map(\.stdout) == blocks.map(\.stdout))
    }

    @Test("a compile error is reported on its block at the notebook line; other blocks do not run")
    func compileError() throws {
        let cache = ScratchCache()
        defer { cache.cleanup() }
        let doc = notebook([
            (id: "fine", code: "let a = 1\nprint(a)\n", eval: true),
            (id: "broken", code: "let b = a\nlet c: Int = undefinedName + b\n", eval: true),
        ])
        // Block "broken" code lines: 9–10; the error is on line 10, column 14.
        let result = try runNotebook(doc, configuration: RunnerConfiguration(cacheDirectory: cache.url))
        let blocks = result.outcome.blocks
        #expect(blocks[0].status == .notRun)
        guard case .compileError(let errors) = blocks[1].status else {
            Issue.record("expected a compile error, got \(blocks[1].status)")
            return
        }
        let diagnostics = errors.map(\.text).joined(separator: "\n")
        #expect(diagnostics.hasPrefix("notebooks/demo.md:10:14: error: cannot find 'undefinedName' in scope"))
        #expect(errors.first?.line == 10 && errors.first?.column == 14)
        #expect(!diagnostics.contains("optnb-run-"))
        let again = try runNotebook(doc, configuration: RunnerConfiguration(cacheDirectory: cache.url))
        #expect(again.cacheHit, "compile errors are cached")
    }

    @Test("a trap fails its block with a message at its notebook line; earlier blocks keep their results")
    func trap() throws {
        let cache = ScratchCache()
        defer { cache.cleanup() }
        let doc = notebook([
            (id: "before", code: "scalar(\"x\", 1)\nprint(\"first\")\n", eval: true),
            (id: "warmup", code: """
                print("about to fail")
                let xs = [1, 2, 3]
                let i = xs.count
                print(xs[i])
                """, eval: true),
            (id: "after", code: "print(\"never\")\n", eval: true),
        ])
        let result = try runNotebook(doc, configuration: RunnerConfiguration(cacheDirectory: cache.url))
        let blocks = result.outcome.blocks
        #expect(blocks[0].status == .ok && blocks[0].stdout == "first\n" && blocks[0].records.count == 1)
        guard let message = failureText(blocks[1]) else {
            Issue.record("expected a failure, got \(blocks[1].status)")
            return
        }
        // Block "warmup" opens at line 8; `print(xs[i])` is line 12, and the
        // backtracer places the trap there (the column is swiftc's choice).
        #expect(message.hasPrefix("notebooks/demo.md:12:"), "\(message)")
        #expect(message.contains(": error: Fatal error: Index out of range (block 'warmup' crashed with signal 4, "
                                 + "illegal instruction: a Swift runtime trap)"))
        #expect(blocks[1].crashLine == 12)
        #expect(blocks[1].stdout == "about to fail\n", "line-buffered output survives the trap")
        #expect(blocks[1].stderr.contains("Fatal error: Index out of range"))
        #expect(!blocks[1].stderr.contains("Current stack trace"))
        #expect(!blocks[1].stderr.contains("Backtracing"), "the backtrace goes to a file, not to the block")
        #expect(blocks[2].status == .notRun && blocks[2].stdout.isEmpty)
        let again = try runNotebook(doc, configuration: RunnerConfiguration(cacheDirectory: cache.url))
        #expect(!again.cacheHit, "crashes are not cached")
    }

    @Test("on time-out the running block is marked and everything the program started is killed")
    func timeout() throws {
        let cache = ScratchCache()
        defer { cache.cleanup() }
        let doc = notebook([
            (id: "spawn", code: """
                let child = Process()
                child.executableURL = URL(fileURLWithPath: "/bin/sleep")
                child.arguments = ["1000"]
                try child.run()
                scalar("child", Double(child.processIdentifier))
                """, eval: true),
            (id: "spin", code: """
                var spins = 0
                while spins >= 0 { spins = (spins + 1) % 1000 }
                """, eval: true),
            (id: "later", code: "print(\"never\")\n", eval: true),
        ])
        var config = RunnerConfiguration(cacheDirectory: cache.url)
        config.timeout = .seconds(2)
        let result = try runNotebook(doc, configuration: config)
        let blocks = result.outcome.blocks
        guard case .scalar(let child)? = blocks[0].records.first else {
            Issue.record("the spawning block reported no pid: \(blocks[0])")
            return
        }
        let pid = pid_t(child.value)
        defer { kill(pid, SIGKILL) }  // never leave a sleeper behind, even on failure
        #expect(blocks[0].status == .ok)
        #expect(blocks[1].status == .timedOut(seconds: 2))
        #expect(blocks[2].status == .notRun)
        #expect(Self.isGone(pid), "the child in its own process group must be killed too")
        let again = try runNotebook(doc, configuration: RunnerConfiguration(
            cacheDirectory: cache.url, useCache: true, timeout: .milliseconds(100)))
        #expect(!again.cacheHit, "time-outs are not cached")
    }

    @Test("a missing compiler or library is a ToolchainError with one clear sentence")
    func missingTools() throws {
        let doc = notebook([(id: "a", code: "print(1)", eval: true)])
        let noCompiler = RunnerConfiguration(swiftc: "/nonexistent/swiftc", useCache: false)
        let error = #expect(throws: ToolchainError.self) { try runNotebook(doc, configuration: noCompiler) }
        #expect(error?.message.contains("/nonexistent/swiftc") == true)
        let empty = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let noLibrary = RunnerConfiguration(binDirectory: empty, useCache: false)
        let libraryError = #expect(throws: ToolchainError.self) {
            try runNotebook(doc, configuration: noLibrary)
        }
        #expect(libraryError?.message.hasPrefix("The Optimizers module was not found in") == true)
    }

    /// Dead, or a zombie waiting for a reaper that is not us.
    static func isGone(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
            return true
        }
        return ChildProcess.statFields(stat)?.first == "Z"
    }

    /// Outcome equality with NaN == NaN, by comparing the encoded JSON.
    static func sameRecords(_ a: NotebookOutcome, _ b: NotebookOutcome) throws -> Bool {
        try Record.encoder().encode(a) == Record.encoder().encode(b)
    }
}
