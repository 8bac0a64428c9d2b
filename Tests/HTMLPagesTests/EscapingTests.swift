import Testing
import Notebook
import Outcome
import Records
@testable import HTMLPages

@Suite struct EscapingTests {
    @Test func textEscapesAmpersandAndAngles() {
        #expect(HTML.escapeText("<a> & b") == "&lt;a&gt; &amp; b")
        // Quotes are harmless in text content and left readable.
        #expect(HTML.escapeText("say \"hi\" it's") == "say \"hi\" it's")
        #expect(HTML.escapeText("&amp;") == "&amp;amp;")
    }

    @Test func attributeEscapesQuotesToo() {
        #expect(HTML.escapeAttribute("a\"b'c<d&e>") == "a&quot;b&#39;c&lt;d&amp;e&gt;")
    }

    @Test func unsafeSchemesAreRefused() {
        for url in ["javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)",
                    "java\tscript:alert(1)", "java\nscript:x", "\u{1}javascript:x",
                    "vbscript:msgbox", "data:text/html,<script>", "file:///etc/passwd"] {
            #expect(HTML.safeURL(url) == nil, "\(url) should be refused")
        }
    }

    @Test func ordinaryAddressesAreKept() {
        for url in ["https://pytorch.org/docs", "http://example.com/a?b=c#d", "mailto:a@b.c",
                    "other.html", "../x/y.png", "#results", "?q=1", "//cdn.example/x", "a/b:c"] {
            #expect(HTML.safeURL(url) == url, "\(url) should be kept")
        }
        #expect(HTML.safeURL(" https://x.org ") == "https://x.org")
    }

    @Test func dataImagesOnlyForImages() {
        let png = "data:image/png;base64,iVBORw0KGgo="
        #expect(HTML.safeURL(png) == nil)
        #expect(HTML.safeURL(png, allowDataImage: true) == png)
        #expect(HTML.safeURL("data:text/html;base64,PHNjcmlwdD4=", allowDataImage: true) == nil)
    }

    @Test func proseTextIsEscaped() {
        let html = render([
            Block(.paragraph([.text("<script>alert(\"x\")</script> & 'y'")]), at: at(3)),
            Block(.heading(level: 2, content: [.text("A < B")], anchor: "a-\"b"), at: at(5)),
        ])
        #expect(html.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'y'"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<h2 id=\"a-&quot;b\">A &lt; B"))
        #expect(html.contains("href=\"#a-&quot;b\""))
    }

    @Test func javascriptLinkIsNeutralized() {
        let html = render([Block(.paragraph([
            .link(destination: "javascript:alert(document.cookie)", title: "", content: [.text("click me")]),
            .text(" and "),
            .link(destination: "https://example.org/?a=1&b=2", title: "say \"hi\"", content: [.text("safe")]),
            .image(source: "JAVASCRIPT:alert(1)", title: "", alt: [.text("pic")]),
        ]), at: at(1))])
        #expect(!html.lowercased().contains("javascript:"))
        #expect(html.contains("click me"))
        #expect(html.contains("<a href=\"https://example.org/?a=1&amp;b=2\" title=\"say &quot;hi&quot;\">safe</a>"))
        #expect(html.contains("[image removed: pic]"))
    }

    @Test func imagesKeepTheirSourceEscaped() {
        let html = render([Block(.paragraph([
            .image(source: "figs/loss\".png", title: "", alt: [.text("a \"loss\" curve")]),
        ]), at: at(1))])
        // A quote is percent-encoded, as cmark writes it.
        #expect(html.contains("<img src=\"figs/loss%22.png\" alt=\"a &quot;loss&quot; curve\">"))
    }

