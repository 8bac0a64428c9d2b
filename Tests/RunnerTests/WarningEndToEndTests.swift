import Foundation
import Notebook
import Records
import Testing
@testable import Runner

/// Real swiftc: the framing optnb generates draws no warning, and a
/// notebook's own warnings reach its blocks, cold and from the cache.
@Suite("Compiler warnings end to end", .serialized)
struct WarningEndToEndTests {
    /// Compiles `document`'s program as `runNotebook` does, without running it.
    func compileOnly(_ document: Document)
        throws -> (status: Termination, output: String, diagnostics: CompileDiagnostics) {
        let environment = ProcessInfo.processInfo.environment
        let compiler = try Compiler.locate(configured: nil, environment: environment)
        let library = try LibraryBuild.locate(binDirectory: nil)
        let scratch = try TemporaryDirectory(prefix: "optnb-test-compile")
        defer { scratch.remove() }
        return try compile(NotebookProgram(document: document), notebookPath: document.path,
                           compiler: compiler, library: library,
                           flags: compileFlags(optimize: false), scratch: scratch.path,
                           executable: scratch.path + "/notebook", environment: environment)
    }

    @Test("a plain notebook compiles without a single warning: the generated framing is clean")
    func framingIsWarningFree() throws {
        // Everything the framing varies with: a path and ids that need
        // escaping, an empty block, a block left out, state across blocks.
        let doc = notebook(path: "notebooks/we\"ird\\name.md", [
            (id: "se\"tup", code: "let xs = [1.0, 2.0]\n", eval: true),
            (id: "empty", code: "", eval: true),
            (id: "off", code: "let never = 0\n", eval: false),
            (id: "use\\it", code: "scalar(\"sum\", xs.reduce(0, +))\nprint(xs.count)\n", eval: true),
        ])
        let compiled = try compileOnly(doc)
        #expect(compiled.status == .exited(0), "\(compiled.output)")
        #expect(!compiled.output.contains("warning"), "\(compiled.output)")
        #expect(compiled.diagnostics.framingWarnings.isEmpty)
    }

    @Test("the study notebooks compile without a warning")
    func studyNotebooksAreWarningFree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("notebooks")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count >= 8, "notebooks/ holds the study: \(names)")
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let compiled = try compileOnly(try parseNotebook(text, path: "notebooks/\(name)"))
            #expect(compiled.status == .exited(0), "notebooks/\(name): \(compiled.output)")
            #expect(!compiled.output.contains("warning"), "notebooks/\(name): \(compiled.output)")
        }
    }

    @Test("warnings land on their block after a run and again from the cache; a failed compile has none")
    func warningsAreKeptAndCached() throws {
        let cache = ScratchCache()
        defer { cache.cleanup() }
        // Block "quiet": code line 4; block "noisy": code lines 8–10.
        let doc = notebook([
            (id: "quiet", code: "let base = 2\n", eval: true),
            (id: "noisy", code: "do {\n    var x = base; print(x)\n}\n", eval: true),
        ])
        let config = RunnerConfiguration(cacheDirectory: cache.url)
        let cold = try runNotebook(doc, configuration: config)
        #expect(cold.outcome.blocks.map(\.status) == [.ok, .ok])
        #expect(cold.outcome.blocks[0].compilerWarnings.isEmpty)
        #expect(cold.outcome.blocks[1].compilerWarnings.map(\.text) == ["""
            notebooks/demo.md:9:9: warning: variable 'x' was never mutated; consider changing to 'let' constant
                var x = base; print(x)
                ~~~ ^
                let
            """])
        #expect(cold.outcome.succeeded, "a warning does not fail the notebook")
        let warm = try runNotebook(doc, configuration: config)
        #expect(warm.cacheHit)
        #expect(warm.outcome == cold.outcome)

        let broken = notebook([
            (id: "noisy", code: "do {\n    var x = 1; print(x)\n}\n", eval: true),
            (id: "broken", code: "print(undefinedName)\n", eval: true),
        ])
        let failed = try runNotebook(broken, configuration: config)
        #expect(failed.outcome.blocks.allSatisfy { $0.compilerWarnings.isEmpty })
        guard case .compileError(let errors) = failed.outcome.blocks[1].status else {
            Issue.record("expected a compile error, got \(failed.outcome.blocks[1].status)")
            return
        }
        #expect(!errors.map(\.text).joined().contains("warning"), "next to an error, warnings are noise")
    }
}
