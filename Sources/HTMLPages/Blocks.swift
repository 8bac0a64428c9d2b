import Notebook
import Outcome
import Records

/// Experiment cells: the code (unless `echo=false`), a status mark, and what
/// the block produced, in the order the program reported it.

/// How a cell is marked. `label` is shown; `cssClass` styles the cell.
private struct CellState {
    var cssClass: String
    var label: String?
    var error: (title: String, body: String)?
}

private func state(of e: ExperimentBlock, _ outcome: BlockOutcome?, evaluated: Bool) -> CellState {
    if !e.eval { return CellState(cssClass: "cell-not-run", label: "not evaluated (eval=false)") }
    guard evaluated else { return CellState(cssClass: "cell-not-run", label: "not evaluated") }
    guard let outcome else { return CellState(cssClass: "cell-not-run", label: "not run") }
    switch outcome.status {
    case .ok:
        let failed = outcome.records.filter { if case .expectation(let x) = $0 { !x.passed } else { false } }.count
        return failed == 0 ? CellState(cssClass: "cell-ok")
            : CellState(cssClass: "cell-expectation-failed",
                        label: "✗ \(failed) expectation\(failed == 1 ? "" : "s") failed")
    case .notRun:
        return CellState(cssClass: "cell-not-run", label: "not run (an earlier block failed)")
    case .failed(let failure):
        let label = outcome.crashLine.map { "failed at line \($0)" } ?? "failed"
        return CellState(cssClass: "cell-error", label: label, error: ("Failed", failure.text))
    case .timedOut(let seconds):
        return CellState(cssClass: "cell-error", label: "timed out",
                         error: ("Timed out", "The time limit of \(formatNumber(seconds)) s ran out while this block ran."))
    case .compileError(let errors):
        return CellState(cssClass: "cell-error", label: "compile error",
                         error: ("Compile error", errors.map(\.text).joined(separator: "\n")))
    }
}

func writeExperiment(_ e: ExperimentBlock, _ ctx: RenderContext, into h: inout HTMLWriter) {
    let outcome = ctx.outcome(for: e)
    let s = state(of: e, outcome, evaluated: ctx.outcome != nil)
    // Heading anchors are slugs without ":", so this prefix cannot collide with them.
    let cellID = "cell:" + slug(e.id)
    h.open("section", [("class", "cell " + s.cssClass), ("id", cellID), ("aria-label", "Experiment block \(e.id)")])
    h.newline()
    h.open("div", [("class", "cell-label")])
    h.element("a", [("href", "#" + cellID)], text: e.id)
    h.text(" · line \(e.fenceLine)")
    if let label = s.label {
        h.literal(" ")
        h.element("span", [("class", "mark")], text: label)
    }
    h.close("div"); h.newline()
    if e.echo {
        writeExperimentListing(e, marks: codeMarks(for: e, outcome, notebook: ctx.notebook), ctx, into: &h)
        h.newline()
    }
    // Right under the code they are about, before what it printed.
    if let outcome { writeCompilerWarnings(outcome.compilerWarnings, into: &h) }

    if let outcome {
        if !outcome.stdout.isEmpty {
            h.element("pre", [("class", "stdout"), ("aria-label", "standard output")], text: outcome.stdout)
            h.newline()
        }
        if !outcome.stderr.isEmpty {
            h.element("pre", [("class", "stderr"), ("aria-label", "standard error")], text: outcome.stderr)
            h.newline()
        }
        writeRecords(outcome.records, cellID: cellID, ctx, into: &h)
    }
    if let error = s.error {
        h.open("div", [("class", "error-box"), ("role", "alert")])
        h.element("strong", text: "✗ " + error.title)
        h.element("pre", text: error.body)
        h.close("div"); h.newline()
    }
    h.close("section")
}

