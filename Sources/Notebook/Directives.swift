/// Notebook-wide settings written as an HTML comment, so they stay invisible
/// wherever the Markdown is shown:
///
///     <!-- optnb check rtol=1e-6 atol=1e-12 -->
///
/// `rtol` and `atol` set the tolerance `optnb check` uses for every value of
/// the notebook; a block's own `rtol=`/`atol=` options override them.
public struct CheckDirective: Equatable, Sendable {
    public var rtol: Double?
    public var atol: Double?
    public init(rtol: Double? = nil, atol: Double? = nil) { self.rtol = rtol; self.atol = atol }
}

extension CheckDirective {
    /// The settings of the `<!-- optnb check … -->` among top-level
    /// `blocks` (HTML blocks only), parsed when the notebook is, so that a
    /// malformed or repeated directive is an error at its line like any
    /// other notebook error.
    static func read(from blocks: [Block], path: String) throws(NotebookError) -> CheckDirective {
        var found: (CheckDirective, SourcePosition)?
        for block in blocks {
            guard case .html(let html) = block.kind else { continue }
            let start = html.drop(while: \.isWhitespace)
            let text = start.prefix(start.count - start.reversed().prefix(while: \.isWhitespace).count)
            guard text.hasPrefix("<!--"), text.hasSuffix("-->") else { continue }
            let words = text.dropFirst(4).dropLast(3).split(whereSeparator: \.isWhitespace)
            guard words.count >= 2, words[0] == "optnb", words[1] == "check" else { continue }
            func fail(_ message: String) -> NotebookError {
                NotebookError(path: path, position: block.position, message: message)
            }
            if let (_, first) = found {
                throw fail("a second '<!-- optnb check … -->' directive (the first is at line \(first.line)); keep one")
            }
            var directive = CheckDirective()
            for word in words.dropFirst(2) {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, ["rtol", "atol"].contains(parts[0]) else {
                    throw fail("unknown setting '\(word)' in optnb check directive; write rtol=NUMBER atol=NUMBER")
                }
                guard let value = Double(parts[1]), value.isFinite, value >= 0 else {
                    throw fail("invalid value '\(parts[1])' for \(parts[0]) in optnb check directive; use a non-negative number, e.g. \(parts[0])=1e-6")
                }
                if parts[0] == "rtol" { directive.rtol = value } else { directive.atol = value }
            }
            found = (directive, block.position)
        }
        return found?.0 ?? CheckDirective()
    }
}
