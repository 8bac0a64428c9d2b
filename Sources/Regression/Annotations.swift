/// A GitHub Actions workflow command for one render problem or compiler
/// warning, so CI marks the notebook line as it does for drift.
///
/// `text` is what `optnb render` prints: its first line starts with the
/// place, `FILE:LINE:COL: error: …`, `FILE:LINE: expectation failed: …` or
/// `FILE:LINE:COL: warning: …`; the rest (source excerpts, notes, stderr)
/// stays in the message. Text without a place becomes an annotation on no
/// file. `level` is `error` or `warning`.
public func githubAnnotation(_ text: String, level: AnnotationLevel, title: String) -> String {
    let firstLine = text.prefix { $0 != "\n" }
    var properties = ""
    if let place = Place(firstLine) {
        properties = "file=\(escapeProperty(place.file)),line=\(place.line)"
        if let column = place.column { properties += ",col=\(column)" }
        properties += ","
    }
    return "::\(level.rawValue) \(properties)title=\(escapeProperty(title))::\(escapeData(text))"
}

/// The severity of a workflow command.
public enum AnnotationLevel: String, Sendable {
    case error, warning
}

/// `FILE:LINE[:COL]: ` at the start of a line. The file is everything before
/// the first `:LINE` that is followed by `: ` or `:COL: `, so a path may hold
/// colons as long as none is followed by digits and a colon.
struct Place: Equatable {
    let file: String
    let line: Int
    let column: Int?

    init?(_ text: Substring) {
        var search = text.startIndex
        while let colon = text[search...].firstIndex(of: ":") {
            let afterColon = text.index(after: colon)
            let digits = text[afterColon...].prefix(while: \.isASCII).prefix(while: \.isNumber)
            if !digits.isEmpty, colon > text.startIndex, let line = Int(digits) {
                let rest = text[digits.endIndex...]
                if rest.hasPrefix(": ") {
                    self.init(file: String(text[..<colon]), line: line, column: nil)
                    return
                }
                if rest.hasPrefix(":") {
                    let columnDigits = rest.dropFirst().prefix(while: \.isASCII).prefix(while: \.isNumber)
                    if let column = Int(columnDigits), rest.dropFirst(1 + columnDigits.count).hasPrefix(": ") {
                        self.init(file: String(text[..<colon]), line: line, column: column)
                        return
                    }
                }
            }
            search = afterColon
        }
        return nil
    }

    init(file: String, line: Int, column: Int?) {
        self.file = file
        self.line = line
        self.column = column
    }
}
