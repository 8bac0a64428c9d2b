import Foundation
import Synchronization
import Testing
@testable import Runner

/// A cached notebook's listings are highlighted from the cache, with no
/// helper process: the helper's answer is stored under its name and the
/// listings, and checked like every other entry.
@Suite struct HighlightCacheTests {
    @Test func theSecondRenderTakesTheHelpersAnswerFromTheCache() throws {
        let dir = ScratchCache(); defer { dir.cleanup() }
        let configuration = RunnerConfiguration(cacheDirectory: dir.url)
        let listings = ["let x = 1 // one", "for i in 0..<3 { print(\"\\(i)\") }"]
        let first = SwiftHighlighter.classify(listings, configuration: configuration)
        // This toolchain has swift-syntax's host modules (the highlighter needs them).
        try #require(first.note == nil)
        #expect(first.tokens.count == 2)
        #expect(first.tokens[0].contains { $0.kind == "kw" && $0.offset == 0 && $0.length == 3 })

        // Replace the helper with one that fails: only the cache can answer.
        let helper = try SwiftHighlighter.helperPath(configuration)
        try Data("#!/bin/sh\nexit 3\n".utf8).write(to: URL(fileURLWithPath: helper))
        let second = SwiftHighlighter.classify(listings, configuration: configuration)
        #expect(second.note == nil)
        #expect(second.tokens == first.tokens)

        // Other listings are not in the cache: the broken helper is asked and says so.
        let other = SwiftHighlighter.classify(["let y = 2"], configuration: configuration)
        #expect(other.note?.contains("the highlighter helper failed") == true)

        // Without the cache the helper is always asked.
        var uncached = configuration; uncached.useCache = false
        #expect(SwiftHighlighter.classify(listings, configuration: uncached).note != nil)
    }

    /// Jobs that start together on a cold cache build the helper once: the
    /// others wait on the build lock and take the built binary. A compiler
    /// that logs each helper build (a script in a toolchain-shaped folder
    /// whose `lib` is the real toolchain's, so the host modules are found)
    /// counts the builds.
    @Test func parallelColdJobsBuildTheHelperOnce() throws {
        let dir = ScratchCache(); defer { dir.cleanup() }
        let real = try Compiler.locate(configured: nil, environment: ProcessInfo.processInfo.environment).path
        let usr = URL(fileURLWithPath: real).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
        let toolchain = dir.url.appendingPathComponent("toolchain/usr")
        try FileManager.default.createDirectory(at: toolchain.appendingPathComponent("bin"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: toolchain.appendingPathComponent("lib"),
                                                   withDestinationURL: usr.appendingPathComponent("lib"))
        let log = dir.url.appendingPathComponent("builds.log").path
        let wrapper = toolchain.appendingPathComponent("bin/swiftc").path
        try Data("""
            #!/bin/sh
            case "$*" in *-lSwiftIDEUtils*) echo build >> '\(log)' ;; esac
            exec '\(real)' "$@"

            """.utf8).write(to: URL(fileURLWithPath: wrapper + ".text"))
        // Copied by `install`, not written here: a process another test
        // forks meanwhile would inherit our open file and make executing
        // it fail with "text file busy".
        let install = try Process.run(URL(fileURLWithPath: "/usr/bin/install"),
                                      arguments: ["-m", "755", wrapper + ".text", wrapper])
        install.waitUntilExit()
        try #require(install.terminationStatus == 0)
        let configuration = RunnerConfiguration(swiftc: wrapper, cacheDirectory: dir.url.appendingPathComponent("cache"))

        let paths = Mutex<[Result<String, any Error>]>([])
        let group = DispatchGroup()
        for _ in 0..<3 {
            group.enter()
            Thread {
                let path = Result { try SwiftHighlighter.helperPath(configuration) }
                paths.withLock { $0.append(path) }
                group.leave()
            }.start()
        }
        group.wait()
        let built = try paths.withLock { try $0.map { try $0.get() } }
        #expect(built.count == 3 && Set(built).count == 1, "\(built)")
        #expect(FileManager.default.isExecutableFile(atPath: built[0]))
        let builds = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(builds == "build\n", "the helper was built \(builds.split(separator: "\n").count) times")
    }
}
