/// One replayed torch recording, for the agreement page. Report knows
/// nothing of trajectory files: the caller (optnb replay) fills these in.
public struct AgreementRow: Sendable, Equatable {
    /// The torch class the file exercises (`"Adam"`, `"StepLR"`): one table each.
    /// Nil for a file that could not be read; those get a table of their own.
    public var group: String?
    /// The file's name, e.g. `adam-0-float32.json`.
    public var file: String
    /// The tensors' dtype (`"float32"`); nil for a schedule file or an unreadable one.
    public var dtype: String?
    /// Steps the file records.
    public var steps: Int?
    /// The file's relative tolerance; nil when it gives none.
    public var rtol: Double?
    /// The file's absolute tolerance; nil when it gives none.
    public var atol: Double?
    /// The worst `|a − e|` and the share of `atol + rtol·|e|` it used; nil
    /// when no number was compared.
    public var worstError: Double?
    /// The worst number's `|a − e| / (atol + rtol·|e|)`: above 1 fails.
    public var worstRatio: Double?
    /// Where the worst number is, e.g. `steps[3] p0[5]`.
    public var location: String?
    /// Whether the replay agreed with torch.
    public var passed: Bool
    /// Why it failed, or how it passed (a refusal torch made too).
    public var note: String?
    /// The file's `source`, e.g. `torch 2.15.0+cu132 (CPU, foreach=False)`.
    public var source: String?

    /// A row with every column as given.
    public init(group: String?, file: String, dtype: String?, steps: Int?, rtol: Double?, atol: Double?,
                worstError: Double?, worstRatio: Double?, location: String?, passed: Bool, note: String?,
                source: String?) {
        self.group = group; self.file = file; self.dtype = dtype; self.steps = steps; self.rtol = rtol
        self.atol = atol; self.worstError = worstError; self.worstRatio = worstRatio; self.location = location
        self.passed = passed; self.note = note; self.source = source
    }
}

/// The title of the agreement page.
public let agreementTitle = "Agreement with torch.optim"

/// A page showing that optnb's numbers match torch's: a summary, then one
/// table per torch class (sorted by name; unreadable files last), rows
/// sorted by file name, failed rows marked. Same guarantees as
/// `renderIndex` (self-contained, no script, deterministic). The footer
/// lists the torch versions the files name (each `source` up to its first
/// " (") and the generation note.
public func renderAgreementPage(_ rows: [AgreementRow], options: ReportOptions) -> String {
    renderPage(title: agreementTitle, options: options, header: { h in
        h.open("header", [("class", "page-header")]); h.newline()
        writeSiteLinks(options, into: &h)
        h.element("h1", text: agreementTitle); h.newline()
        let failed = rows.filter { !$0.passed }.count
        h.element("p", [("class", "summary " + (failed == 0 ? "status-ok" : "status-failed"))],
                  text: agreementSummary(rows)); h.newline()
        h.close("header"); h.newline()
    }, main: { h in writeAgreementTables(rows, into: &h) },
    footer: { h in writeAgreementFooter(rows, options, into: &h) })
}

/// What the files are, then one table per torch class.
private func writeAgreementTables(_ rows: [AgreementRow], into h: inout HTMLWriter) {
    h.element("p", text: """
        Each file is a run recorded from real torch.optim: the initial parameters, the gradients of \
        every step and every number torch produced. Replay feeds the same gradients to optnb's \
        optimizer or scheduler of the same name and compares every number it produces with torch's: \
        a number passes when |a − e| ≤ atol + rtol·|e|, with the file's own tolerance. "Share of \
        tolerance" is the worst |a − e| divided by what was allowed there (above 1 fails); a file \
        recording options torch refused passes when optnb refuses them too.
        """); h.newline()
    let groups = Dictionary(grouping: rows, by: \.group)
    let names = groups.keys.sorted { a, b in
        switch (a, b) {
        case let (a?, b?): a < b
        case (_?, nil): true
        default: false
        }
    }
    var ids: Set<String> = []
    for name in names {
        var id = "t-" + String((name ?? "unreadable").map { $0.isLetter || $0.isNumber ? $0 : "-" })
        while !ids.insert(id).inserted { id += "-" }
        h.element("h2", [("id", id)], text: name ?? "Unreadable files"); h.newline()
        writeAgreementTable(groups[name, default: []].sorted { $0.file < $1.file }, into: &h)
    }
}

