import Testing
@testable import HTMLPages

/// The agreement page (`optnb replay --html`) from hand-written rows.
@Suite struct AgreementPageTests {
    static func row(_ file: String, group: String? = "Adam", passed: Bool = true, error: Double? = 2.5e-9,
                    ratio: Double? = 2.4e-4, note: String? = nil, source: String? = "torch 2.15.0+cu132 (CPU)") -> AgreementRow {
        AgreementRow(group: group, file: file, dtype: "float32", steps: 40, rtol: 1e-4, atol: 1e-6,
                     worstError: error, worstRatio: ratio, location: "steps[3] p0[5]", passed: passed, note: note,
                     source: source)
    }

    @Test func rowMarkup() {
        var h = HTMLWriter()
        writeAgreementRow(Self.row("adam-0-float32.json"), into: &h)
        #expect(h.output == """
            <tr><td class="text">adam-0-float32.json</td><td class="text status status-ok">passed</td>\
            <td class="num">0.00024</td><td class="num">2.5e-09</td><td class="text">steps[3] p0[5]</td>\
            <td class="text">float32</td><td class="num">40</td><td class="num">0.0001</td><td class="num">1e-06</td></tr>
            """)
    }

    @Test func failedRowIsMarkedAndItsOverflowingShareToo() {
        var h = HTMLWriter()
        writeAgreementRow(Self.row("sgd.json", passed: false, error: 0.5, ratio: 12.5, note: "3 numbers outside tolerance"),
                          into: &h)
        #expect(h.output.hasPrefix("<tr class=\"failed\">"))
        #expect(h.output.contains("<td class=\"num over\">12.5</td>"))
        #expect(h.output.contains("<td class=\"text status status-failed\">failed</td>"))
        // The note follows in its own row across all nine columns.
        #expect(h.output.contains("</tr>\n<tr class=\"note failed\"><td class=\"text long\" colspan=\"9\">3 numbers outside tolerance</td></tr>"))
    }

    @Test func zeroErrorIsExactAndInfiniteShareIsFlagged() {
        var h = HTMLWriter()
        writeAgreementRow(Self.row("steplr.json", group: "StepLR", error: 0, ratio: 0), into: &h)
        #expect(h.output.contains("<td class=\"num\">exact</td><td class=\"num\">0</td>"))
        var g = HTMLWriter()
        writeAgreementRow(Self.row("x.json", passed: false, error: 1, ratio: .infinity), into: &g)
        #expect(g.output.contains("<td class=\"num nonfinite over\">∞</td>"))
    }

    @Test func refusedFileShowsDashesAndTheNote() {
        let refused = AgreementRow(group: "Adam", file: "adam-negative-lr.json", dtype: "float64", steps: 0, rtol: nil,
                                   atol: nil, worstError: nil, worstRatio: nil, location: nil, passed: true,
                                   note: "refused as torch did: lr < 0", source: nil)
        var h = HTMLWriter()
        writeAgreementRow(refused, into: &h)
        #expect(h.output.contains("<td class=\"num\">—</td><td class=\"num\">—</td><td class=\"text\"></td>"))
        #expect(h.output.contains("<td class=\"num\">0</td><td class=\"num\">—</td><td class=\"num\">—</td></tr>"))
        #expect(h.output.contains("<tr class=\"note\"><td class=\"text long\" colspan=\"9\">refused as torch did: lr &lt; 0</td></tr>"))
    }

    @Test func fileNamesAndNotesAreEscaped() {
        let html = renderAgreementPage([Self.row("<script>alert(1)</script>.json", note: "a & <b>")],
                                       options: ReportOptions(indexHref: nil))
        #expect(!html.contains("<script"))
        #expect(html.contains("<td class=\"text\">&lt;script&gt;alert(1)&lt;/script&gt;.json</td>"))
        #expect(html.contains("a &amp; &lt;b&gt;"))
        #expect(tagBalanceProblems(html) == [])
    }

    @Test func groupsSortedByNameUnreadableLastRowsSortedByFile() {
        let rows = [
            Self.row("sgd-1.json", group: "SGD"), Self.row("broken.json", group: nil, passed: false, error: nil, ratio: nil),
            Self.row("adam-2.json"), Self.row("steplr.json", group: "StepLR"), Self.row("adam-1.json"),
        ]
        let html = renderAgreementPage(rows, options: ReportOptions(indexHref: nil))
        // The summary names a file too: look for cells.
        let cell = { (file: String) in "<td class=\"text\">\(file)</td>" }
        let order = ["<h2 id=\"t-Adam\">Adam</h2>", cell("adam-1.json"), cell("adam-2.json"),
                     "<h2 id=\"t-SGD\">SGD</h2>", cell("sgd-1.json"), "<h2 id=\"t-StepLR\">StepLR</h2>",
                     cell("steplr.json"), "<h2 id=\"t-unreadable\">Unreadable files</h2>", cell("broken.json")]
        let positions = order.map { html.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "\(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(count("<table class=\"data agreement\">", in: html) == 4)
    }

    @Test func summaryFooterAndFrame() {
        let rows = [Self.row("a.json", ratio: 0.5), Self.row("b.json", passed: false, ratio: 3,
                                                              source: "torch 2.13.0 (CPU)"),
                    Self.row("c.json", ratio: 3, source: nil)]
        let html = renderAgreementPage(rows, options: ReportOptions(generationNote: "optnb 0.1", indexHref: nil))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Agreement with torch.optim</title>"))
        #expect(html.contains("<h1>Agreement with torch.optim</h1>"))
        // Equal worst shares: the first file by name is named.
        #expect(html.contains("<p class=\"summary status-failed\">2 passed, 1 failed · worst share of tolerance 3 (b.json, steps[3] p0[5])</p>"))
        #expect(html.contains("|a − e| ≤ atol + rtol·|e|"))
        #expect(html.contains("<footer class=\"generation\">\n<p>Recorded with torch 2.13.0, torch 2.15.0+cu132.</p>\n<p>optnb 0.1</p>\n</footer>"))
        #expect(!html.contains("All reports"))
        #expect(tagBalanceProblems(html) == [])
        #expect(html == renderAgreementPage(rows, options: ReportOptions(generationNote: "optnb 0.1", indexHref: nil)))
    }

    @Test func summaryOfAllExactAndOfNothing() {
        #expect(agreementSummary([Self.row("a.json", error: 0, ratio: 0)]) == "1 passed, 0 failed · every compared number exact")
        #expect(agreementSummary([]) == "0 passed, 0 failed")
        let html = renderAgreementPage([], options: ReportOptions(indexHref: nil))
        #expect(html.contains("<p class=\"summary status-ok\">0 passed, 0 failed</p>"))
        #expect(tagBalanceProblems(html) == [])
    }
}
