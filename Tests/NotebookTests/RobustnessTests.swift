import Testing
@testable import Notebook
import TestSupport

/// Markdown fragments that open and close structure, plus hostile bytes.
private let vocabulary: [[UInt8]] = [
    "# ", "## ", "> ", "- ", "* ", "1. ", "12) ", "```swift", "```swift id=a", "```swift echo=no",
    "```swift id=b rtol=1e-3", "```", "~~~", "    ", "\t", " ", "\n", "\n\n", "\r\n", "\r",
    "*", "**", "_", "[", "]", "(", ")", "![", "](u \"t\")", "`", "``", "<div>", "</div>", "<br>",
    "<!--", "-->", "---", "===", "\\", "&amp;", "&#0;", "text", "Adam", "é", "最", "🚀", "| a |",
    "|", "| --- |", ":-:|", "---:", "\\|", "a | b", "`|`",
].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80]]

@Suite struct RobustnessTests {
    /// Parses and checks every position against the input's own line count
    /// (LF, CRLF and CR each end a line) and line lengths. Returns the
    /// error, if parsing threw one.
    @discardableResult
    func check(_ bytes: [UInt8], _ label: String,
               sourceLocation: SourceLocation = #_sourceLocation) -> NotebookError? {
        var lengths: [Int] = [0]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                lengths.append(0)
            } else {
                lengths[lengths.count - 1] += 1
            }
            i += 1
        }
        func inRange(_ p: SourcePosition) -> Bool {
            p.line >= 1 && p.line <= lengths.count && p.column >= 1 && p.column <= lengths[p.line - 1] + 1
        }
        do {
            let doc = try parseNotebook(bytes: bytes, path: "fuzz.md")
            let blocks = allBlocks(doc.blocks)
            let bad = blocks.first { !inRange($0.block.position) }
            #expect(bad == nil, "\(label): block at \(bad?.block.position.description ?? "") of \(lengths.count) lines",
                    sourceLocation: sourceLocation)
            let experiments = doc.experiments
            #expect(experiments.allSatisfy { $0.fenceLine >= 1 && $0.fenceLine <= lengths.count
                                             && $0.codeLine == $0.fenceLine + 1 },
                    "\(label): experiment lines", sourceLocation: sourceLocation)
            #expect(Set(experiments.map(\.id)).count == experiments.count, "\(label): ids",
                    sourceLocation: sourceLocation)
            #expect(experiments.map(\.index) == Array(experiments.indices), "\(label): indices",
                    sourceLocation: sourceLocation)
            let a = anchors(doc)
            #expect(Set(a).count == a.count, "\(label): anchors", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(inRange(error.position), "\(label): error at \(error.position) of \(lengths.count) lines",
                    sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("fuzz.md:\(error.position.line):"), sourceLocation: sourceLocation)
            return error
        }
    }

    @Test func randomMarkdownFromHostileFragments() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        var errors = 0
        for n in 0..<600 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + rng.below(200)) {
                if rng.below(10) == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: rng.next()))
                } else {
                    bytes += rng.pick(vocabulary)
                }
            }
            if check(bytes, "random #\(n)") != nil { errors += 1 }
        }
        // Both paths must be exercised for the checks above to mean much.
        #expect(errors > 0 && errors < 600, "\(errors) of 600 random inputs were errors")
    }

    @Test func mutationsOfARealNotebook() throws {
        let original = try fixtureBytes("adam-vs-sgd.md")
        var rng = SplitMix64(seed: 0x5EED_0002)
        var errors = 0
        for n in 0..<600 {
            var bytes = original
            for _ in 0..<(1 + rng.below(8)) {
                let at = rng.below(bytes.count + 1)
                switch rng.below(5) {
                case 0 where at < bytes.count:  // flip bits of one byte
                    bytes[at] ^= UInt8(truncatingIfNeeded: 1 + rng.below(255))
                case 1:  // insert random bytes
                    bytes.insert(contentsOf: (0..<(1 + rng.below(4))).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
                                 at: at)
                case 2:  // delete a span
                    bytes.removeSubrange(at..<min(bytes.count, at + rng.below(40)))
                case 3:  // duplicate a span in place
                    let span = Array(bytes[at..<min(bytes.count, at + rng.below(120))])
                    bytes.insert(contentsOf: span, at: at)
                default:  // insert a structural fragment
                    bytes.insert(contentsOf: rng.pick(vocabulary), at: at)
                }
            }
            if check(bytes, "mutation #\(n)") != nil { errors += 1 }
        }
        #expect(errors > 0 && errors < 600, "\(errors) of 600 mutations were errors")
    }

    /// Inputs known to hurt recursive parsers, by name (the names are the
    /// test arguments so the report does not print megabytes of input).
    static let pathological: [String: @Sendable () -> String] = [
        "5,000 nested quotes": { String(repeating: ">", count: 5_000) + " x\n" },
        "5,000 nested bullets on one line": { String(repeating: "- ", count: 5_000) + "x\n" },
        "5,000 nested ordered items": { String(repeating: "1. ", count: 5_000) + "x\n" },
        "2,000 indented nested bullets": {
            (0..<2_000).map { String(repeating: "  ", count: $0) + "- x\n" }.joined()
        },
        "10,000 [": { String(repeating: "[", count: 10_000) + "\n" },
        "10,000 [ closed": {
            String(repeating: "[", count: 10_000) + "x" + String(repeating: "](u)", count: 10_000)
        },
        "10,000 ![ closed": {
            String(repeating: "![", count: 10_000) + "x" + String(repeating: "](u)", count: 10_000)
        },
        "10,000 * pairs": { String(repeating: "*", count: 10_000) + "x" + String(repeating: "*", count: 10_000) },
        "10,000 backticks fence": {
            String(repeating: "`", count: 10_000) + "swift\nx\n" + String(repeating: "`", count: 10_000)
        },
        "10,000 backticks inline": { "a " + String(repeating: "`", count: 10_000) + " b\n" },
        "10,000 equal headings": { String(repeating: "# Same\n", count: 10_000) },
        "10,000 swift blocks": { String(repeating: "```swift\nx\n```\n", count: 10_000) },
        "10,000 < without >": { String(repeating: "<a ", count: 10_000) },
    ]

    @Test(arguments: pathological.keys.sorted())
    func pathologicalInputs(label: String) throws {
        let make = try #require(Self.pathological[label])
        let error = check(Array(make().utf8), label)
        // Deeply nested structure must be refused; everything else parses.
        let nested = label.contains("nested") || label.contains("![") || label.contains("*")
        #expect((error != nil) == nested, "\(label): \(error?.description ?? "parsed")")
        if nested { #expect(error?.message.contains("nested more than") == true) }
    }

    @Test func deepNestingIsRejectedAtTheLimitWithAPosition() throws {
        let limit = MarkdownNode.maxDepth
        // limit - 1 quotes plus the paragraph inside them: exactly the limit.
        let ok = String(repeating: "> ", count: limit - 1) + "x\n"
        let doc = try parseNotebook(ok, path: "deep.md")
        #expect(allBlocks(doc.blocks).map(\.depth).max() == limit - 1)
        let tooDeep = String(repeating: "> ", count: limit) + "x\n"
        let error = try #require(parseError(tooDeep, path: "deep.md"))
        #expect(error.position == SourcePosition(line: 1, column: 2 * limit + 1))
        #expect(error.message.contains("nested more than \(limit) levels"))
    }

    @Test func experimentsDeepInsideQuotesStillParse() throws {
        let prefix = String(repeating: "> ", count: 60)
        let text = "\(prefix)```swift id=deep\n\(prefix)let x = 1\n\(prefix)```\n"
        let e = try parseNotebook(text, path: "deep.md").experiments
        #expect(e.map(\.id) == ["deep"])
        #expect(e.first?.code == "let x = 1\n")
    }

    @Test func hugeCodeBlockAndHostileBytes() {
        let megabyte = "```swift id=big\n" + String(repeating: "let v = 1 // padding padding\n", count: 36_000) + "```\n"
        check(Array(megabyte.utf8), "1 MB code block")
        check([UInt8](repeating: 0, count: 10_000), "10,000 NUL bytes")
        check((0...255).map { UInt8($0) } + (0...255).map { UInt8(255 - $0) }, "every byte value")
        check([UInt8](repeating: 0xFF, count: 10_000) + Array("\n```swift\n".utf8), "10,000 0xFF bytes")
    }

    @Test func hugeCodeBlockIsCopiedWhole() throws {
        let body = String(repeating: "let v = 1 // padding padding\n", count: 36_000)
        let e = try parseNotebook("```swift id=big\n" + body + "```\n", path: "big.md").experiments
        #expect(e.first?.code.utf8.count == body.utf8.count)
        #expect(body.utf8.count > 1_000_000)
    }
}
