/// TeX math to MathML Core, at render time, in pure Swift: no script in
/// the page, no fonts fetched, no converter needed on the machine.
///
/// The reader accepts the TeX an optimizer study writes (see `Symbols` and
/// `Reader+Commands` for the full list): Greek letters, sub- and
/// superscripts, `\frac`, `\sqrt`, accents, big operators with limits,
/// `\left … \right`, font commands, `\text`, `aligned`/`cases`/matrix
/// environments, spacing, and `\label`/`\tag`, which are taken out of the
/// formula and returned for the page to number.
///
/// The MathML follows the shape pandoc's `--mathml` (texmath) writes, so
/// that pandoc can serve as an independent oracle in tests
/// (`Tests/TeXMathTests/PandocCorpusTests.swift` lists the differences we
/// accept). Anything outside the accepted TeX is a `TeXError` naming the
/// command and its offset, never raw TeX in the page.
public enum TeXMath {
    /// Converts one formula.
    /// - Parameters:
    ///   - tex: the formula without its `$` delimiters.
    ///   - display: `$$…$$` (block) rather than `$…$` (inline); big
    ///     operators take their limits above and below in display.
    /// - Throws: `TeXError` at the UTF-8 offset of the offending command.
    public static func convert(_ tex: String, display: Bool) throws(TeXError) -> Formula {
        var reader = Reader(tex, display: display)
        let nodes = try reader.readFormula()
        var writer = MathMLWriter(display: display)
        let markup = writer.math(nodes, tex: tex)
        return Formula(mathML: markup, label: reader.label, tag: reader.tag)
    }
}

/// A converted formula.
public struct Formula: Equatable, Sendable {
    /// One `<math>` element (escaped; safe to insert into HTML as is).
    public var mathML: String
    /// The argument of `\label{…}`, if the formula has one.
    public var label: String?
    /// The argument of `\tag{…}`: the number to show instead of a counter.
    public var tag: String?
    /// A formula as given (`mathML` must already be escaped).
    public init(mathML: String, label: String?, tag: String?) {
        self.mathML = mathML; self.label = label; self.tag = tag
    }
}

/// A formula the reader refuses, located by the UTF-8 offset into the
/// formula's text where the problem starts.
public struct TeXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// UTF-8 offset into the formula's text (0 = its first byte).
    public var offset: Int
    /// What is wrong, naming the command when there is one.
    public var message: String
    /// An error at `offset`.
    public init(offset: Int, message: String) { self.offset = offset; self.message = message }
    /// `offset N: message`.
    public var description: String { "offset \(offset): \(message)" }
}
