import Outcome
import Records

extension ResultsFile {
    /// Collects every number a notebook's outcome shows under stable keys:
    ///
    /// - scalar: `block/name`
    /// - table cell: `block/table/row/column`, where `row` is the row's first
    ///   text cell (or its 1-based number when it has none)
    /// - plot series: `block/plot/label` (the whole series)
    /// - sweep: `block/sweep/metric/axis=value, axis=value` for every point;
    ///   a sweep figure's lines (`…/label median`, `lower`, `upper`) and a
    ///   heatmap's cells (`block/plot/y=row, x=column`); see `Flatten+Sweep`
    /// - comparison: `block/name/library loss`, `…/manual loss`,
    ///   `…/max |Δθ|` (series) and `…/library s per step`,
    ///   `…/manual s per step` (volatile)
    ///
    /// A repeated key gets `#2`, `#3`, … so nothing is silently overwritten.
    public init(notebook: String, environment: [String: String], outcome: NotebookOutcome) {
        var values: [String: ResultValue] = [:]
        func put(_ key: String, _ value: ResultValue) {
            var k = key, n = 2
            while values[k] != nil { k = "\(key)#\(n)"; n += 1 }
            values[k] = value
        }
        for block in outcome.blocks {
            for record in block.records {
                Self.flatten(record, block: block.id) { key, value in
                    var value = value
                    value.block = block.id
                    put(key, value)
                }
            }
        }
        self.init(notebook: notebook, environment: environment, values: values)
    }

    private static func flatten(_ record: Record, block: String,
                                into put: (String, ResultValue) -> Void) {
        switch record {
        case .scalar(let s):
            put("\(block)/\(s.name)", ResultValue(.number(s.value), volatile: s.volatile, line: s.source?.line))
        case .table(let t):
            for (r, row) in t.rows.enumerated() {
                let label = row.lazy.compactMap { if case .text(let s) = $0 { s } else { nil } }.first
                    ?? "\(r + 1)"
                for (c, cell) in row.enumerated() where c < t.columns.count {
                    guard case .number(let v) = cell else { continue }
                    let column = t.columns[c]
                    put("\(block)/\(t.name)/\(label)/\(column)",
                        ResultValue(.number(v), volatile: t.volatileColumns.contains(column),
                                    line: t.source?.line))
                }
            }
        case .plot(let p):
            for s in p.series {
                put("\(block)/\(p.name)/\(s.label)", ResultValue(.series(s.y), line: p.source?.line))
                if let x = s.x, p.kind == .trajectory {
                    put("\(block)/\(p.name)/\(s.label) x", ResultValue(.series(x), line: p.source?.line))
                }
            }
        case .comparison(let c):
            let line = c.source?.line
            let base = "\(block)/\(c.name)"
            put("\(base)/library loss", ResultValue(.series(c.libraryLoss), line: line))
            put("\(base)/manual loss", ResultValue(.series(c.manualLoss), line: line))
            put("\(base)/max |Δθ|", ResultValue(.series(c.maxAbsDifference), line: line))
            put("\(base)/library s per step",
                ResultValue(.number(c.librarySecondsPerStep), volatile: true, line: line))
            put("\(base)/manual s per step",
                ResultValue(.number(c.manualSecondsPerStep), volatile: true, line: line))
        case .sweep(let t):
            flattenSweep(t, block: block, into: put)
        case .sweepPlot(let p):
            flattenSweepPlot(p, block: block, into: put)
        case .expectation, .blockStart, .blockEnd, .warning:
            break
        }
    }
}