/// swiftc's warnings as it wrote them (the excerpt and caret need their
/// columns), in the quiet warning style: they never fail a block.
private func writeCompilerWarnings(_ warnings: [Diagnostic], into h: inout HTMLWriter) {
    guard !warnings.isEmpty else { return }
    let title = warnings.count == 1 ? "⚠ compiler warning" : "⚠ \(warnings.count) compiler warnings"
    h.open("div", [("class", "warning compiler-warnings"), ("role", "note")])
    h.element("span", [("class", "badge")], text: title)
    for warning in warnings { h.element("pre", text: warning.text) }
    h.close("div"); h.newline()
}

/// Records in program order; consecutive scalars share one table,
/// consecutive expectations one list, and consecutive heatmaps one
/// `figure-row` (side by side where the window is wide enough: two grids
/// over the same axes are read against each other).
private func writeRecords(_ records: [Record], cellID: String, _ ctx: RenderContext, into h: inout HTMLWriter) {
    var scalars: [ScalarValue] = []
    var expectations: [Expectation] = []
    var figure = 0, table = 0
    var inRow = false
    func flush() {
        if !scalars.isEmpty { writeScalars(scalars, into: &h); scalars = [] }
        if !expectations.isEmpty { writeExpectations(expectations, into: &h); expectations = [] }
    }
    func isHeatmap(_ k: Int) -> Bool {
        guard k < records.count, case .sweepPlot(let p) = records[k] else { return false }
        return p.kind == .heatmap
    }
    for (k, record) in records.enumerated() {
        if case .scalar(let s) = record {
            if !expectations.isEmpty { flush() }
            scalars.append(s); continue
        }
        if case .expectation(let x) = record {
            if !scalars.isEmpty { flush() }
            expectations.append(x); continue
        }
        flush()
        switch record {
        case .table(let t):
            table += 1
            let id = "\(cellID)-tbl\(table)"
            writeTable(t, id: id, number: numberedCaption(id, kind: "Table", ctx), into: &h)
        case .plot(let p):
            figure += 1
            let id = "\(cellID)-fig\(figure)"
            let number = numberedCaption(id, kind: "Figure", ctx)
            let caption = [number, p.title.isEmpty ? nil : p.title].compactMap { $0 }.joined(separator: ": ")
            writePlotFigure(p, id: id, caption: caption.isEmpty ? nil : caption, into: &h)
        case .comparison(let c):
            figure += 1
            let id = "\(cellID)-fig\(figure)"
            writeComparison(c, id: id, number: numberedCaption(id, kind: "Figure", ctx), into: &h)
        case .sweep(let t): writeSweepTable(t, into: &h)
        case .sweepPlot(let p):
            figure += 1
            if !inRow && isHeatmap(k) && isHeatmap(k + 1) {
                h.open("div", [("class", "figure-row")]); inRow = true
            }
            writeSweepFigure(p, id: "\(cellID)-fig\(figure)", into: &h)
            if inRow && !isHeatmap(k + 1) { h.close("div"); h.newline(); inRow = false }
        case .blockStart, .blockEnd, .scalar, .expectation, .warning: break
        }
    }
    flush()
}

/// ✓/✗, the claim, the measured detail, and the notebook line.
private func writeExpectations(_ list: [Expectation], into h: inout HTMLWriter) {
    h.open("ul", [("class", "expectations")])
    for x in list {
        h.open("li", [("class", x.passed ? "pass" : "fail")])
        h.element("span", [("class", "verdict"), ("aria-label", x.passed ? "passed" : "failed")],
                  text: x.passed ? "✓" : "✗")
        h.literal(" ")
        h.element("span", [("class", "claim")], text: x.message)
        if !x.detail.isEmpty {
            h.literal(" ")
            h.element("span", [("class", "detail")], text: x.detail)
        }
        if let line = x.source?.line {
            h.literal(" ")
            h.element("span", [("class", "where")], text: "line \(line)")
        }
        h.close("li"); h.newline()
    }
    h.close("ul"); h.newline()
}
