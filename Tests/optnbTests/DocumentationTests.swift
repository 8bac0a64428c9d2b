import Foundation
import Testing

/// The "Writing a notebook" article (Reporting.docc) shows the API by
/// example; its `swift` blocks, in order, form one notebook, rendered here,
/// so the article cannot drift from the library it documents.
@Suite struct DocumentationTests {
    static let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Reporting/Reporting.docc/WritingANotebook.md")

    /// The code of every ```swift fence in `markdown` (also those shown
    /// inside a ````markdown fence), in order.
    static func swiftBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = [], current: [Substring]? = nil
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("```swift") { current = []; continue }
            if current != nil, line == "```" { blocks.append(current!.joined(separator: "\n")); current = nil; continue }
            current?.append(line)
        }
        return blocks
    }

    @Test func writingANotebookRunsAsWritten() throws {
        let blocks = Self.swiftBlocks(try String(contentsOf: Self.article, encoding: .utf8))
        #expect(blocks.count >= 6, "found \(blocks.count) swift blocks in the article")
        #expect(blocks.contains { $0.contains("sweep(") }, "the article shows sweeps")
        let cli = try CLI(); defer { cli.remove() }
        let notebook = "# The article's code\n\n" + blocks.enumerated()
            .map { "```swift id=example-\($0.offset)\n\($0.element)\n```\n" }.joined(separator: "\n")
        try cli.write(notebook, to: "notebooks/article.md")
        let r = try cli.run(["render", "--threads", "1", "notebooks/article.md"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(cli.exists("output/article.html"))
    }
}
