import Outcome

/// The GitHub Actions printer of `Diagnostic`: a workflow command that
/// marks the notebook line in CI. Render problems, compiler warnings and
/// drift (`Drift.diagnostic`) all go through it.
///
/// A diagnostic placed in `notebook` gets its line and column; anything else
/// (a linker error, a message about optnb's framing) is an annotation on the
/// notebook file alone. The message is the terminal text (`Diagnostic.text`:
/// excerpt and notes included); the level is the severity (`note` is shown
/// as `notice`).
public func githubAnnotation(_ d: Diagnostic, notebook: String, title: String) -> String {
    var properties = "file=\(escapeProperty(notebook))"
    if d.file == notebook, let line = d.line {
        properties += ",line=\(line)"
        if let column = d.column { properties += ",col=\(column)" }
    }
    let level = d.severity == .note ? "notice" : d.severity.rawValue
    return "::\(level) \(properties),title=\(escapeProperty(title))::\(escapeData(d.text))"
}