    /// 17.12: addresses are percent-encoded as cmark's houdini_escape_href,
    /// and only RFC 3986's grammar makes a scheme.
    @Test func addressesArePercentEncodedLikeCmark() {
        #expect(HTML.safeURL("foo\\bar") == "foo%5Cbar")
        #expect(HTML.safeURL("https://x.org/?q=[a]") == "https://x.org/?q=%5Ba%5D")
        #expect(HTML.safeURL("x\\\\y.png", allowDataImage: true) == "x%5C%5Cy.png")
        #expect(HTML.safeURL("/my uri") == "/my%20uri")
        #expect(HTML.safeURL("föö") == "f%C3%B6%C3%B6")
        // Kept as they are: reserved characters, and % so nothing is encoded twice.
        #expect(HTML.safeURL("https://x.org/a%20b?c=d&e='f'#g") == "https://x.org/a%20b?c=d&e='f'#g")
        // A colon after something that is not a scheme is part of a path.
        #expect(HTML.safeURL("foo):") == "foo):")
        #expect(HTML.safeURL("1ab:c") == "1ab:c")
        #expect(HTML.safeURL("a b:c") == "a%20b:c")
        #expect(HTML.safeURL("a+b.c-d:x") == nil)
    }

    @Test func fileNamesBecomeOnePathSegment() {
        #expect(HTML.pathSegment("#frag.html") == "%23frag.html")
        #expect(HTML.pathSegment("a?b c:d%.html") == "a%3Fb%20c%3Ad%25.html")
        #expect(HTML.pathSegment("adamw.html") == "adamw.html")
    }

    @Test func experimentCodeIsEscaped() {
        let html = render([experiment(0, "evil", line: 4, code: "let s = \"</code></pre><script>x()</script>\"")])
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;"))
    }

    @Test func recordTextIsEscaped() {
        let outcome = NotebookOutcome(blocks: [BlockOutcome(
            index: 0, id: "b", status: .ok,
            records: [.scalar(ScalarValue(name: "<b>loss</b>", value: 1)),
                      .expectation(Expectation(message: "a < b & c", passed: true, detail: "1 < 2"))],
            stdout: "<i>out</i>", stderr: "")])
        let html = renderReport(document([experiment(0, "b", line: 2)]), outcome: outcome, options: ReportOptions())
        #expect(html.contains("&lt;b&gt;loss&lt;/b&gt;"))
        #expect(html.contains("a &lt; b &amp; c"))
        #expect(html.contains("&lt;i&gt;out&lt;/i&gt;"))
        #expect(!html.contains("<i>out") && !html.contains("<b>loss"))
    }

    @Test func compilerWarningsAreEscaped() {
        let outcome = NotebookOutcome(blocks: [BlockOutcome(
            index: 0, id: "b", status: .ok,
            compilerWarnings: [Diagnostic(file: "nb.md", line: 3, column: 1, severity: .warning,
                                          message: "'old()' is deprecated: use <script>x()</script> & \"new\"")])])
        let html = renderReport(document([experiment(0, "b", line: 2)]), outcome: outcome, options: ReportOptions())
        #expect(html.contains("use &lt;script&gt;x()&lt;/script&gt; &amp; "))
        #expect(!html.contains("<script>"))
    }

    @Test func rawHTMLDroppedByDefault() {
        let blocks = [
            Block(.html("<div class=\"raw\">RAW BLOCK</div>"), at: at(1)),
            Block(.paragraph([.text("before "), .html("<kbd>"), .text("K"), .html("</kbd>")]), at: at(3)),
        ]
        let safe = render(blocks)
        #expect(!safe.contains("RAW BLOCK"))
        #expect(!safe.contains("<kbd>"))
        #expect(safe.contains("before K"))

        let unsafe = render(blocks, options: ReportOptions(unsafeHTML: true))
        #expect(unsafe.contains("<div class=\"raw\">RAW BLOCK</div>"))
        #expect(unsafe.contains("before <kbd>K</kbd>"))
    }

    @Test func indexLinkIsScreenedAndOptional() {
        let none = render([], options: ReportOptions(indexHref: nil))
        #expect(!none.contains("All reports"))
        let evil = render([], options: ReportOptions(indexHref: "javascript:alert(1)"))
        #expect(!evil.lowercased().contains("javascript:"))
        let normal = render([])
        #expect(normal.contains("<a href=\"index.html\">← All reports</a>"))
    }
}
