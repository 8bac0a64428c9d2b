import Foundation
import Testing
@testable import Notebook

/// Bytes of a notebook under Tests/Fixtures/notebooks.
func fixtureBytes(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/notebooks/\(name)")
    return [UInt8](try Data(contentsOf: url))
}

/// The error parsing `text` throws, or nil (recorded as a test failure).
func parseError(_ text: String, path: String = "nb.md",
                sourceLocation: SourceLocation = #_sourceLocation) -> NotebookError? {
    do {
        let doc = try parseNotebook(text, path: path)
        Issue.record("expected an error, parsed \(doc.blocks.count) blocks", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Blocks in document order, descending into quotes and list items, with
/// their nesting depth (0 = top level).
func allBlocks(_ blocks: [Block]) -> [(block: Block, depth: Int)] {
    var out: [(Block, Int)] = []
    var stack: [(Block, Int)] = blocks.reversed().map { ($0, 0) }
    while let (block, depth) = stack.popLast() {
        out.append((block, depth))
        switch block.kind {
        case .blockQuote(let inner):
            stack.append(contentsOf: inner.reversed().map { ($0, depth + 1) })
        case .list(_, _, _, let items):
            stack.append(contentsOf: items.flatMap { $0 }.reversed().map { ($0, depth + 1) })
        default: break
        }
    }
    return out
}

/// Heading anchors in document order.
func anchors(_ doc: Document) -> [String] {
    allBlocks(doc.blocks).compactMap {
        if case .heading(_, _, let anchor) = $0.block.kind { anchor } else { nil }
    }
}
