/// Parses a CommonMark notebook.
///
/// - Experiment blocks are fenced code blocks (backticks or tildes) whose
///   info string's first word is exactly `swift` (`Swift`, `swift,` and
///   indented code are plain `.code`); the rest of the info string is read
///   by `ExperimentOptions`. They may sit anywhere, including inside list
///   items and block quotes; their `index` and default id `block-N` follow
///   document order. Their code is cmark's literal: the lines between the
///   fences with the container's indentation and quote markers removed.
/// - Positions are cmark's, 1-based; CRLF and CR end lines like LF. A
///   block's column is where its marker or text starts on its line (inside
///   a list item or quote, after the container's markers); a tab counts one.
/// - Raw HTML becomes `.html`; deciding whether to show it is the report's
///   business.
/// - A paragraph holding a GFM pipe table becomes `.table` (with any lines
///   before or after it as paragraphs); see `PipeTable` and `PipeTables`.
///
/// - Throws: `NotebookError` located at the offending fence for a bad
///   option or a duplicate id, at a malformed, repeated or unknown
///   `<!-- optnb … -->` directive (see `Directives`), or at the first node nested deeper than
///   `MarkdownNode.maxDepth`.
public func parseNotebook(_ text: String, path: String) throws(NotebookError) -> Document {
    try parseNotebook(bytes: Array(text.utf8), path: path)
}

/// Parses a notebook from raw bytes. Ill-formed UTF-8 and NUL bytes are
/// replaced by U+FFFD (so a stray Latin-1 byte shows up as a replacement
/// character in the report instead of failing the run); a leading
/// byte-order mark is ignored.
public func parseNotebook(bytes: [UInt8], path: String) throws(NotebookError) -> Document {
    var tree = try CmarkTree.parse(bytes, path: path)
    // Math goes in before cmark reads the prose for good (see MathSpans);
    // the first parse only says which lines are code or HTML.
    let (prose, math) = try MathSpans.extract(bytes, skipLines: literalLines(tree), path: path)
    if !math.formulas.isEmpty { tree = try CmarkTree.parse(prose, path: path) }
    let tables = try PipeTables.find(in: tree, bytes: prose, math: math, path: path)
    var builder = DocumentBuilder(path: path, tables: tables, math: math)
    let blocks = try builder.blocks(tree.children)
    let title = blocks.lazy.compactMap { block -> String? in
        guard case .heading(1, let content, _) = block.kind else { return nil }
        return plainText(content)
    }.first
    let directives = try Directives.read(from: blocks, path: path)
    return Document(path: path, title: title, blocks: blocks, checkDirective: directives.check,
                    order: directives.order, warnings: builder.warnings)
}

/// The lines of code blocks and HTML blocks, where dollars are not math.
private func literalLines(_ tree: MarkdownNode) -> Set<Int> {
    var lines: Set<Int> = []
    var stack = [tree]
    while let node = stack.popLast() {
        switch node.kind {
        case .codeBlock, .htmlBlock:
            lines.formUnion(node.position.line...max(node.position.line, node.endLine))
        default:
            stack += node.children
        }
    }
    return lines
}

/// Turns `MarkdownNode`s into `Block`s in document order, numbering
/// experiments and handing out anchors as it goes. Recursion depth is
/// bounded by `MarkdownNode.maxDepth`.
private struct DocumentBuilder {
    let path: String
    /// What replaces each paragraph (by its position) that holds a table.
    let tables: [SourcePosition: [Block]]
    let math: MathSpans
    var anchors = AnchorSet()
    var experimentCount = 0
    /// See `Document.warnings`.
    var warnings: [NotebookError] = []
    /// Fence line of the block that took each id, for the duplicate message.
    var idLines: [String: Int] = [:]

    init(path: String, tables: [SourcePosition: [Block]], math: MathSpans) {
        self.path = path; self.tables = tables; self.math = math
    }

    mutating func blocks(_ nodes: [MarkdownNode]) throws(NotebookError) -> [Block] {
        var out: [Block] = []
        out.reserveCapacity(nodes.count)
        for node in nodes { try append(node, to: &out) }
        return out
    }

