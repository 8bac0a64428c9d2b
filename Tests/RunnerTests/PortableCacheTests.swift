import Foundation
import Testing
import Notebook
import Outcome
import Records
@testable import Runner

/// Issue 16 item 5: the cache key holds no absolute path, host or user
/// name, so a cache folder shared by clones, users or machines is hit; a
/// damaged entry is recomputed and said once.
@Suite struct PortableCacheTests {
    /// A notebook whose outcome names its own path: a record's source and
    /// a compiler warning at its line.
    static let code = """
        func f() { var v = 1; _ = v }
        scalar("half", 0.5)
        """

    /// Writes the notebook under `folder` (made unique) and returns its document.
    func place(_ folder: String, name: String) throws -> (Document, URL) {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-portable-\(UUID().uuidString)")
        let dir = root.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        return (notebook(path: path, [("a", Self.code, true)]), root)
    }

    @Test func theSameNotebookFromAnotherFolderUserAndHostIsAHit() throws {
        let cache = ScratchCache(); defer { cache.cleanup() }
        let (first, rootA) = try place("alice/clone/notebooks", name: "study.md")
        let (second, rootB) = try place("b/a-much-longer-folder-name/notebooks", name: "copy.md")
        defer { try? FileManager.default.removeItem(at: rootA); try? FileManager.default.removeItem(at: rootB) }
        var environment = ProcessInfo.processInfo.environment
        func configuration(user: String, host: String) -> RunnerConfiguration {
            environment["HOME"] = "/home/\(user)"; environment["USER"] = user
            environment["LOGNAME"] = user; environment["HOSTNAME"] = host
            return RunnerConfiguration(cacheDirectory: cache.url, environment: environment)
        }
        let a = try runNotebook(first, configuration: configuration(user: "alice", host: "ci-1"))
        #expect(!a.cacheHit)
        let b = try runNotebook(second, configuration: configuration(user: "bob", host: "laptop"))
        #expect(b.cacheHit, "another folder, file name, user and host: still the same program")
        #expect(a.cacheKey == b.cacheKey)
        // What comes back names the notebook it was asked for, not the one cached.
        for (result, path) in [(a, first.path), (b, second.path)] {
            let block = try #require(result.outcome.blocks.first)
            guard case .scalar(let s) = try #require(block.records.first) else {
                Issue.record("expected the scalar record"); continue
            }
            #expect(s.source?.file == path)
            let warning = try #require(block.compilerWarnings.first)
            #expect(warning.file == path && warning.line == 4)
        }
        // Nothing in the stored entry names either folder.
        let entries = try FileManager.default.contentsOfDirectory(
            atPath: cache.url.appendingPathComponent("outcomes").path)
        for entry in entries {
            let text = try String(contentsOf: cache.url.appendingPathComponent("outcomes/\(entry)"), encoding: .utf8)
            #expect(!text.contains(rootA.path) && !text.contains(rootB.path) && !text.contains("study.md"))
        }
    }

    @Test func theProgramNamesNoPath() {
        let doc = notebook(path: "/home/alice/work/notebooks/adam.md", [("a", "scalar(\"x\", 1)", true)])
        let program = NotebookProgram(document: PortableNotebook.document(doc))
        #expect(!program.source.contains("/home/alice") && !program.source.contains("adam.md"))
        #expect(program.source.contains(PortableNotebook.placeholder))
    }

    /// Issue 16, bad input: an entry truncated or edited by hand is found,
    /// recomputed and reported once; the next render is a hit again.
    @Test func aDamagedEntryIsRecomputedAndSaidOnce() throws {
        let cache = ScratchCache(); defer { cache.cleanup() }
        let (doc, root) = try place("n", name: "d.md")
        defer { try? FileManager.default.removeItem(at: root) }
        let configuration = RunnerConfiguration(cacheDirectory: cache.url)
        let first = try runNotebook(doc, configuration: configuration)
        let file = cache.url.appendingPathComponent("outcomes/\(first.cacheKey).json")
        for damage in ["truncated", "edited"] {
            var bytes = try Data(contentsOf: file)
            if damage == "truncated" { bytes = bytes.prefix(bytes.count / 2) } else {
                bytes = Data(String(decoding: bytes, as: UTF8.self)
                    .replacingOccurrences(of: "0.5", with: "0.6").utf8)
            }
            try bytes.write(to: file)
            let again = try runNotebook(doc, configuration: configuration)
            #expect(!again.cacheHit, "\(damage)")
            let notice = try #require(again.cacheNotice, "\(damage)")
            #expect(notice.contains(file.path) && notice.contains("run again") && !notice.contains("\n"))
            #expect(again.outcome == first.outcome)
            let third = try runNotebook(doc, configuration: configuration)
            #expect(third.cacheHit && third.cacheNotice == nil, "said once: the entry was replaced")
        }
    }

    @Test func aMissingEntryIsNoNotice() throws {
        let cache = ScratchCache(); defer { cache.cleanup() }
        #expect({ if case .absent = Cache(root: cache.url).lookup("nothing") { true } else { false } }())
    }
}

