/// Pipe tables on top of cmark core: finds the paragraphs that hold a
/// table (by `PipeTable`'s rule, on the paragraph's source lines) and
/// builds the blocks that replace them.
///
/// Cell text is inline Markdown parsed by cmark: every cell (and any
/// paragraph text before or after the table) of the whole notebook goes
/// into one extra cmark document (`CmarkTree.parseSnippets`). A cell is
/// written as `Z ` + its text, so that a cell such as `# x`, `- x` or
/// `1. x` stays inline text as GFM wants (no block can start after `Z `)
/// while its first character still sees the start of a line as flanking
/// delimiter runs do; the `Z ` is then cut from the first text node.
///
/// If anything comes back in an unexpected shape, the paragraph is left a
/// paragraph: a table is never rendered worse than before tables existed.
enum PipeTables {
    /// The blocks replacing each paragraph (by its position) that holds a table.
    static func find(in tree: MarkdownNode, bytes: [UInt8], math: MathSpans,
                     path: String) throws(NotebookError) -> [SourcePosition: [Block]] {
        guard bytes.contains(UInt8(ascii: "|")) else { return [:] }
        let source = SourceLines(bytes)
        var found: [Found] = []
        collect(tree, quoteDepth: 0, source, into: &found)
        guard !found.isEmpty else { return [:] }

        var snippets: [(text: String, origin: SourcePosition)] = []
        var plans: [Plan] = []
        for f in found {
            var plan = Plan()
            let header = f.split.header
            if header > 0 {
                plan.leading = snippets.count
                snippets.append((f.lines[..<header].map(\.text).joined(separator: "\n"), f.paragraph))
            }
            for (r, row) in f.split.rows.enumerated() {
                let line = f.lines[header + (r == 0 ? 0 : r + 1)]
                plan.cells.append(row.map { cell in
                    guard !cell.isEmpty else { return nil }
                    snippets.append((marker + cell, line.position))
                    return snippets.count - 1
                })
            }
            if f.split.bodyEnd < f.lines.count {
                plan.trailing = snippets.count
                let tail = f.lines[f.split.bodyEnd...].map(\.text)
                let first = tail[0].drop { $0 == " " || $0 == "\t" }
                snippets.append((marker + ([String(first)] + tail.dropFirst()).joined(separator: "\n"),
                                 f.lines[f.split.bodyEnd].position))
            }
            plans.append(plan)
        }

        let parsed = try CmarkTree.parseSnippets(snippets, references: bytes, path: path)
        var out: [SourcePosition: [Block]] = [:]
        for (f, plan) in zip(found, plans) {
            if let blocks = blocks(f, plan, parsed, math) { out[f.paragraph] = blocks }
        }
        return out
    }

    /// Written before a cell's text; see the type's comment.
    private static let marker = "Z "

    private struct Found {
        var paragraph: SourcePosition
        var lines: [SourceLines.ParagraphLine]
        var split: PipeTable.Split
    }

    /// Snippet indices for one table: nil where there is nothing to parse.
    private struct Plan {
        var leading: Int?
        var cells: [[Int?]] = []
        var trailing: Int?
    }

    /// Depth is bounded by `MarkdownNode.maxDepth`, checked when the tree was copied.
    private static func collect(_ node: MarkdownNode, quoteDepth: Int, _ source: SourceLines,
                                into found: inout [Found]) {
        switch node.kind {
        case .paragraph where node.endLine > node.position.line:
            let lines = source.paragraph(from: node.position, through: node.endLine, quoteDepth: quoteDepth)
            guard lines.contains(where: { $0.text.contains("|") }) else { return }
            let split = PipeTable.split(lines.map { PipeTable.Line(text: $0.text[...], lazy: $0.lazy) })
            if let split { found.append(Found(paragraph: node.position, lines: lines, split: split)) }
        case .blockQuote:
            for child in node.children { collect(child, quoteDepth: quoteDepth + 1, source, into: &found) }
        case .document, .list, .item, .other:
            for child in node.children { collect(child, quoteDepth: quoteDepth, source, into: &found) }
        default:
            break
        }
    }

    private static func blocks(_ f: Found, _ plan: Plan, _ parsed: [[MarkdownNode]], _ math: MathSpans) -> [Block]? {
        var out: [Block] = []
        if let leading = plan.leading {
            let nodes = parsed[leading]
            guard nodes.allSatisfy({ $0.kind == .paragraph }) else { return nil }
            // Zero nodes: the lines were link reference definitions only.
            if !nodes.isEmpty { out.append(Block(.paragraph(inlines(nodes.flatMap(\.children), math)), at: f.paragraph)) }
        }
        var rows: [[[Inline]]] = []
        for cells in plan.cells {
            var row: [[Inline]] = []
            for cell in cells {
                guard let cell else { row.append([]); continue }
                guard let content = markedInlines(parsed[cell], math) else { return nil }
                row.append(content)
            }
            rows.append(row)
        }
        let header = rows.removeFirst()
        out.append(Block(.table(alignments: f.split.alignments, header: header, rows: rows),
                         at: f.lines[f.split.header].position))
        if let trailing = plan.trailing {
            guard let content = markedInlines(parsed[trailing], math) else { return nil }
            out.append(Block(.paragraph(content), at: f.lines[f.split.bodyEnd].position))
        }
        return out
    }

    /// The inlines of a snippet written as `marker` + text, with the marker cut.
    private static func markedInlines(_ nodes: [MarkdownNode], _ math: MathSpans) -> [Inline]? {
        guard nodes.count == 1, nodes[0].kind == .paragraph else { return nil }
        var content = inlines(nodes[0].children, math)
        guard case .text(let first)? = content.first, first.hasPrefix("Z") else { return nil }
        var rest = first.dropFirst()
        if rest.first == " " { rest = rest.dropFirst() }
        if rest.isEmpty { content.removeFirst() } else { content[0] = .text(String(rest)) }
        return content
    }
}