    private mutating func append(_ node: MarkdownNode, to out: inout [Block]) throws(NotebookError) {
        let position = node.position
        let kind: Block.Kind
        switch node.kind {
        case .heading(let level):
            let content = inlines(node.children, math)
            kind = .heading(level: level, content: content, anchor: anchors.claim(plainText(content)))
        case .paragraph:
            if let replacement = tables[position] {
                out.append(contentsOf: replacement)
                return
            }
            kind = .paragraph(inlines(node.children, math))
        case .blockQuote:
            kind = .blockQuote(try blocks(node.children))
        case .list(let ordered, let start, let tight):
            var items: [[Block]] = []
            for item in node.children { items.append(try blocks(item.children)) }
            kind = .list(ordered: ordered, start: ordered ? start : 1, tight: tight, items: items)
        case .codeBlock(let info, let literal):
            let words = ExperimentOptions.words(of: info)
            // A closed fence ends on the line after its last code line.
            let closed = node.endLine > position.line + literal.filter { $0 == "\n" }.count
            if !closed {
                warnings.append(NotebookError(
                    path: path, position: position,
                    message: "this code fence is never closed, so CommonMark runs it to the end of its "
                        + "container: everything after it is code\(words.first == "swift" ? " (and compiled as Swift)" : ""); "
                        + "add the closing fence"))
            }
            if words.first == "swift" {
                var e = try experiment(words.dropFirst(), code: literal, at: position)
                e.closed = closed
                kind = .experiment(e)
            } else {
                if let first = words.first, first != "swift", first.lowercased() == "swift" {
                    warnings.append(NotebookError(
                        path: path, position: position,
                        message: "this '\(first)' block is shown but not run: only a fence whose info string "
                            + "starts with 'swift' in lower case is an experiment; write ```swift to run it"))
                }
                kind = .code(language: words.first.map(String.init), text: literal)
            }
        case .htmlBlock(let html):
            kind = .html(html)
        case .thematicBreak:
            kind = .thematicBreak
        case .item, .other, .document:
            // An item outside a list, or a custom block: cmark's parser
            // makes neither; keep the blocks they hold in their place.
            for child in node.children { try append(child, to: &out) }
            return
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .link, .image:
            // Inline content directly under a block container does not come
            // out of cmark's parser; wrap it rather than lose it.
            kind = .paragraph(inlines([node], math))
        }
        out.append(Block(kind, at: position))
    }

    private mutating func experiment(_ words: ArraySlice<Substring>, code: String,
                                     at position: SourcePosition) throws(NotebookError) -> ExperimentBlock {
        let options: ExperimentOptions
        do {
            options = try ExperimentOptions(words: words)
        } catch {
            throw NotebookError(path: path, position: position, message: error.message)
        }
        experimentCount += 1
        let id = options.id ?? "block-\(experimentCount)"
        if let firstLine = idLines[id] {
            let what = options.id == nil ? "this block's default id '\(id)'" : "id '\(id)'"
            throw NotebookError(
                path: path, position: position,
                message: "\(what) is already used by the swift block at line \(firstLine); "
                    + "give each swift block its own id=")
        }
        idLines[id] = position.line
        if options.eval, let problem = BraceBalance.problem(in: code) {
            throw NotebookError(
                path: path,
                position: SourcePosition(line: position.line + problem.line,
                                         column: problem.column + position.column - 1),
                message: problem.unclosed
                    ? "this '{' is not closed in its block ('\(id)'); each swift block must close its own braces, or the code after it would silently not run"
                    : "this '}' closes nothing in its block ('\(id)'); each swift block must open and close its own braces")
        }
        return ExperimentBlock(
            index: experimentCount - 1, id: id, echo: options.echo, eval: options.eval, fold: options.fold,
            rtol: options.rtol, atol: options.atol, code: code,
            fenceLine: position.line, codeLine: position.line + 1)
    }
}

/// Inline content. cmark (0.30) already merges adjacent text, so a run
/// of plain text is one `.text` (StructureTests checks this). Math
/// placeholders become `.math`; a line that only held the rest of a
/// multi-line formula goes, with the line break before it.
func inlines(_ nodes: [MarkdownNode], _ math: MathSpans) -> [Inline] {
    var out: [Inline] = []
    for node in nodes {
        let inline: Inline
        switch node.kind {
        case .text(let s):
            let pieces = References.split(math.expand(s), at: node.position)
            if pieces.isEmpty {
                if out.last == .softBreak { out.removeLast() }
            } else {
                out += pieces
            }
            continue
        case .code(let s): inline = .code(s)
        case .htmlInline(let s), .htmlBlock(let s): inline = .html(s)
        case .softBreak: inline = .softBreak
        case .lineBreak: inline = .lineBreak
        case .emphasis: inline = .emphasis(inlines(node.children, math))
        case .strong: inline = .strong(inlines(node.children, math))
        case .link(let destination, let title):
            inline = .link(destination: destination, title: title, content: inlines(node.children, math))
        case .image(let source, let title):
            inline = .image(source: source, title: title, alt: inlines(node.children, math))
        default:
            // Custom inlines (never produced by the parser): keep the
            // content in place.
            out.append(contentsOf: inlines(node.children, math))
            continue
        }
        out.append(inline)
    }
    return out
}
