import Foundation
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
}
