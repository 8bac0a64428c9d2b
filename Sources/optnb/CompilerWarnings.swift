/// How `render` prints swiftc's warnings about a notebook's code on standard
/// error: never as a failure, unless `--warnings-as-errors` asks for one.

/// A warning as printed: swiftc's header `notebooks/x.md:LINE:COL: warning:
/// message`, followed by the rest of swiftc's text (source excerpt, caret,
/// fix-it, notes) when that is short: at most `maxLines` lines of at most
/// `maxWidth` characters. A longer text would bury the next line of output;
/// the report shows it whole.
func printedWarning(_ warning: String, maxLines: Int = 4, maxWidth: Int = 120) -> String {
    let lines = warning.split(separator: "\n", omittingEmptySubsequences: false)
    guard let header = lines.first else { return warning }
    let rest = lines.dropFirst()
    guard rest.count <= maxLines, rest.allSatisfy({ $0.count <= maxWidth }) else {
        return String(header)
    }
    return warning
}

/// A warning as a failure under `--warnings-as-errors`: its header says
/// `error:` (as `swiftc -warnings-as-errors` would) and why.
func warningAsError(_ warning: String) -> String {
    let printed = printedWarning(warning)
    let header = printed.prefix { $0 != "\n" }
    guard let tag = header.range(of: ": warning: ") else { return printed }
    let failed = header.replacingCharacters(in: tag, with: ": error: ") + " (--warnings-as-errors)"
    return failed + printed[header.endIndex...]
}
