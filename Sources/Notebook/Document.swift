/// A notebook parsed into Swift values: the only shape in which the rest of
/// optnb sees Markdown. Nothing here refers to cmark.

/// A 1-based line and column in the notebook's text. LF, CRLF and CR each
/// end a line. For a block, the column is where its first marker or text
/// starts, after any enclosing list indentation or `>` markers; a tab counts
/// as one column.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int
    /// A position as given.
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A parsed notebook.
public struct Document: Equatable, Sendable {
    /// The path the notebook was read from, as given (used in messages and
    /// in `#sourceLocation`).
    public var path: String
    /// Plain text of the first level-1 heading (ATX or setext) that is not
    /// inside a block quote or list, if any. Plain text keeps code spans and
    /// image alt text, drops raw HTML, and reads line breaks as spaces.
    public var title: String?
    /// The top-level blocks, in notebook order.
    public var blocks: [Block]
    /// The notebook's `<!-- optnb check … -->` settings, read (and, when
    /// malformed, refused at their line) by the parser.
    public var checkDirective: CheckDirective
    /// The notebook's place in a site's reading order, from its
    /// `<!-- optnb order N -->`; nil when it declares none. The index and the
    /// reports' previous/next links list notebooks with a place first, by
    /// place, then the others in the order they were named.
    public var order: Int?
    /// Things the author probably did not mean, that do not stop a render:
    /// a ```` ```Swift ```` block that is shown but not run, a code fence
    /// that is never closed. Printed after the render's verdict.
    public var warnings: [NotebookError] = []
    /// A document as given; by default no directives and no warnings.
    public init(path: String, title: String?, blocks: [Block],
                checkDirective: CheckDirective = CheckDirective(), order: Int? = nil,
                warnings: [NotebookError] = []) {
        self.path = path; self.title = title; self.blocks = blocks
        self.checkDirective = checkDirective; self.order = order; self.warnings = warnings
    }

    /// The experiment blocks, in notebook order (including those inside
    /// block quotes and list items). The recursion is safe: the parser
    /// refuses documents nested deeper than 128 levels.
    public var experiments: [ExperimentBlock] {
        var out: [ExperimentBlock] = []
        func walk(_ blocks: [Block]) {
            for b in blocks {
                switch b.kind {
                case .experiment(let e): out.append(e)
                case .blockQuote(let inner): walk(inner)
                case .list(_, _, _, let items): items.forEach(walk)
                default: break
                }
            }
        }
        walk(blocks)
        return out
    }
}

/// A block-level element with the position where it starts (for fenced
/// code, the opening fence).
public struct Block: Equatable, Sendable {
    /// What the block is, with its content.
    public var kind: Kind
    /// Where it starts.
    public var position: SourcePosition
    /// A block of `kind` starting at `position`.
    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind; self.position = position
    }

    /// The kinds of block, CommonMark's plus GFM tables and experiments.
    public indirect enum Kind: Equatable, Sendable {
        /// `anchor` is a stable, unique slug of the heading's text.
        case heading(level: Int, content: [Inline], anchor: String)
        /// A paragraph's inline content.
        case paragraph([Inline])
        /// A GFM pipe table (see `PipeTable`). Every row, the header
        /// included, has exactly `alignments.count` cells: short body rows
        /// are padded with empty cells, extra cells are dropped.
        case table(alignments: [ColumnAlignment], header: [[Inline]], rows: [[[Inline]]])
        /// The quoted blocks.
        case blockQuote([Block])
        /// Each item is a list of blocks. `start` is the first item's number
        /// for ordered lists and 1 for bullet lists.
        case list(ordered: Bool, start: Int, tight: Bool, items: [[Block]])
        /// A code block that is not an experiment (any other language, or none).
        /// `language` is the first word of the info string, nil when there is
        /// none (indented code, bare fences). `text` ends with a newline
        /// unless empty.
        case code(language: String?, text: String)
        /// A ```` ```swift ```` block the notebook's program runs.
        case experiment(ExperimentBlock)
        /// Raw HTML: left out of reports unless `--unsafe-html`.
        case html(String)
        /// A horizontal rule (`---`).
        case thematicBreak
    }
}

