import Notebook
import Outcome
import Records

/// The notebook's prose: Markdown blocks and inlines as HTML.

/// What rendering needs besides the document: options and run results.
struct RenderContext {
    var options: ReportOptions
    /// The notebook's path: diagnostics placed in it mark its code.
    var notebook: String
    /// nil when the notebook was not evaluated.
    var outcome: NotebookOutcome?
    /// Position of the level-1 heading already shown as the page title.
    var titleHeading: SourcePosition?
    /// Figure, table and equation numbers; nil renders references unnumbered.
    var references: CrossReferences?

    /// The outcome for an experiment block: by id, falling back to index.
    func outcome(for e: ExperimentBlock) -> BlockOutcome? {
        guard let blocks = outcome?.blocks else { return nil }
        return blocks.first { $0.id == e.id } ?? blocks.first { $0.index == e.index }
    }
}

/// Block after block, each followed by a newline (except in a tight list
/// item, where `<li>text</li>` stays on one line).
func writeBlocks(_ blocks: [Block], _ ctx: RenderContext, into h: inout HTMLWriter, tight: Bool = false) {
    for (i, block) in blocks.enumerated() {
        if i > 0 && tight { h.newline() }
        switch block.kind {
        case .heading(let level, let content, let anchor):
            if block.position == ctx.titleHeading { continue }
            let tag = "h\(min(max(level, 1), 6))"
            h.open(tag, [("id", anchor)])
            writeInlines(content, ctx, into: &h)
            h.literal(" ")
            h.element("a", [("class", "anchor"), ("href", "#" + anchor),
                            ("aria-label", "Link to this section")], text: "#")
            h.close(tag)
        case .paragraph(let content):
            if tight {
                writeInlines(content, ctx, into: &h)
            } else {
                h.element("p") { writeInlines(content, ctx, into: &$0) }
            }
        case .table(let alignments, let header, let rows):
            writeProseTable(alignments: alignments, header: header, rows: rows, ctx, into: &h)
        case .blockQuote(let inner):
            h.element("blockquote") { h in
                h.newline()
                writeBlocks(inner, ctx, into: &h)
            }
        case .list(let ordered, let start, let tight, let items):
            let tag = ordered ? "ol" : "ul"
            h.open(tag, [("start", ordered && start != 1 ? String(start) : nil)])
            h.newline()
            for item in items {
                h.element("li") { writeBlocks(item, ctx, into: &$0, tight: tight) }
                h.newline()
            }
            h.close(tag)
        case .code(let language, let text):
            if language == "swift", let spans = ctx.options.highlights?.spans[text] {
                writeListing(text, language: language, firstLine: 0, marks: [:], spans: spans, into: &h)
            } else {
                writeCode(text, language: language, into: &h)
            }
        case .experiment(let e):
            writeExperiment(e, ctx, into: &h)
        case .html(let markup):
            guard ctx.options.unsafeHTML else { continue }
            h.raw(RawHTML(trustedMarkup: markup))
        case .thematicBreak:
            h.literal("<hr>")
        }
        if !tight { h.newline() }
    }
}

/// `<pre><code class="language-…">`, the convention highlighters and
/// readers expect; the language word is escaped like any attribute.
func writeCode(_ text: String, language: String?, into h: inout HTMLWriter) {
    h.open("pre")
    let lang = language.flatMap { $0.isEmpty ? nil : "language-" + $0 }
    h.element("code", [("class", lang)], text: text)
    h.close("pre")
}

func writeInlines(_ inlines: [Inline], _ ctx: RenderContext, into h: inout HTMLWriter) {
    for inline in inlines {
        switch inline {
        case .text(let s): h.text(s)
        case .code(let s): h.element("code", text: s)
        case .emphasis(let c): h.element("em") { writeInlines(c, ctx, into: &$0) }
        case .strong(let c): h.element("strong") { writeInlines(c, ctx, into: &$0) }
        case .link(let destination, let title, let content):
            if let href = HTML.safeURL(destination) {
                h.element("a", [("href", href), ("title", title.isEmpty ? nil : title)]) {
                    writeInlines(content, ctx, into: &$0)
                }
            } else {
                h.element("span", [("class", "unsafe-link"),
                                   ("title", "Link removed: only http(s), mailto and relative addresses are kept")]) {
                    writeInlines(content, ctx, into: &$0)
                }
            }
        case .image(let source, let title, let alt):
            let altText = plainText(alt)
            if let src = HTML.safeURL(source, allowDataImage: true) {
                h.open("img", [("src", src), ("alt", altText), ("title", title.isEmpty ? nil : title)])
            } else {
                h.element("span", [("class", "unsafe-link")], text: "[image removed: \(altText)]")
            }
        case .softBreak: h.newline()
        case .lineBreak: h.literal("<br>\n")
        case .html(let markup):
            if ctx.options.unsafeHTML { h.raw(RawHTML(trustedMarkup: markup)) }
        case .math(let m):
            writeMath(m, ctx, into: &h)
        case .reference(let label, _):
            writeReference(label, ctx, into: &h)
        }
    }
}
