/// A GitHub Actions workflow command for one render problem or compiler
/// warning of `notebook`, so CI marks the notebook line as it does for drift.
///
/// `text` is what `optnb render` prints. When it starts with the notebook's
/// place, `NOTEBOOK:LINE:COL: error: …`, `NOTEBOOK:LINE: expectation
/// failed: …` or `NOTEBOOK:LINE:COL: warning: …`, the annotation gets that
/// line and column; when it names a block as `(NOTEBOOK:LINE)` (a crash
/// without a notebook frame, a time-out), that line; otherwise just the
/// file. The whole text (source excerpts, notes, stderr) is the message.
/// `level` is `error` or `warning`.
public func githubAnnotation(
    _ text: String, notebook: String, level: AnnotationLevel, title: String
) -> String {
    let firstLine = text.prefix { $0 != "\n" }
    var properties = "file=\(escapeProperty(notebook))"
    if let place = Place(firstLine, notebook: notebook) {
        properties += ",line=\(place.line)"
        if let column = place.column { properties += ",col=\(column)" }
    }
    return "::\(level.rawValue) \(properties),title=\(escapeProperty(title))::\(escapeData(text))"
}

/// The severity of a workflow command.
public enum AnnotationLevel: String, Sendable {
    case error, warning
}

/// A line (and column) of the notebook named at the start of a message,
/// `NOTEBOOK:LINE[:COL]: `, or in it as `(NOTEBOOK:LINE)`. The notebook's
/// path is known, so a path holding colons, digits or spaces is no problem,
/// and a runtime file named in the message (`Swift/Array.swift:691: …`) is
/// never taken for it.
struct Place: Equatable {
    let line: Int
    let column: Int?

    init?(_ text: Substring, notebook: String) {
        if text.hasPrefix(notebook + ":"), let place = Self.lineAndColumn(text.dropFirst(notebook.count + 1)) {
            self = place
            return
        }
        guard let open = text.range(of: "(" + notebook + ":") else { return nil }
        let rest = text[open.upperBound...]
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard let line = Int(digits), rest.dropFirst(digits.count).hasPrefix(")") else { return nil }
        self.init(line: line, column: nil)
    }

    init(line: Int, column: Int?) {
        self.line = line
        self.column = column
    }

    /// `LINE: …` or `LINE:COL: …`.
    private static func lineAndColumn(_ text: Substring) -> Place? {
        let lineDigits = text.prefix(while: { $0.isASCII && $0.isNumber })
        guard let line = Int(lineDigits) else { return nil }
        let rest = text.dropFirst(lineDigits.count)
        if rest.hasPrefix(": ") { return Place(line: line, column: nil) }
        guard rest.hasPrefix(":") else { return nil }
        let columnDigits = rest.dropFirst().prefix(while: { $0.isASCII && $0.isNumber })
        guard let column = Int(columnDigits), rest.dropFirst(1 + columnDigits.count).hasPrefix(": ") else {
            return nil
        }
        return Place(line: line, column: column)
    }
}