/// A table column's alignment, from its delimiter cell: `---` none,
/// `:---` left, `:---:` center, `---:` right.
public enum ColumnAlignment: Equatable, Sendable {
    /// `---`: the page's default.
    case none
    /// `:---`.
    case left
    /// `:---:`.
    case center
    /// `---:`.
    case right
}

/// Inline content of headings, paragraphs and table cells.
public indirect enum Inline: Equatable, Sendable {
    /// Plain text, unescaped (the printers escape it).
    case text(String)
    /// A code span's text.
    case code(String)
    /// `*…*` or `_…_`.
    case emphasis([Inline])
    /// `**…**` or `__…__`.
    case strong([Inline])
    /// A link; `title` is empty when none was given. The report screens the destination's scheme.
    case link(destination: String, title: String, content: [Inline])
    /// An image; `alt` is its description.
    case image(source: String, title: String, alt: [Inline])
    /// A line ending inside a paragraph: a space in the report.
    case softBreak
    /// A hard line break (two spaces or `\` before the line ending).
    case lineBreak
    /// Raw inline HTML: left out unless `--unsafe-html`.
    case html(String)
    /// `$…$` or `$$…$$` TeX, already converted (see `MathSpans`).
    case math(MathInline)
    /// `@fig-…`, `@tbl-…` or `@eq-…`: a cross-reference the report
    /// resolves to a numbered link (see `References`).
    case reference(label: String, position: SourcePosition)
}

/// A fenced block whose info string's first word is exactly `swift`:
/// compiled and run. Allowed anywhere, including inside list items and
/// block quotes.
///
/// Info string grammar: `swift key=value key=value …` (words separated by
/// spaces or tabs, each key at most once). Known keys: `id`
/// (`[A-Za-z0-9_-]+`, unique in the notebook; default `block-N`, N the
/// 1-based position among experiments), `echo`, `eval` and `fold`
/// (`true`/`false`),
/// `rtol` and `atol` (non-negative finite numbers: tolerances for
/// `optnb check` on this block's values). Anything else is a NotebookError
/// at the fence.
public struct ExperimentBlock: Equatable, Sendable {
    /// 0-based position among the notebook's experiment blocks.
    public var index: Int
    /// `id=`, else `block-N` (N the 1-based position): unique in the
    /// notebook; keys the block's results and its sweep cache.
    public var id: String
    /// Show the code in the report.
    public var echo: Bool
    /// Run the code.
    public var eval: Bool
    /// Show the code collapsed (a `<details>` the reader opens; open in print).
    public var fold: Bool
    /// `rtol=`: the relative tolerance `optnb check` applies to this block's values; nil for the notebook's.
    public var rtol: Double?
    /// `atol=`: the absolute tolerance, likewise.
    public var atol: Double?
    /// The code between the fences, with line endings as LF and the
    /// indentation or `>` markers of enclosing containers removed (as
    /// CommonMark defines the block's content); ends with a newline unless
    /// empty.
    public var code: String
    /// Line of the opening fence.
    public var fenceLine: Int
    /// Line of the first line of code (fenceLine + 1).
    public var codeLine: Int
    /// false when the closing fence is missing: CommonMark then runs the
    /// block to the end of its container (usually the file), prose and all.
    public var closed: Bool = true
    /// A block as given; by default shown, run, not folded, closed, with the notebook's tolerances.
    public init(index: Int, id: String, echo: Bool = true, eval: Bool = true, fold: Bool = false,
                rtol: Double? = nil, atol: Double? = nil,
                code: String, fenceLine: Int, codeLine: Int) {
        self.index = index; self.id = id; self.echo = echo; self.eval = eval; self.fold = fold
        self.rtol = rtol; self.atol = atol; self.code = code
        self.fenceLine = fenceLine; self.codeLine = codeLine
    }
}

/// Bad notebook input, located: prints as `path:line:column: message`.
public struct NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The notebook's path as given.
    public var path: String
    /// Where the problem starts.
    public var position: SourcePosition
    /// What is wrong and, where it helps, what to write instead.
    public var message: String
    /// An error at `position` of `path`.
    public init(path: String, position: SourcePosition, message: String) {
        self.path = path; self.position = position; self.message = message
    }
    /// `path:line:column: message`.
    public var description: String { "\(path):\(position.line):\(position.column): \(message)" }
}
