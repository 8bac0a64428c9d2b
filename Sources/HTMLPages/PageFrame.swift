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

func writeIndexLink(_ options: ReportOptions, into h: inout HTMLWriter) {
    guard let href = options.indexHref.flatMap({ HTML.safeURL($0) }) else { return }
    h.open("nav", [("class", "crumbs"), ("aria-label", "Reports")])
    h.element("a", [("href", href)], text: "← All reports")
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
