/// The frame all four pages (report, index, drift, agreement) share, written
/// once: doctype, head with the inline style, body, what `header` writes
/// (the page header, a table of contents), `main`, the footer, the end tags.
/// The footer is `writeFooter` with the page's volatile values unless the
/// page brings its own.
func renderPage(title: String, options: ReportOptions,
                header: (inout HTMLWriter) -> Void, main: (inout HTMLWriter) -> Void,
                footer: ((inout HTMLWriter) -> Void)? = nil) -> String {
    var h = HTMLWriter()
    writeHead(title: title, into: &h)
    h.open("body"); h.newline()
    header(&h)
    h.open("main"); h.newline()
    main(&h)
    h.close("main"); h.newline()
    if let footer { footer(&h) } else { writeFooter(options, volatile: h.volatileValues, into: &h) }
    h.close("body"); h.newline()
    h.close("html"); h.newline()
    return h.output
}

func writeHead(title: String, into h: inout HTMLWriter) {
    h.literal("<!DOCTYPE html>\n")
    h.open("html", [("lang", "en")]); h.newline()
    h.open("head"); h.newline()
    h.open("meta", [("charset", "utf-8")]); h.newline()
    h.open("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]); h.newline()
    h.open("meta", [("name", "color-scheme"), ("content", "light dark")]); h.newline()
    h.element("title", text: title); h.newline()
    h.open("style"); h.raw(RawHTML(trustedMarkup: reportCSS + presentationCSS)); h.close("style"); h.newline()
    h.close("head"); h.newline()
}

/// The links at the top of a page: "All reports" (`indexHref`) and the
/// agreement page (`agreementHref`), those of them the page has.
func writeSiteLinks(_ options: ReportOptions, into h: inout HTMLWriter) {
    let links = [(options.indexHref, "← All reports"), (options.agreementHref, agreementTitle)]
        .compactMap { href, text in href.flatMap { HTML.safeURL($0) }.map { ($0, text) } }
    guard !links.isEmpty else { return }
    h.open("nav", [("class", "crumbs"), ("aria-label", "Site")])
    for (i, (href, text)) in links.enumerated() {
        if i > 0 { h.text(" · ") }
        h.element("a", [("href", href)], text: text)
    }
    h.close("nav"); h.newline()
}

/// The previous and next reports in reading order, at the end of a report
/// (`rel` lets browsers and readers step through the site).
func writePager(_ neighbours: Neighbours, into h: inout HTMLWriter) {
    let links = [(neighbours.previous, "previous", "← Previous"), (neighbours.next, "next", "Next →")]
        .compactMap { link, rel, label in
            link.flatMap { l in HTML.safeURL(l.href).map { (title: l.title, href: $0, rel: rel, label: label) } }
        }
    guard !links.isEmpty else { return }
    h.open("nav", [("class", "pager"), ("aria-label", "Reading order")]); h.newline()
    for link in links {
        h.open("a", [("class", link.rel), ("href", link.href), ("rel", link.rel)])
        h.element("span", [("class", "pager-label")], text: link.label)
        h.element("span", [("class", "pager-title")], text: link.title)
        h.close("a"); h.newline()
    }
    h.close("nav"); h.newline()
}

/// The one part of a page that may differ between two renders of the same
/// notebook: who rendered it, and the timings measured in that render.
func writeFooter(_ options: ReportOptions, volatile: [VolatileValue] = [], into h: inout HTMLWriter) {
    let note = options.generationNote.flatMap { $0.isEmpty ? nil : $0 }
    guard note != nil || !volatile.isEmpty else { return }
    h.open("footer", [("class", "generation")]); h.newline()
    if let note { h.element("p", text: note); h.newline() }
    writeVolatileValues(volatile, into: &h)
    h.close("footer"); h.newline()
}
