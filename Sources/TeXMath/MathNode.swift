/// The reader's result, close to texmath's expression tree so that the
/// MathML it writes can be compared with pandoc's.
indirect enum MathNode: Equatable {
    /// `<mi>`: a letter, a Greek letter, an ordinary symbol.
    case identifier(String)
    /// `<mn>`: a run of digits with at most one decimal point.
    case number(String)
    /// `<mo>`: an operator or relation; `fence` adds `stretchy="false"`
    /// and a `form` for delimiters that are not paired.
    case symbol(String, fence: Fence? = nil)
    /// `<mo>` for a named function or big operator (`log`, `max`, `∑`);
    /// `limits` says whether scripts go above and below in display math.
    case op(String, limits: Bool)
    /// `<mtext>` with its variant.
    case text(String, variant: String)
    /// `<mspace width=…>`.
    case space(String)
    /// A brace group: one child is written as itself, more as `<mrow>`.
    case group([MathNode])
    case frac(MathNode, MathNode, displayStyle: Bool?)
    case sqrt(MathNode)
    case root(MathNode, index: MathNode)
    /// `under`: `munder`/`mover`/`munderover` instead of `msub`/`msup`/`msubsup`.
    case scripts(MathNode, sub: MathNode?, sup: MathNode?, under: Bool)
    /// `<mover accent="true">` with the accent character.
    case accent(MathNode, String)
    /// `\left…\right` and paired `( )`, `[ ]`, `| |`: stretchy fences in
    /// an `<mrow>`; nil is `.` (no fence).
    case delimited(open: String?, close: String?, [MathNode])
    /// Plain `( )`, `[ ]`, `| |` paired in one list: an `<mrow>` like
    /// `.delimited`, but the fences do not stretch, as in TeX (texmath
    /// marks them stretchy; see the corpus test's accepted differences).
    case fenced(open: String, close: String, [MathNode])
    /// `\big(` and friends: a fence of a fixed size.
    case sized(String, size: String, fence: Fence)
    /// An environment: rows of cells, each cell a list of nodes.
    case table([[[MathNode]]], aligns: [String])
    /// `\mathbf` and friends: `<mstyle mathvariant=…>`; the letters inside
    /// are already mapped to the variant's Unicode characters.
    case styled(String, [MathNode])

    enum Fence: String, Equatable { case prefix, postfix }
}
