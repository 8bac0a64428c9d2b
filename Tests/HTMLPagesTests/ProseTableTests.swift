import Notebook
import Testing
@testable import HTMLPages

/// Pipe tables from the notebook's prose, as HTML.
@Suite struct ProseTableTests {
    @Test func exactHTMLWithAlignmentAndEscaping() {
        let table = Block(.table(
            alignments: [.none, .right, .center],
            header: [[.text("optimizer")], [.text("steps")], [.emphasis([.text("note")])]],
            rows: [[[.code("SGD")], [.text("148")], []],
                   [[.text("<script>alert(1)</script> & \"x\"")], [], [.html("<b>")]]]),
            at: at(3))
        let html = render([table])
        let expected = """
            <div class="table-scroll"><table class="prose">
            <thead><tr><th scope="col">optimizer</th><th scope="col" class="align-right">steps</th>\
            <th scope="col" class="align-center"><em>note</em></th></tr></thead>
            <tbody>
            <tr><td><code>SGD</code></td><td class="align-right">148</td><td class="align-center"></td></tr>
            <tr><td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "x"</td><td class="align-right"></td>\
            <td class="align-center"></td></tr>
            </tbody>
            </table></div>

            """
        #expect(html.contains(expected), "\(html)")
        #expect(tagBalanceProblems(html).isEmpty)
    }

    /// GFM writes no `<tbody>` for a table without body rows.
    @Test func headerOnlyTableHasNoBody() {
        let html = render([Block(.table(alignments: [.left], header: [[.text("a")]], rows: []), at: at(1))])
        #expect(html.contains("<thead><tr><th scope=\"col\" class=\"align-left\">a</th></tr></thead>\n</table>"))
        #expect(!html.contains("<tbody>"))
    }

    @Test func theStylesheetAlignsAndScrollsProseTables() {
        for rule in ["table.prose .align-right { text-align: right;", "table.prose .align-center { text-align: center; }",
                     ".table-scroll {\n  overflow-x: auto;"] {
            #expect(reportCSS.contains(rule), "\(rule)")
        }
    }
}

@Suite struct NarrowScreenTests {
    /// On a phone a plot keeps 30rem and scrolls, so its text (which scales
    /// with the SVG's width) stays readable; wider screens are untouched.
    @Test func plotsKeepAReadableWidthOnNarrowScreens() throws {
        let narrow = try #require(reportCSS.range(of: "@media (max-width: 32rem) {"))
        let block = reportCSS[narrow.upperBound...].prefix { $0 != "@" }
        #expect(block.contains("figure.plot-figure { overflow-x: auto; }"))
        #expect(block.contains("figure.plot-figure > svg.plot { min-width: 30rem; }"))
        let wide = reportCSS[..<narrow.lowerBound]
        #expect(!wide.contains("min-width: 30rem"))
    }
}
