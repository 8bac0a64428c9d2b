import Notebook
import Optimizers
import Testing
@testable import HTMLPages

/// Random and mutated Markdown through parse + render (no evaluation): no
/// crash, and every page that comes out is balanced HTML with no raw markup
/// from the input.
@Suite struct FuzzRenderTests {
    static let seed = Array("""
        # Title <script>alert(1)</script>

        Text with *emphasis*, `code`, [a link](javascript:alert(1) "t") and ![img](x.png).

        ```swift id=a
        let x = 1
        ```

        > quote with <b>html</b>
        1. one
        2. two

        <div onclick="x()">raw</div>

        | a | `b` <script>x</script> |
        |:--|--:|
        | [l](javascript:alert(1)) | \\| |
        """.utf8)

    static let pieces: [[UInt8]] = [
        "# ", "> ", "- ", "1. ", "```swift", "```", "\n", "\n\n", "*", "[", "](", ")", "![",
        "<script>", "<!--", "\"", "'", "&", "<", ">", "é", "\u{0}",
        "|", "|---|", ":-:", "\\|",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0x80]]

    /// Every real tag of a page: text never holds a raw `<` (it is escaped),
    /// so each `<…>` is markup the report wrote.
    func tags(_ html: String) -> [Substring] {
        var out: [Substring] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            out.append(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    @Test func thousandInputsRenderWithoutCrashing() {
        var g = RandomSource(seed: 20261129)
        var rendered = 0
        for i in 0..<1_000 {
            var bytes = Self.seed
            for _ in 0..<(1 + g.integer(below: 8)) {
                let at = g.integer(below: bytes.count + 1)
                switch g.integer(below: 3) {
                case 0: bytes.insert(contentsOf: Self.pieces[g.integer(below: Self.pieces.count)], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: g.next()) }
                }
            }
            if i % 100 == 0 {  // now and then something huge or deep
                bytes += Array(repeating: UInt8(ascii: ">"), count: 100) + Array(repeating: UInt8(ascii: "`"), count: 5_000)
            }
            guard let document = try? parseNotebook(bytes: bytes, path: "fuzz-\(i).md") else { continue }
            let html = renderReport(document, outcome: nil, options: ReportOptions())
            rendered += 1
            #expect(tagBalanceProblems(html).isEmpty, "input \(i)")
            #expect(!html.contains("<script"), "input \(i)")
            #expect(!tags(html).contains { $0.contains("onclick") }, "input \(i)")
            #expect(!html.contains("href=\"javascript:"), "input \(i)")
        }
        #expect(rendered > 500, "most mutated inputs still parse")
    }
}
