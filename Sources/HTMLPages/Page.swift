import Notebook
import Outcome
import Records

/// How a report is rendered.
public struct ReportOptions: Sendable, Equatable {
    /// Keep the notebook's raw HTML (blocks and inline). Off by default: raw
    /// HTML is the one way notebook text could inject markup or script.
    public var unsafeHTML: Bool
    /// Who made the file, e.g. "optnb 0.1 · Swift 6.3.1 · x86_64-linux",
    /// shown in a separate footer. The footer (this note and the render's
    /// timings) is the only part of a page that may change between renders;
    /// everything else is a pure function of the inputs.
    public var generationNote: String?
    /// Where "All reports" points; nil for no link.
    public var indexHref: String?
    /// Where the agreement page (`optnb replay --html`, "Agreement with
    /// torch.optim") is, linked from reports and the index; nil for no link.
    public var agreementHref: String?
    /// A report's neighbours in the site's reading order, linked at its end;
    /// none for a report rendered on its own.
    public var neighbours: Neighbours
    /// Syntax classes for the Swift listings; nil leaves them plain.
    public var highlights: SyntaxHighlights?

    /// Options as given; by default a safe report linking to `index.html`.
    public init(unsafeHTML: Bool = false, generationNote: String? = nil, indexHref: String? = "index.html",
                agreementHref: String? = nil, neighbours: Neighbours = Neighbours(),
                highlights: SyntaxHighlights? = nil) {
        self.unsafeHTML = unsafeHTML; self.generationNote = generationNote; self.indexHref = indexHref
        self.agreementHref = agreementHref; self.neighbours = neighbours; self.highlights = highlights
    }
}

/// The reports before and after one in the site's reading order.
public struct Neighbours: Sendable, Equatable {
    /// A report to link to: its title (text, escaped when written) and its
    /// address (percent-encoded when written; refused when unsafe).
    public struct Link: Sendable, Equatable {
        /// The report's title, the link's text.
        public var title: String
        /// The report's address, relative to this one (e.g. `adam.html`).
        public var href: String
        /// A link to the report at `href` titled `title`.
        public init(title: String, href: String) { self.title = title; self.href = href }
    }
    /// The report before this one; nil for the first.
    public var previous: Link?
    /// The report after this one; nil for the last.
    public var next: Link?
    /// Neighbours for a report; none by default (a report on its own).
    public init(previous: Link? = nil, next: Link? = nil) { self.previous = previous; self.next = next }
}

/// One self-contained HTML5 page for a notebook: the prose, each experiment
/// block's code and outputs, inline CSS and SVG, no script, nothing fetched
/// (images keep the `src` the author wrote). `outcome == nil` means the
/// notebook was not evaluated: code is shown, marked "not evaluated".
/// Deterministic: equal inputs give byte-identical output.
public func renderReport(_ document: Document, outcome: NotebookOutcome?, options: ReportOptions) -> String {
    let title = document.title ?? fileName(document.path)
    let titleHeading = document.title == nil ? nil : document.blocks.first {
        if case .heading(1, let content, _) = $0.kind { plainText(content) == title } else { false }
    }?.position
    var ctx = RenderContext(options: options, notebook: document.path, outcome: outcome, titleHeading: titleHeading)
    ctx.references = CrossReferences(document, outcome: outcome, blockOutcome: ctx.outcome(for:))

    return renderPage(title: title, options: options, header: { h in
        h.open("header", [("class", "page-header")]); h.newline()
        writeSiteLinks(options, into: &h)
        h.element("h1", text: title); h.newline()
        let status = reportStatus(document, outcome: outcome)
        h.element("p", [("class", "summary " + status.cssClass)], text: status.text); h.newline()
        if let note = options.highlights?.note { h.element("p", [("class", "highlight-note")], text: note); h.newline() }
        h.open("p", [("class", "source")])
        h.text("Notebook: ")
        h.element("code", text: document.path)
        h.close("p"); h.newline()
        h.close("header"); h.newline()
        writeTableOfContents(document.blocks, into: &h)
    }, main: { h in
        writeBlocks(document.blocks, ctx, into: &h)
        writePager(options.neighbours, into: &h)
    })
}

