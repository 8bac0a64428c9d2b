import Foundation
import Testing
import Notebook
import Outcome
import Records
@testable import Runner

/// Issue 16 item 6: `input("…")` reads a data file beside the notebook, and
/// the file's content is part of the cache key.
@Suite struct InputTests {
    /// A notebook in a fresh folder with `data/losses.csv` beside it.
    struct Folder {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-input-\(UUID().uuidString)")
        var notebookPath: String { root.appendingPathComponent("nb/study.md").path }
        func write(_ text: String, to relative: String) throws {
            let url = root.appendingPathComponent("nb/\(relative)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static let code = """
        let rows = input("data/losses.csv").split(separator: "\\n")
        scalar("rows", Double(rows.count))
        scalar("last", Double(rows.last.map(String.init) ?? "") ?? .nan)
        """

    func value(_ result: RunResult, _ name: String) -> Double? {
        for block in result.outcome.blocks {
            for case .scalar(let s) in block.records where s.name == name { return s.value }
        }
        return nil
    }

    @Test func changingTheFileRerunsAndNothingElseDoes() throws {
        let folder = Folder(); defer { folder.remove() }
        let cache = ScratchCache(); defer { cache.cleanup() }
        try folder.write("0.9\n0.5\n", to: "data/losses.csv")
        let doc = notebook(path: folder.notebookPath, [("a", Self.code, true)])
        let configuration = RunnerConfiguration(cacheDirectory: cache.url)
        let first = try runNotebook(doc, configuration: configuration)
        #expect(!first.cacheHit && value(first, "rows") == 2 && value(first, "last") == 0.5)
        // Same bytes written again (a new time stamp): still a hit.
        try folder.write("0.9\n0.5\n", to: "data/losses.csv")
        #expect(try runNotebook(doc, configuration: configuration).cacheHit)
        try folder.write("0.9\n0.5\n0.25\n", to: "data/losses.csv")
        let changed = try runNotebook(doc, configuration: configuration)
        #expect(!changed.cacheHit, "the file's content is in the key")
        #expect(value(changed, "rows") == 3 && value(changed, "last") == 0.25)
    }

    @Test func aMissingFileIsAnErrorAtItsLine() throws {
        let folder = Folder(); defer { folder.remove() }
        let cache = ScratchCache(); defer { cache.cleanup() }
        let doc = notebook(path: folder.notebookPath, [("a", "let x = 1\n" + Self.code, true)])
        do {
            _ = try runNotebook(doc, configuration: RunnerConfiguration(cacheDirectory: cache.url))
            Issue.record("expected an error")
        } catch let error as NotebookError {
            #expect(error.path == folder.notebookPath)
            #expect(error.position == SourcePosition(line: 5, column: 12))
            #expect(error.message.contains("input(\"data/losses.csv\")") && error.message.contains("no readable file"))
        }
    }

    /// A path that is not a literal could not have been tracked: the program
    /// stops at that line instead of reading the file behind optnb's back.
    @Test func aPathThatIsNotALiteralStopsAtItsLine() throws {
        let folder = Folder(); defer { folder.remove() }
        let cache = ScratchCache(); defer { cache.cleanup() }
        try folder.write("1\n", to: "data/losses.csv")
        let doc = notebook(path: folder.notebookPath, [("a", """
            let name = "data/losses.csv"
            let text = input(name)
            """, true)])
        let result = try runNotebook(doc, configuration: RunnerConfiguration(cacheDirectory: cache.url))
        let block = try #require(result.outcome.blocks.first)
        guard case .failed(let d) = block.status else { Issue.record("expected a failure: \(block.status)"); return }
        #expect(d.file == folder.notebookPath && d.line == 5, "\(d.text)")
        #expect(block.stderr.contains("is not a plain string literal"), "\(block.stderr)")
    }

    @Test func aSweepKeyChangesWithTheInputsOfItsBlockAndEarlierOnes() throws {
        let doc = notebook([("a", "let a = 1", true), ("b", #"let t = input("x.csv")"#, true), ("c", "let c = 3", true)])
        func keys(_ content: String) throws -> [String] {
            var inputs = InputFiles()
            inputs.files = [.init(path: "x.csv", blockIndex: 1, content: Data(content.utf8),
                                  sha256: SHA256Hasher.hex(Data(content.utf8)))]
            return SweepHooks.blockKeys(doc, libraryDigest: "l", compilerVersion: "v", flags: [], inputs: inputs)
                .split(separator: ",").map(String.init)
        }
        let one = try keys("1"), two = try keys("2")
        #expect(one[0] == two[0], "block a runs before the input is read")
        #expect(one[1] != two[1] && one[2] != two[2])
    }
}
