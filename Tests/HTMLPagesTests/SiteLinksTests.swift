import Testing
@testable import HTMLPages

/// A report's links into the site: "All reports", the agreement page, and
/// its neighbours in reading order; the index's link to the agreement page.
@Suite struct SiteLinksTests {
    let neighbours = Neighbours(previous: Neighbours.Link(title: "SGD <& momentum>", href: "sgd.html"),
                                next: Neighbours.Link(title: "RMSprop", href: "rms prop#1.html"))

    @Test func aReportLinksTheIndexTheAgreementPageAndItsNeighbours() throws {
        let html = render([], options: ReportOptions(agreementHref: "torch.html", neighbours: neighbours))
        #expect(html.contains("<nav class=\"crumbs\" aria-label=\"Site\"><a href=\"index.html\">← All reports</a>"
                              + " · <a href=\"torch.html\">Agreement with torch.optim</a></nav>"))
        // Titles are text, addresses percent-encoded as cmark encodes links.
        #expect(html.contains("<nav class=\"pager\" aria-label=\"Reading order\">\n"
                              + "<a class=\"previous\" href=\"sgd.html\" rel=\"previous\"><span class=\"pager-label\">← Previous</span>"
                              + "<span class=\"pager-title\">SGD &lt;&amp; momentum&gt;</span></a>\n"
                              + "<a class=\"next\" href=\"rms%20prop#1.html\" rel=\"next\"><span class=\"pager-label\">Next →</span>"
                              + "<span class=\"pager-title\">RMSprop</span></a>\n</nav>"))
        // The pager ends the main text, before the footer.
        let pager = try #require(html.range(of: "<nav class=\"pager\""))
        let end = try #require(html.range(of: "</main>"))
        #expect(pager.upperBound < end.lowerBound)
        #expect(tagBalanceProblems(html) == [])
    }

    @Test func theFirstAndLastReportsHaveOneNeighbour() {
        let first = render([], options: ReportOptions(neighbours: Neighbours(next: neighbours.next)))
        #expect(first.contains("rel=\"next\"") && !first.contains("rel=\"previous\""))
        let last = render([], options: ReportOptions(neighbours: Neighbours(previous: neighbours.previous)))
        #expect(last.contains("rel=\"previous\"") && !last.contains("rel=\"next\""))
    }

    @Test func aReportOnItsOwnHasNoPagerAndNoAgreementLinkUnlessGiven() {
        let html = render([])
        #expect(!html.contains("<nav class=\"pager\""))
        #expect(!html.contains("Agreement with torch.optim"))
        #expect(html.contains("<a href=\"index.html\">← All reports</a></nav>"))
        #expect(!render([], options: ReportOptions(indexHref: nil)).contains("class=\"crumbs\""))
    }

    @Test func unsafeAddressesAreNotLinked() {
        let evil = Neighbours(previous: Neighbours.Link(title: "P", href: "javascript:alert(1)"),
                              next: Neighbours.Link(title: "N", href: " java\tscript:alert(2)"))
        let html = render([], options: ReportOptions(agreementHref: "vbscript:x", neighbours: evil))
        #expect(!html.lowercased().contains("script:"))
        #expect(!html.contains("<nav class=\"pager\""))
        #expect(!html.contains("Agreement with torch.optim"))
    }

    @Test func theIndexLinksTheAgreementPage() {
        let entries = [IndexEntry(title: "SGD", summary: "s", href: "sgd.html")]
        let html = renderIndex(entries, title: "Reports", options: ReportOptions(indexHref: nil, agreementHref: "torch.html"))
        #expect(html.contains("<nav class=\"crumbs\" aria-label=\"Site\"><a href=\"torch.html\">Agreement with torch.optim</a></nav>"))
        #expect(!html.contains("All reports"))
        #expect(tagBalanceProblems(html) == [])
        let without = renderIndex(entries, title: "Reports", options: ReportOptions(indexHref: nil))
        #expect(!without.contains("class=\"crumbs\""))
    }

    @Test func printingLeavesTheNavigationOut() {
        #expect(reportCSS.contains("a.anchor, .crumbs, nav.pager { display: none; }"))
    }
}