/// The library's identity does not depend on the folder it was built in.
@Suite struct LibraryDigestTests {
    /// What SwiftPM compiles a module with on x86_64 (Package.swift adds
    /// `-Xcc -mavx2` unless OPTNB_PORTABLE is set).
    static let flags = ["-Onone", "-enable-testing", "-DSWIFT_PACKAGE", "-DDEBUG", "-swift-version", "6",
                        "-Xcc", "-mavx2", "-g"]

    /// A package folder with one module `M` built: its source, an object
    /// naming the folder (as real debug objects do), the output-file map,
    /// the interface, and the build manifest with M's compile command
    /// (`flags`, paths in the folder, `-j cores`, the folder's name as
    /// package name). Returns the bin directory.
    func package(_ folder: URL, source: String, flags: [String] = flags, cores: Int = 2) throws -> String {
        let bin = folder.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug")
        let fm = FileManager.default
        try fm.createDirectory(at: bin.appendingPathComponent("M.build"), withIntermediateDirectories: true)
        try fm.createDirectory(at: bin.appendingPathComponent("Modules"), withIntermediateDirectories: true)
        try fm.createDirectory(at: folder.appendingPathComponent("Sources/M"), withIntermediateDirectories: true)
        try Data("// swift-tools-version:6.0\n".utf8).write(to: folder.appendingPathComponent("Package.swift"))
        let sourceFile = folder.appendingPathComponent("Sources/M/M.swift")
        try Data(source.utf8).write(to: sourceFile)
        let object = bin.appendingPathComponent("M.build/M.swift.o")
        try Data("object built in \(folder.path)".utf8).write(to: object)
        try Data("interface of \(folder.lastPathComponent)".utf8)
            .write(to: bin.appendingPathComponent("Modules/M.swiftmodule"))
        let map: [String: Any] = ["": ["swift-dependencies": "x"],
                                  sourceFile.path: ["object": object.path]]
        try JSONSerialization.data(withJSONObject: map)
            .write(to: bin.appendingPathComponent("M.build/output-file-map.json"))
        let args = ["/usr/bin/swiftc", "-module-name", "M", "-output-file-map",
                    bin.appendingPathComponent("M.build/output-file-map.json").path, "-c",
                    "@\(bin.path)/M.build/sources", "-I", bin.appendingPathComponent("Modules").path,
                    "-j\(cores)"] + flags + ["-package-name", folder.lastPathComponent]
        let manifest = """
            client:
              name: basic
            commands:
              "C.M-x86_64-unknown-linux-gnu-debug.module":
                tool: shell
                inputs: ["\(sourceFile.path)"]
                outputs: ["\(object.path)"]
                description: "Compiling Swift Module 'M' (1 sources)"
                args: \(String(decoding: try JSONSerialization.data(withJSONObject: args, options: .withoutEscapingSlashes), as: UTF8.self))

            """
        try Data(manifest.utf8).write(to: folder.appendingPathComponent(".build/debug.yaml"))
        return bin.path
    }

    /// The cache key of one program built against the library in `bin`.
    func key(_ bin: String) throws -> String {
        Cache.key(program: "scalar(\"x\", 1)", libraryDigest: try digest(bin), compilerVersion: "swift 6.3",
                  flags: ["-Onone"])
    }

