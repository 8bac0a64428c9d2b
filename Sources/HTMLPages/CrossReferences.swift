import Notebook
import Outcome
import Records

/// Numbers for figures, tables and equations, and the labels prose refers
/// to them by (`@fig-NAME`, `@tbl-NAME`, `@eq-NAME`).
///
/// - Figures are the plots and comparisons the blocks record, numbered in
///   notebook order; `fig-NAME` is the record's name (slugged), e.g.
///   `plot("bias-correction-loss", …)` is `@fig-bias-correction-loss`.
/// - Tables are the recorded tables; `tbl-NAME` is the table's name slugged
///   (`table("learning-rate grid", …)` is `@tbl-learning-rate-grid`).
/// - Equations are the display formulas with `\label{eq-NAME}` or a
///   `\tag{…}`; labelled ones are numbered (1), (2), … in order, a tag
///   shows its own text.
struct CrossReferences {
    struct Target: Equatable {
        var kind: String
        var number: String
        var anchor: String
    }

    private(set) var targets: [String: Target] = [:]
    /// Figure and table numbers by the element id the page gives them.
    private(set) var numbers: [String: Int] = [:]
    /// Equation number and anchor by the formula's position.
    private(set) var equations: [SourcePosition: (number: String, anchor: String?)] = [:]
    /// Labels given twice, with where (equations only: figure and table
    /// names may repeat across blocks, the first one keeps the label).
    private(set) var duplicates: [(label: String, position: SourcePosition)] = []
    /// `\label`s that do not start with `eq-`, or sit in inline math.
    private(set) var badLabels: [(label: String, position: SourcePosition, display: Bool)] = []

    init(_ document: Document, outcome: NotebookOutcome?, blockOutcome: (ExperimentBlock) -> BlockOutcome?) {
        var equationCount = 0, figureCount = 0, tableCount = 0
        forEachInline(document.blocks, experiment: { e in
            guard let records = blockOutcome(e)?.records else { return }
            let cellID = "cell:" + slug(e.id)
            var figure = 0, table = 0
            for record in records {
                switch record {
                case .plot(let p):
                    figure += 1; figureCount += 1
                    self.add(figure: "fig-" + slug(p.name), id: "\(cellID)-fig\(figure)", number: figureCount)
                case .comparison(let c):
                    figure += 1; figureCount += 1
                    self.add(figure: "fig-" + slug(c.name), id: "\(cellID)-fig\(figure)", number: figureCount)
                case .table(let t):
                    table += 1; tableCount += 1
                    let id = "\(cellID)-tbl\(table)"
                    self.numbers[id] = tableCount
                    let label = "tbl-" + slug(t.name)
                    if self.targets[label] == nil {
                        self.targets[label] = Target(kind: "Table", number: String(tableCount), anchor: id)
                    }
                default: break
                }
            }
        }, inline: { inline in
            guard case .math(let m) = inline, m.label != nil || m.tag != nil else { return }
            if let label = m.label, !label.hasPrefix("eq-") || !m.display {
                self.badLabels.append((label, m.position, m.display))
                return
            }
            let number: String
            if let tag = m.tag { number = tag } else { equationCount += 1; number = String(equationCount) }
            let anchor = m.label.map { "eq:" + slug($0) }
            self.equations[m.position] = (number, anchor)
            if let label = m.label, let anchor {
                if self.targets[label] != nil { self.duplicates.append((label, m.position)); return }
                self.targets[label] = Target(kind: "Equation", number: number, anchor: anchor)
            }
        })
    }

    private mutating func add(figure label: String, id: String, number: Int) {
        numbers[id] = number
        if targets[label] == nil { targets[label] = Target(kind: "Figure", number: String(number), anchor: id) }
    }
}

/// Every inline of the document (headings, paragraphs, table cells, inside
/// quotes, lists, emphasis and links) and every experiment, in order.
func forEachInline(_ blocks: [Block], experiment: (ExperimentBlock) -> Void, inline: (Inline) -> Void) {
    func visit(_ inlines: [Inline]) {
        for i in inlines {
            inline(i)
            switch i {
            case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c): visit(c)
            default: break
            }
        }
    }
    for block in blocks {
        switch block.kind {
        case .heading(_, let content, _), .paragraph(let content): visit(content)
        case .table(_, let header, let rows): header.forEach(visit); rows.forEach { $0.forEach(visit) }
        case .blockQuote(let inner): forEachInline(inner, experiment: experiment, inline: inline)
        case .list(_, _, _, let items): items.forEach { forEachInline($0, experiment: experiment, inline: inline) }
        case .experiment(let e): experiment(e)
        default: break
        }
    }
}

/// References to labels nothing defines, and labels defined twice, as
/// errors at the notebook's line. A figure or table reference is checked
/// only when every block ran (before that, its target may simply not exist
/// yet); equation references are always checked.
public func crossReferenceErrors(_ document: Document, outcome: NotebookOutcome?) -> [NotebookError] {
    let ctx = RenderContext(options: ReportOptions(), notebook: document.path, outcome: outcome, titleHeading: nil)
    let refs = CrossReferences(document, outcome: outcome, blockOutcome: ctx.outcome(for:))
    let evaluated = document.experiments.filter(\.eval)
    let allRan = outcome != nil && evaluated.allSatisfy { e in
        if case .ok? = ctx.outcome(for: e)?.status { true } else { false }
    }
    var errors = refs.duplicates.map {
        NotebookError(path: document.path, position: $0.position,
                      message: "equation label '\($0.label)' is already used; give each \\label its own name")
    }
    errors += refs.badLabels.map {
        NotebookError(path: document.path, position: $0.position, message: $0.display
            ? "equation label '\($0.label)' must start with 'eq-' (e.g. \\label{eq-\($0.label)}) so that @eq-… can refer to it"
            : "\\label '\($0.label)' in inline $…$ math; only display $$…$$ equations are numbered")
    }
    forEachInline(document.blocks, experiment: { _ in }, inline: { inline in
        guard case .reference(let label, let position) = inline, refs.targets[label] == nil else { return }
        if !label.hasPrefix("eq-") && !allRan { return }
        let known = refs.targets.keys.filter { $0.hasPrefix(label.prefix(while: { $0 != "-" })) }.sorted()
        errors.append(NotebookError(
            path: document.path, position: position,
            message: "reference @\(label) names no \(label.hasPrefix("eq-") ? "labelled equation" : label.hasPrefix("fig-") ? "figure" : "table")"
                + (known.isEmpty ? "" : "; known: " + known.map { "@" + $0 }.joined(separator: ", "))))
    })
    return errors
}