/// One line on how the run went, for the report header and the index,
/// e.g. "4 experiment blocks: 3 ran, 1 failed · 2 of 3 expectations passed".
public func reportSummary(_ document: Document, outcome: NotebookOutcome?) -> String {
    reportStatus(document, outcome: outcome).text
}

private func reportStatus(_ document: Document, outcome: NotebookOutcome?) -> (text: String, cssClass: String) {
    let n = document.experiments.count
    let blocks = "\(n) experiment block\(n == 1 ? "" : "s")"
    guard let outcome else { return ("\(blocks), not evaluated: code only.", "status-not-run") }
    // eval=false blocks are shown on purpose; only blocks skipped because
    // of a failure count as "not run".
    let shownOnly = Set(document.experiments.filter { !$0.eval }.map(\.index))
    var ran = 0, failed = 0, notRun = 0, shown = 0
    for b in outcome.blocks {
        switch b.status {
        case .ok: ran += 1
        case .notRun: if shownOnly.contains(b.index) { shown += 1 } else { notRun += 1 }
        case .failed, .timedOut, .compileError: failed += 1
        }
    }
    let expectations = outcome.blocks.flatMap(\.records).compactMap { r -> Expectation? in
        if case .expectation(let x) = r { x } else { nil }
    }
    let passed = expectations.filter(\.passed).count
    var parts = ["\(ran) ran"]
    if failed > 0 { parts.append("\(failed) failed") }
    if notRun > 0 { parts.append("\(notRun) not run") }
    if shown > 0 { parts.append("\(shown) shown without running") }
    var text = "\(blocks): " + parts.joined(separator: ", ")
    if !expectations.isEmpty { text += " · \(passed) of \(expectations.count) expectations passed" }
    return (text, outcome.succeeded ? "status-ok" : "status-failed")
}

/// Level-2 and level-3 headings of the top level, h3s nested under the h2
/// before them.
private func writeTableOfContents(_ blocks: [Block], into h: inout HTMLWriter) {
    typealias Entry = (text: String, anchor: String)
    var groups: [(parent: Entry?, children: [Entry])] = []
    for b in blocks {
        guard case .heading(let level, let content, let anchor) = b.kind, level == 2 || level == 3 else { continue }
        let entry = (plainText(content), anchor)
        if level == 2 { groups.append((entry, [])) }
        else if groups.isEmpty { groups.append((nil, [entry])) }
        else { groups[groups.count - 1].children.append(entry) }
    }
    guard groups.map({ ($0.parent == nil ? 0 : 1) + $0.children.count }).reduce(0, +) >= 2 else { return }
    func link(_ e: Entry, _ h: inout HTMLWriter) { h.element("a", [("href", "#" + e.anchor)], text: e.text) }
    h.open("nav", [("class", "toc"), ("aria-labelledby", "optnb:contents")])
    h.element("h2", [("id", "optnb:contents")], text: "Contents")
    h.open("ol"); h.newline()
    for g in groups {
        guard let parent = g.parent else {
            for c in g.children { h.element("li") { link(c, &$0) }; h.newline() }
            continue
        }
        h.open("li")
        link(parent, &h)
        if !g.children.isEmpty {
            h.open("ol")
            for c in g.children { h.element("li") { link(c, &$0) } }
            h.close("ol")
        }
        h.close("li"); h.newline()
    }
    h.close("ol")
    h.close("nav"); h.newline()
}

private func fileName(_ path: String) -> String {
    let last = path.split(separator: "/").last.map(String.init) ?? path
    return last.isEmpty ? "Notebook" : last
}