    func digest(_ bin: String) throws -> String {
        try LibraryDigest(binDirectory: bin).digest(
            modules: ["M"], interfaces: [bin + "/Modules/M.swiftmodule"], objects: [bin + "/M.build/M.swift.o"])
    }

    @Test func twoClonesOfOneSourceGiveOneIdentity() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-lib-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let a = try package(root.appendingPathComponent("alice/optnb"), source: "public let x = 1\n")
        let b = try package(root.appendingPathComponent("ci/runner/work/another-name"), source: "public let x = 1\n")
        #expect(try digest(a).hasPrefix("sources:"))
        #expect(try digest(a) == digest(b), "objects that name their folders, one identity")
        let c = try package(root.appendingPathComponent("c"), source: "public let x = 2\n")
        #expect(try digest(c) != digest(a), "another source is another library")
    }

    /// A source edited after the build: the objects are not what the sources
    /// say, so the identity is the objects' bytes.
    @Test func aStaleBuildIsIdentifiedByItsBytes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-lib-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = try package(root.appendingPathComponent("p"), source: "public let x = 1\n")
        let source = root.appendingPathComponent("p/Sources/M/M.swift").path
        let later = Date().addingTimeInterval(60)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: source)
        #expect(try digest(bin).hasPrefix("bytes:"))
    }

    /// OPTNB_PORTABLE=1 builds Optimizers without `-mavx2`: other objects
    /// from the same sources, so another key (a miss); the same setting in
    /// another folder on a machine with more cores is the same key (a hit).
    @Test func aPortableBuildIsAnotherLibrary() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-lib-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let source = "public let x = 1\n"
        let avx2 = try package(root.appendingPathComponent("a/optnb"), source: source)
        // Package.swift leaves out its `-Xcc -mavx2` pair.
        let portableFlags = ["-Onone", "-enable-testing", "-DSWIFT_PACKAGE", "-DDEBUG", "-swift-version", "6", "-g"]
        let portable = try package(root.appendingPathComponent("b/optnb"), source: source, flags: portableFlags)
        let portableElsewhere = try package(root.appendingPathComponent("ci/work/clone"), source: source,
                                            flags: portableFlags, cores: 8)
        #expect(try digest(avx2).hasPrefix("sources:") && digest(portable).hasPrefix("sources:"))
        #expect(try key(portable) != key(avx2), "OPTNB_PORTABLE changes the key")
        #expect(try key(portableElsewhere) == key(portable), "the same setting elsewhere is a hit")
    }

    /// `swift build -Xswiftc -DFAST` puts `-DFAST` in every module's
    /// command: another key; the same flag again is the same key.
    @Test func extraSwiftcFlagsAreAnotherLibrary() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-lib-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let source = "public let x = 1\n"
        let plain = try package(root.appendingPathComponent("a/optnb"), source: source)
        let extra = try package(root.appendingPathComponent("b/optnb"), source: source, flags: Self.flags + ["-DFAST"])
        let extraAgain = try package(root.appendingPathComponent("c/other"), source: source,
                                     flags: Self.flags + ["-DFAST"], cores: 16)
        #expect(try key(extra) != key(plain), "an extra -Xswiftc flag changes the key")
        #expect(try key(extraAgain) == key(extra), "the same flag elsewhere is a hit")
    }

    /// Without the manifest the flags are unknown: the objects' bytes decide.
    @Test func withoutTheManifestTheBytesDecide() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-lib-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = try package(root.appendingPathComponent("p"), source: "public let x = 1\n")
        try FileManager.default.removeItem(at: root.appendingPathComponent("p/.build/debug.yaml"))
        #expect(try digest(bin).hasPrefix("bytes:"))
    }

    @Test func thePackageFolderIsFoundFromTheBinDirectory() {
        #expect(LibraryDigest(binDirectory: "/home/u/optnb/.build/x86_64-unknown-linux-gnu/debug").packageRoot
                == "/home/u/optnb")
        #expect(LibraryDigest(binDirectory: "/opt/bin").packageRoot == nil)
    }
}
