/// Cross-references in prose, in Quarto's syntax: `@fig-NAME`, `@tbl-NAME`
/// and `@eq-NAME`, NAME being letters, digits, `_` and `-` (a final `-`,
/// `.` or `:` stays text, so "see @fig-loss." works). An `@` after a
/// letter or digit (an e-mail address) is not a reference. Which labels
/// exist is known only once the notebook has run (figures and tables come
/// from its blocks), so the report resolves them, and an unknown one is an
/// error at the reference's line.
enum References {
    static let kinds = ["fig-", "tbl-", "eq-"]

    static func split(_ pieces: [Inline], at position: SourcePosition) -> [Inline] {
        var out: [Inline] = []
        for piece in pieces {
            guard case .text(let s) = piece, s.contains("@") else { out.append(piece); continue }
            var text = ""
            var rest = Substring(s)
            var column = position.column
            while let at = rest.firstIndex(of: "@") {
                let before = rest[..<at]
                let after = rest[rest.index(after: at)...]
                let previous = before.last ?? text.last
                let name = after.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
                let label = name.hasSuffix("-") ? String(name.reversed().drop { $0 == "-" }.reversed()) : String(name)
                if kinds.contains(where: { label.hasPrefix($0) && label.count > $0.count }),
                   !(previous.map { $0.isLetter || $0.isNumber } ?? false) {
                    text += before
                    if !text.isEmpty { out.append(.text(text)); text = "" }
                    column += before.utf8.count
                    out.append(.reference(label: label, position: SourcePosition(line: position.line, column: column)))
                    column += 1 + label.utf8.count
                    rest = after.dropFirst(label.count)
                } else {
                    text += rest[...at]
                    column += rest[...at].utf8.count
                    rest = after
                }
            }
            text += rest
            if !text.isEmpty { out.append(.text(text)) }
        }
        return out
    }
}
