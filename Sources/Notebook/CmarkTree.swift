// The one file in optnb that talks to cmark. `internal` so the C module
// never becomes part of Notebook's public interface.
internal import CCmark

/// Parses notebook bytes with cmark and copies the result into
/// `MarkdownNode` values.
///
/// Memory: the parser and the node tree are the only C allocations; each is
/// released by a `defer` next to its creation, on every exit path including
/// the depth error. Strings read from nodes are borrowed from the tree and
/// copied before it is freed.
///
/// The walk is iterative (an explicit stack of open containers) so nesting
/// depth costs heap, not stack; it stops at `MarkdownNode.maxDepth`.
enum CmarkTree {
    /// cmark does all the input hygiene: VALIDATE_UTF8 replaces ill-formed
    /// sequences with U+FFFD, NUL becomes U+FFFD (CommonMark §2.3), a
    /// leading BOM is skipped, and CRLF / CR end lines like LF (code
    /// literals come out with LF only). No SMART: quotes stay as written.
    static func parse(_ bytes: [UInt8], path: String) throws(NotebookError) -> MarkdownNode {
        let options = CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return emptyDocument }
        defer { cmark_parser_free(parser) }
        feed(parser, bytes)
        guard let root = cmark_parser_finish(parser) else { return emptyDocument }
        defer { cmark_node_free(root) }
        return try copy(root, path: path)
    }

    /// Parses several snippets in one cmark document, each followed by a
    /// blank line, and then `references` (the notebook itself, so that
    /// reference links inside a snippet resolve against the notebook's
    /// link reference definitions; CommonMark allows forward references).
    /// Returns, per snippet, the top-level blocks that start on its lines.
    /// One parse for all snippets keeps the cost linear in the notebook.
    ///
    /// A snippet must hold no blank line. A snippet nested deeper than
    /// `MarkdownNode.maxDepth` throws the depth error at its `origin`.
    static func parseSnippets(_ snippets: [(text: String, origin: SourcePosition)], references: [UInt8],
                              path: String) throws(NotebookError) -> [[MarkdownNode]] {
        var bytes: [UInt8] = []
        var firstLines: [Int] = []
        var line = 1
        for (snippet, _) in snippets {
            firstLines.append(line)
            bytes += snippet.utf8
            bytes += [UInt8(ascii: "\n"), UInt8(ascii: "\n")]
            line += snippet.utf8.count(where: { $0 == UInt8(ascii: "\n") }) + 2
        }
        let snippetsEnd = line
        bytes += references
        guard let parser = cmark_parser_new(CMARK_OPT_VALIDATE_UTF8) else {
            return snippets.map { _ in [] }
        }
        defer { cmark_parser_free(parser) }
        feed(parser, bytes)
        guard let root = cmark_parser_finish(parser) else { return snippets.map { _ in [] } }
        defer { cmark_node_free(root) }
        var out: [[MarkdownNode]] = snippets.map { _ in [] }
        var k = 0
        var next = cmark_node_first_child(root)
        while let node = next {
            let start = Int(cmark_node_get_start_line(node))
            if start >= snippetsEnd { break }
            while k + 1 < firstLines.count, firstLines[k + 1] <= start { k += 1 }
            do {
                out[k].append(try copy(node, path: path))
            } catch {
                throw NotebookError(path: path, position: snippets[k].origin, message: error.message)
            }
            next = cmark_node_next(node)
        }
        return out
    }

    private static func feed(_ parser: OpaquePointer, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress, !chars.isEmpty {
                    cmark_parser_feed(parser, base, chars.count)
                }
            }
        }
    }

    private static let emptyDocument = MarkdownNode(kind: .document, position: SourcePosition(line: 1, column: 1))

    /// Pre-order walk: a node with children is pushed as an open frame and
    /// closed (appended to its parent) once its last child is done.
    private static func copy(_ root: OpaquePointer, path: String) throws(NotebookError) -> MarkdownNode {
        var open: [(node: OpaquePointer, value: MarkdownNode)] = [(root, value(of: root))]
        var next = cmark_node_first_child(root)
        while let node = next {
            let copied = value(of: node)
            if let child = cmark_node_first_child(node) {
                if open.count > MarkdownNode.maxDepth {
                    throw NotebookError(
                        path: path,
                        position: copied.position,
                        message: "Markdown nested more than \(MarkdownNode.maxDepth) levels deep "
                            + "(block quotes, lists, emphasis, links or images inside each other); "
                            + "flatten the structure here")
                }
                open.append((node, copied))
                next = child
                continue
            }
            open[open.count - 1].value.children.append(copied)
            next = cmark_node_next(node)
            while next == nil, open.count > 1 {
                let done = open.removeLast()
                open[open.count - 1].value.children.append(done.value)
                next = cmark_node_next(done.node)
            }
        }
        return open[0].value
    }

    /// One node's own data, without its children.
    private static func value(of node: OpaquePointer) -> MarkdownNode {
        MarkdownNode(kind: kind(of: node),
                     position: SourcePosition(line: Int(cmark_node_get_start_line(node)),
                                              column: Int(cmark_node_get_start_column(node))),
                     endLine: Int(cmark_node_get_end_line(node)))
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST:
            .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                  start: Int(cmark_node_get_list_start(node)),
                  tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK:
            .codeBlock(info: string(cmark_node_get_fence_info(node)),
                       literal: literal(node))
        case CMARK_NODE_HTML_BLOCK: .htmlBlock(literal(node))
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text(literal(node))
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code(literal(node))
        case CMARK_NODE_HTML_INLINE: .htmlInline(literal(node))
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK:
            .link(destination: string(cmark_node_get_url(node)),
                  title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            .image(source: string(cmark_node_get_url(node)),
                   title: string(cmark_node_get_title(node)))
        default: .other
        }
    }

    private static func literal(_ node: OpaquePointer) -> String {
        string(cmark_node_get_literal(node))
    }

    /// Copies a string borrowed from the tree; cmark returns NULL for
    /// "not set", which we read as empty.
    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
