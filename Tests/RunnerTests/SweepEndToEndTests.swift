import Foundation
import Notebook
import Outcome
import Records
import Testing
@testable import Runner

/// Sweeps in real notebook programs: the per-sweep cache rules, a trap and
/// a bad axis named at the notebook line, and a time-out. Each run compiles
/// (~1–3 s), so the suite is serialized and keeps to few runs.
@Suite("Sweeps end to end", .serialized)
struct SweepEndToEndTests {
    static let setup = "let scale = 2.0\n"
    static let grid = """
        let g = try sweep("grid", axes: [SweepAxis("lr", [0.1, 1]), .seeds(3)]) { p in
            SweepMetrics(["loss": scale * p.double("lr") + Double(p.int("seed"))],
                         curve: [1, scale * p.double("lr")])
        }
        g.sensitivityPlot("sens", title: "loss", metric: "loss", x: "lr")
        """
    static let after = "scalar(\"after\", 1)\n"

    /// The three blocks, the first `offset` lines further down (prose added above).
    static func document(setup: String = setup, grid: String = grid, after: String = after,
                         offset: Int = 0) -> Document {
        let doc = notebook([(id: "setup", code: setup, eval: true), (id: "grid", code: grid, eval: true),
                            (id: "after", code: after, eval: true)])
        let blocks = doc.experiments.map { e in
            Block(.experiment(ExperimentBlock(index: e.index, id: e.id, eval: e.eval, code: e.code,
                                              fenceLine: e.fenceLine + offset, codeLine: e.codeLine + offset)),
                  at: SourcePosition(line: e.fenceLine + offset, column: 1))
        }
        return Document(path: doc.path, title: doc.title, blocks: blocks)
    }

    static func sweepRecords(_ r: RunResult) throws -> Data {
        let records = r.outcome.blocks.flatMap(\.records).filter {
            if case .sweep = $0 { true } else if case .sweepPlot = $0 { true } else { false }
        }
        return try Record.encoder().encode(records.map { r -> Record in
            // The source line moves with prose; the numbers must not.
            switch r {
            case .sweep(var t): t.source = nil; return .sweep(t)
            case .sweepPlot(var p): p.source = nil; return .sweepPlot(p)
            default: return r
            }
        })
    }

    @Test("a sweep is recomputed when its block or an earlier one changes, not for prose or a later block")
    func cacheRules() throws {
        let cache = ScratchCache()
        defer { cache.cleanup() }
        let config = RunnerConfiguration(cacheDirectory: cache.url)
        func run(_ doc: Document) throws -> RunResult {
            let r = try runNotebook(doc, configuration: config)
            #expect(r.outcome.succeeded, "\(r.outcome.blocks.map(\.status))")
            return r
        }
        let first = try run(Self.document())
        #expect(first.sweeps.map(\.cached) == [false] && first.sweeps.first?.points == 6)
        let computed = try Self.sweepRecords(first)

        // Prose above the blocks moves every line: a new program, the same sweep.
        let prose = try run(Self.document(offset: 7))
        #expect(!prose.cacheHit && prose.sweeps.map(\.cached) == [true])
        #expect(try Self.sweepRecords(prose) == computed, "a cached sweep reports exactly what it computed")

        let later = try run(Self.document(after: "scalar(\"after\", 2)\n"))
        #expect(later.sweeps.map(\.cached) == [true])

        let edited = try run(Self.document(grid: Self.grid + "\nprint(g.metrics)\n"))
        #expect(edited.sweeps.map(\.cached) == [false])

        let earlier = try run(Self.document(setup: "let scale = 3.0\n"))
        #expect(earlier.sweeps.map(\.cached) == [false])
        #expect(try Self.sweepRecords(earlier) != computed)

        var noCache = config
        noCache.useCache = false
        #expect(try runNotebook(Self.document(offset: 7), configuration: noCache).sweeps.map(\.cached) == [false])
    }

