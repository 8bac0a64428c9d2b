/// Notebook-wide settings written as HTML comments, so they stay invisible
/// wherever the Markdown is shown. Each is one top-level comment,
/// `<!-- optnb NAME … -->`, at most once per notebook:
///
///     <!-- optnb check rtol=1e-6 atol=1e-12 -->
///     <!-- optnb order 3 -->
///
/// They are read when the notebook is parsed, so a malformed, repeated or
/// unknown one is an error at its line like any other notebook error.

/// `<!-- optnb check … -->`: `rtol` and `atol` set the tolerance
/// `optnb check` uses for every value of the notebook; a block's own
/// `rtol=`/`atol=` options override them.
public struct CheckDirective: Equatable, Sendable {
    /// `rtol=`; nil leaves `optnb check`'s default.
    public var rtol: Double?
    /// `atol=`; nil leaves `optnb check`'s default.
    public var atol: Double?
    /// A directive as given; by default it sets nothing.
    public init(rtol: Double? = nil, atol: Double? = nil) { self.rtol = rtol; self.atol = atol }
}

/// The directives of one notebook, as `parseNotebook` read them.
struct Directives {
    var check = CheckDirective()
    /// `<!-- optnb order N -->`: the notebook's place in a site's reading
    /// order (a whole number from 1; notebooks without one follow those
    /// with one). See `Document.order`.
    var order: Int?

    /// The names `<!-- optnb NAME … -->` may have, for the error message.
    static let names = ["check", "order"]

    /// Reads the directives among top-level `blocks` (HTML blocks only);
    /// other HTML comments are left alone.
    static func read(from blocks: [Block], path: String) throws(NotebookError) -> Directives {
        var directives = Directives()
        var seen: [String: Int] = [:]
        for block in blocks {
            guard case .html(let html) = block.kind, let words = directiveWords(html) else { continue }
            func fail(_ message: String) -> NotebookError {
                NotebookError(path: path, position: block.position, message: message)
            }
            let name = String(words[1])
            guard names.contains(name) else {
                throw fail("unknown directive '<!-- optnb \(name) … -->'; the directives are "
                           + names.map { "'optnb \($0)'" }.joined(separator: " and "))
            }
            if let first = seen[name] {
                throw fail("a second '<!-- optnb \(name) … -->' directive (the first is at line \(first)); keep one")
            }
            seen[name] = block.position.line
            let settings = words.dropFirst(2).map(String.init)
            switch name {
            case "check": directives.check = try readCheck(settings, fail: fail)
            default: directives.order = try readOrder(settings, fail: fail)
            }
        }
        return directives
    }

    /// The words of `<!-- optnb NAME … -->` (`optnb` first), or nil for
    /// any other HTML.
    private static func directiveWords(_ html: String) -> [Substring]? {
        let start = html.drop(while: \.isWhitespace)
        let text = start.prefix(start.count - start.reversed().prefix(while: \.isWhitespace).count)
        guard text.hasPrefix("<!--"), text.hasSuffix("-->") else { return nil }
        let words = text.dropFirst(4).dropLast(3).split(whereSeparator: \.isWhitespace)
        return words.count >= 2 && words[0] == "optnb" ? words : nil
    }

    private static func readCheck(_ settings: [String], fail: (String) -> NotebookError) throws(NotebookError) -> CheckDirective {
        var directive = CheckDirective()
        for word in settings {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["rtol", "atol"].contains(parts[0]) else {
                throw fail("unknown setting '\(word)' in optnb check directive; write rtol=NUMBER atol=NUMBER")
            }
            guard let value = Double(parts[1]), value.isFinite, value >= 0 else {
                throw fail("invalid value '\(parts[1])' for \(parts[0]) in optnb check directive; use a non-negative number, e.g. \(parts[0])=1e-6")
            }
            if parts[0] == "rtol" { directive.rtol = value } else { directive.atol = value }
        }
        return directive
    }

    private static func readOrder(_ settings: [String], fail: (String) -> NotebookError) throws(NotebookError) -> Int {
        let usage = "write the notebook's place in the reading order as one whole number from 1, e.g. <!-- optnb order 3 -->"
        guard settings.count == 1 else {
            throw fail(settings.isEmpty ? "optnb order needs a place; \(usage)"
                                        : "optnb order takes one number, got '\(settings.joined(separator: " "))'; \(usage)")
        }
        guard let place = Int(settings[0]), place >= 1 else {
            throw fail("invalid place '\(settings[0])' in optnb order directive; \(usage)")
        }
        return place
    }
}
