import Outcome

/// How `optnb check` prints drift.
public enum DriftFormat: String, CaseIterable, Sendable {
    /// An aligned table for people.
    case text
    /// GitHub Actions workflow commands, so CI marks the notebook's line.
    case github
    /// JUnit XML on standard output (see `junitXML`); the table goes to
    /// standard error for the log.
    case junit
}

/// Formats drift for one notebook. `notebook` is its path (for `github`).
public func formatDrift(_ drifts: [Drift], notebook: String, format: DriftFormat) -> String {
    switch format {
    case .text, .junit: return driftTable(drifts)
    case .github:
        return drifts.map { githubAnnotation($0.diagnostic(notebook: notebook), notebook: notebook, title: "optnb check") }
            .joined(separator: "\n")
    }
}

extension Drift {
    /// The drift as a diagnostic at the line that reported the value, for
    /// the same printers as every other problem.
    public func diagnostic(notebook: String) -> Diagnostic {
        Diagnostic(file: notebook, line: line, severity: .error, message: "\(key): \(sentence(self))")
    }
}

/// A sentence for one drift, e.g. `changed at [12]: 0.5 → 0.50001 (rel 2e-05)`.
public func sentence(_ d: Drift) -> String {
    switch d.kind {
    case .missing: return "missing from the new render (baseline \(num(d.baseline)))"
    case .new: return "new, not in the baseline (now \(num(d.now)))"
    case .changed:
        var s = "changed"
        if let i = d.index { s += " at [\(i)]" }
        s += ": \(num(d.baseline)) → \(num(d.now))"
        if let r = d.relativeDifference { s += " (rel \(num(r)))" }
        else if let a = d.absoluteDifference { s += " (abs \(num(a)))" }
        if let n = d.note { s += ", \(n)" }
        return s
    }
}

private func driftTable(_ drifts: [Drift]) -> String {
    let header = ["key", "kind", "baseline", "now", "abs diff", "rel diff"]
    let rows = drifts.map { d -> [String] in
        let key = d.key + (d.index.map { "[\($0)]" } ?? "")
        return [key, d.kind.rawValue + (d.note.map { " (\($0))" } ?? ""),
                num(d.baseline), num(d.now), num(d.absoluteDifference), num(d.relativeDifference)]
    }
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    return all.map { row in
        row.indices.map { c in
            let cell = row[c]
            let pad = String(repeating: " ", count: widths[c] - cell.count)
            return c < 2 ? cell + pad : pad + cell   // numbers right-aligned
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}

/// Shortest round-trip decimal: a baseline's exact number, not a rounded one.
private func num(_ x: Double?) -> String {
    guard let x else { return "—" }
    return "\(x)"
}

// GitHub's workflow-command escaping (toolkit's escapeData / escapeProperty).
func escapeData(_ s: String) -> String {
    s.replacingOccurrences(of: "%", with: "%25")
        .replacingOccurrences(of: "\r", with: "%0D")
        .replacingOccurrences(of: "\n", with: "%0A")
}

func escapeProperty(_ s: String) -> String {
    escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
}
