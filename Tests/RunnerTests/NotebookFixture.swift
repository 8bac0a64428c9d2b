import Foundation
import Notebook
import Outcome

/// Lays out experiment blocks as a Markdown file would: a title line, then
/// for each block a blank line, the opening fence, the code and the closing
/// fence, and returns the `Document` the parser would give, so tests know
/// every block's notebook lines without the parser.
func notebook(path: String = "notebooks/demo.md",
              _ blocks: [(id: String, code: String, eval: Bool)]) -> Document {
    var line = 1  // "# Demo"
    var parsed: [Block] = []
    for (index, block) in blocks.enumerated() {
        line += 2  // blank line, then the fence
        let fence = line
        let code = block.code.hasSuffix("\n") || block.code.isEmpty ? block.code : block.code + "\n"
        let experiment = ExperimentBlock(
            index: index, id: block.id, eval: block.eval, code: code,
            fenceLine: fence, codeLine: fence + 1)
        parsed.append(Block(.experiment(experiment), at: SourcePosition(line: fence, column: 1)))
        line = fence + code.filter { $0 == "\n" }.count + 1  // the closing fence
    }
    return Document(path: path, title: "Demo", blocks: parsed)
}

/// A fresh cache directory for one test, removed by `cleanup()`.
struct ScratchCache {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-test-cache-\(UUID().uuidString)")
    }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// The failure of a block as the terminal and the report print it; nil when
/// the block did not fail.
func failureText(_ block: BlockOutcome) -> String? {
    if case .failed(let d) = block.status { d.text } else { nil }
}
