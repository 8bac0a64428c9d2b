import Foundation
import Testing
import Outcome
import Records
@testable import Runner

/// 17.11: what is read back from the cache is what was written, for that
/// key; anything else is recomputed.
@Suite struct CacheValidationTests {
    func outcome() -> NotebookOutcome {
        NotebookOutcome(blocks: [BlockOutcome(index: 0, id: "a", status: .ok, stdout: "0.125\n")])
    }

    @Test func anEditedOutcomeIsAMissAndIsRemoved() throws {
        let dir = ScratchCache(); defer { dir.cleanup() }
        let cache = Cache(root: dir.url)
        try cache.store(outcome(), for: "k1")
        #expect(cache.outcome("k1")?.blocks.first?.stdout == "0.125\n")
        let file = dir.url.appendingPathComponent("outcomes/k1.json")
        let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "0.125", with: "0.126")
        try Data(edited.utf8).write(to: file)
        #expect(cache.outcome("k1") == nil)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func anEntryFiledUnderAnotherKeyIsAMiss() throws {
        let dir = ScratchCache(); defer { dir.cleanup() }
        let cache = Cache(root: dir.url)
        try cache.store(outcome(), for: "k1")
        let folder = dir.url.appendingPathComponent("outcomes")
        try FileManager.default.copyItem(at: folder.appendingPathComponent("k1.json"),
                                         to: folder.appendingPathComponent("k2.json"))
        #expect(cache.outcome("k2") == nil)
    }

    @Test func truncatedAndGarbageEntriesAreMisses() throws {
        let dir = ScratchCache(); defer { dir.cleanup() }
        let cache = Cache(root: dir.url)
        try cache.store(outcome(), for: "k1")
        let file = dir.url.appendingPathComponent("outcomes/k1.json")
        let data = try Data(contentsOf: file)
        try data.prefix(data.count - 3).write(to: file)
        #expect(cache.outcome("k1") == nil)
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("swiftc"), withIntermediateDirectories: true)
        try Data("garbage".utf8).write(to: dir.url.appendingPathComponent("swiftc/v.txt"))
        #expect(cache.compilerVersion("v") == nil)
    }

    /// A corrupted compiler-version entry no longer reaches the report's
    /// footer: the real `swiftc -version` is asked again.
    @Test func aCorruptedCompilerVersionIsRecomputed() throws {
        let dir = ScratchCache(); defer { dir.cleanup() }
        let cache = Cache(root: dir.url)
        let compiler = try Compiler.locate(configured: nil, environment: ProcessInfo.processInfo.environment)
        let real = try compiler.version(cache: cache)
        let folder = dir.url.appendingPathComponent("swiftc")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try Data("garbage".utf8).write(to: folder.appendingPathComponent(name))
        }
        #expect(try compiler.version(cache: cache) == real)
        #expect(try compiler.version(cache: cache, refresh: true) == real)
        #expect(real.contains("Swift version"))
    }
}
