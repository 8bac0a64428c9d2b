/// Escaping, URL screening and a small builder: every string that reaches a
/// report passes through here, so escaping has one home.
public enum HTML {
    /// Text content: `&`, `<`, `>` become entities. Quotes are left alone
    /// because they are harmless outside attributes.
    public static func escapeText(_ s: String) -> String { escape(s, quotes: false) }

    /// An attribute value for a double-quoted attribute. Single quotes are
    /// escaped too so the result stays safe if someone single-quotes it.
    public static func escapeAttribute(_ s: String) -> String { escape(s, quotes: true) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// Markup that is inserted without escaping. Constructing one is the only way
/// to put unescaped text in a report, so every such place is easy to find.
public struct RawHTML: Sendable, Equatable {
    /// The markup, written as it is.
    public let markup: String
    /// `markup` must already be well-formed and safe (our own SVG), or the
    /// author explicitly allowed it (`--unsafe-html`).
    public init(trustedMarkup markup: String) { self.markup = markup }
}

/// Appends markup to a string; text and attribute values are always escaped.
/// Tag and attribute names come from this module's code, never from input.
struct HTMLWriter {
    private(set) var output = ""
    /// Run-to-run values referenced so far; the footer lists them.
    var volatileValues: [VolatileValue] = []

    mutating func text(_ s: String) { output += HTML.escapeText(s) }

    mutating func raw(_ r: RawHTML) { output += r.markup }

    /// Literal markup written by this module (a newline, an entity).
    mutating func literal(_ s: StaticString) { output += s.description }

    /// Opens `tag`; attributes whose value is nil are left out.
    mutating func open(_ tag: String, _ attributes: [(String, String?)] = []) {
        output += "<" + tag
        for (name, value) in attributes {
            guard let value else { continue }
            output += " " + name + "=\"" + HTML.escapeAttribute(value) + "\""
        }
        output += ">"
    }

    mutating func close(_ tag: String) { output += "</" + tag + ">" }

    /// `<tag …>text</tag>`.
    mutating func element(_ tag: String, _ attributes: [(String, String?)] = [], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    mutating func element(_ tag: String, _ attributes: [(String, String?)] = [],
                          _ body: (inout HTMLWriter) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    mutating func newline() { output += "\n" }
}