/// `"108 passed, 2 failed · worst share of tolerance 0.52 (adam-0.json, steps[3] p0[1])"`.
public func agreementSummary(_ rows: [AgreementRow]) -> String {
    let failed = rows.filter { !$0.passed }.count
    var text = "\(rows.count - failed) passed, \(failed) failed"
    let worst = rows.filter { $0.worstRatio != nil }.max {
        // Ties go to the first file by name.
        ($0.worstRatio!, $1.file) < ($1.worstRatio!, $0.file)
    }
    if let worst, let ratio = worst.worstRatio {
        text += ratio == 0
            ? " · every compared number exact"
            : " · worst share of tolerance \(shareOfTolerance(ratio)) (\(worst.file), \(worst.location ?? "?"))"
    }
    return text
}

/// A ratio as the page shows it: "exact" for 0, else 3 significant digits.
func shareOfTolerance(_ ratio: Double) -> String {
    ratio == 0 ? "exact" : formatNumber(ratio, significantDigits: 3)
}

/// What a reader looks for first comes first, so a narrow screen shows the
/// verdict and the margin before it has to scroll.
let agreementColumns = [
    "file", "status", "share of tolerance", "worst |a − e|", "where", "dtype", "steps", "rtol", "atol",
]

/// A table like `writeTable`'s, but each row says whether it passed:
/// a failed row has class `failed` and its status cell `status-failed`.
func writeAgreementTable(_ rows: [AgreementRow], into h: inout HTMLWriter) {
    let numeric: Set = [2, 3, 6, 7, 8]
    let headers = agreementColumns.enumerated().map { c, column in
        (column, headerClass(numeric.contains(c) ? "num" : "text", column))
    }
    writeTableFrame(tableClass: "data agreement", caption: "", headers: headers, into: &h, rows: { h in
        h.newline()
        for row in rows {
            writeAgreementRow(row, into: &h)
            h.newline()
        }
    })
}

/// One `<tr>`; an absent number is "—", an absent text empty. A note (why
/// a file failed, or the refusal torch recorded) follows in a row of its
/// own across the table, so a long one does not stretch the columns.
func writeAgreementRow(_ row: AgreementRow, into h: inout HTMLWriter) {
    func number(_ x: Double?, digits: Int = 6) {
        guard let x else { return h.element("td", [("class", "num")], text: "—") }
        h.element("td", [("class", cellClass(.number(x), volatile: false))],
                  text: formatNumber(x, significantDigits: digits))
    }
    func text(_ s: String?) { h.element("td", [("class", "text")], text: s ?? "") }
    h.open("tr", [("class", row.passed ? nil : "failed")])
    text(row.file)
    h.element("td", [("class", "text status " + (row.passed ? "status-ok" : "status-failed"))],
              text: row.passed ? "passed" : "failed")
    if let ratio = row.worstRatio {
        h.element("td", [("class", cellClass(.number(ratio), volatile: false) + (ratio > 1 ? " over" : ""))],
                  text: shareOfTolerance(ratio))
    } else {
        number(nil)
    }
    number(row.worstError, digits: 3)
    text(row.location)
    text(row.dtype)
    number(row.steps.map(Double.init))
    number(row.rtol)
    number(row.atol)
    h.close("tr")
    if let note = row.note, !note.isEmpty {
        h.newline()
        h.open("tr", [("class", row.passed ? "note" : "note failed")])
        h.element("td", [("class", "text long"), ("colspan", "\(agreementColumns.count)")], text: note)
        h.close("tr")
    }
}

/// The torch versions the files were recorded with, then the generation note.
func writeAgreementFooter(_ rows: [AgreementRow], _ options: ReportOptions, into h: inout HTMLWriter) {
    let versions = Set(rows.compactMap { row in
        row.source.map { s in String(s.split(separator: " (", maxSplits: 1, omittingEmptySubsequences: false)[0]) }
    }).filter { !$0.isEmpty }.sorted()
    let note = options.generationNote.flatMap { $0.isEmpty ? nil : $0 }
    guard note != nil || !versions.isEmpty else { return }
    h.open("footer", [("class", "generation")]); h.newline()
    if !versions.isEmpty {
        h.element("p", text: "Recorded with " + versions.joined(separator: ", ") + "."); h.newline()
    }
    if let note { h.element("p", text: note); h.newline() }
    h.close("footer"); h.newline()
}
