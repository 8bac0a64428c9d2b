/// cmark's syntax tree copied into plain Swift values, one node per cmark
/// node, before any notebook meaning is given to it. `CmarkTree` fills it;
/// everything downstream of it works on these values and never sees C.
///
/// Depth is bounded by `MarkdownNode.maxDepth` at construction, so the
/// recursive code that consumes the tree (and the compiler-generated
/// destruction of nested arrays) cannot exhaust the stack.
struct MarkdownNode: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        /// `info` is cmark's info string (already unescaped); empty for
        /// indented code.
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(source: String, title: String)
        /// Node types the parser never produces (custom blocks / inlines)
        /// or that a newer cmark may add: kept so their children survive.
        case other
    }

    var kind: Kind
    /// cmark's start line and column. cmark counts columns in bytes, but
    /// only ASCII container markers and whitespace can precede a block on
    /// its line, so for blocks this is also the character column (a tab
    /// counts one).
    var position: SourcePosition
    var children: [MarkdownNode] = []
    /// cmark's end line (the paragraph's last line, which the pipe-table
    /// rule needs to read the paragraph's source again).
    var endLine = 0

    /// Deepest container nesting accepted below the document (a list item
    /// inside a list counts two, `***x***` counts two). Real notebooks stay
    /// far below; hostile input (5,000 `>` or 10,000 `*`) is rejected with a
    /// located error instead of a tree every consumer would have to walk
    /// without recursion.
    static let maxDepth = 128
}