    @Test("a rebuilt library, another compiler or other flags give every block a new sweep key")
    func keysFollowTheLibraryAndCompiler() {
        let doc = Self.document()
        let keys = SweepHooks.blockKeys(doc, libraryDigest: "a", compilerVersion: "swift 6.3", flags: ["-Onone"])
        #expect(keys.split(separator: ",").map { $0.prefix(2) } == ["0:", "1:", "2:"])
        #expect(SweepHooks.blockKeys(doc, libraryDigest: "b", compilerVersion: "swift 6.3", flags: ["-Onone"]) != keys)
        #expect(SweepHooks.blockKeys(doc, libraryDigest: "a", compilerVersion: "swift 6.4", flags: ["-Onone"]) != keys)
        #expect(SweepHooks.blockKeys(doc, libraryDigest: "a", compilerVersion: "swift 6.3", flags: ["-O"]) != keys)
        // Only the blocks' code counts: moving them (prose) keeps every key.
        #expect(SweepHooks.blockKeys(Self.document(offset: 3), libraryDigest: "a", compilerVersion: "swift 6.3",
                                     flags: ["-Onone"]) == keys)
        // A later block's edit keeps the earlier blocks' keys and changes its own.
        let later = SweepHooks.blockKeys(Self.document(after: "print(2)\n"), libraryDigest: "a",
                                         compilerVersion: "swift 6.3", flags: ["-Onone"])
        #expect(later.split(separator: ",").prefix(2) == keys.split(separator: ",").prefix(2))
        #expect(later.split(separator: ",")[2] != keys.split(separator: ",")[2])
    }

    @Test("a trapping point is named by its coordinates at the notebook line; a bad axis fails at the sweep; nothing is cached")
    func trapAndBadAxis() throws {
        let cache = ScratchCache()
        defer { cache.cleanup() }
        let config = RunnerConfiguration(cacheDirectory: cache.url)
        let trap = Self.document(grid: """
            let g = try sweep("grid", axes: [SweepAxis("lr", [0.1, 1]), .seeds(3)]) { p in
                let values = [1.0]
                return ["loss": values[p.double("lr") == 1 && p.int("seed") == 2 ? 4 : 0]]
            }
            """)
        let crashed = try runNotebook(trap, configuration: config).outcome.blocks[1]
        // Block "grid": fence at line 7, so its code starts at 8 and the trap is on line 10.
        guard case .failed(let diagnostic) = crashed.status else {
            Issue.record("expected a failure, got \(crashed.status)"); return
        }
        #expect(crashed.crashLine == 10)
        #expect(diagnostic.line == 10)
        #expect(diagnostic.notes.contains(Diagnostic(file: "notebooks/demo.md", line: 8, severity: .note,
                                                     message: "while running point lr=1, seed=2 of sweep 'grid'")),
                "\(diagnostic.text)")

        let empty = Self.document(grid: "let g = try sweep(\"grid\", axes: [SweepAxis(\"lr\", [Double]()), .seeds(2)]) { _ in [\"loss\": 1] }\n")
        let refused = try runNotebook(empty, configuration: config).outcome.blocks[1]
        guard case .failed(let error) = refused.status else {
            Issue.record("expected a failure, got \(refused.status)"); return
        }
        #expect(refused.crashLine == 8)
        #expect(error.header == "notebooks/demo.md:8: error: sweep 'grid': axis 'lr' has no values", "\(error.text)")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: cache.url.appendingPathComponent("sweeps").path)) ?? []
        #expect(entries.isEmpty, "a failed sweep leaves no cache entry: \(entries)")
    }

    @Test("a time-out stops every sweep thread")
    func timeout() throws {
        let cache = ScratchCache()
        defer { cache.cleanup() }
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-sweep-marker-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let slow = Self.document(grid: """
            let g = try sweep("slow", axes: [.seeds(4)], threads: 2) { p in
                Thread.sleep(forTimeInterval: 3)
                FileManager.default.createFile(atPath: "\(marker)-\\(p.int("seed"))", contents: nil)
                return ["x": 1]
            }
            """)
        var config = RunnerConfiguration(cacheDirectory: cache.url)
        config.timeout = .seconds(1)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try runNotebook(slow, configuration: config)
        #expect(result.outcome.blocks[1].status == .timedOut(seconds: 1))
        Thread.sleep(forTimeInterval: 3.5)  // past the points' sleep: a surviving thread would write
        let written = (0..<4).filter { FileManager.default.fileExists(atPath: "\(marker)-\($0)") }
        #expect(written.isEmpty, "points finished after the time-out: \(written)")
        #expect(clock.now - start < .seconds(30))
    }
}
