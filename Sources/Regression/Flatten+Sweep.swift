import Records

/// Every number of a sweep under its own key, so `optnb check` compares
/// each point's metrics (NaN and ±∞ included: a point that diverged must
/// diverge again, see `Tolerance.accepts`) with the block's tolerances.
extension ResultsFile {
    static func flattenSweep(_ t: SweepTable, block: String, into put: (String, ResultValue) -> Void) {
        for p in t.values.indices {
            let point = t.describe(point: p)
            for (m, metric) in t.metrics.enumerated() where m < t.values[p].count {
                put("\(block)/\(t.name)/\(metric)/\(point)",
                    ResultValue(.number(t.values[p][m]), line: t.source?.line))
            }
        }
    }

    static func flattenSweepPlot(_ p: SweepPlot, block: String, into put: (String, ResultValue) -> Void) {
        let line = p.source?.line
        for l in p.lines {
            put("\(block)/\(p.name)/\(l.label) median", ResultValue(.series(l.median), line: line))
            put("\(block)/\(p.name)/\(l.label) lower", ResultValue(.series(l.lower), line: line))
            put("\(block)/\(p.name)/\(l.label) upper", ResultValue(.series(l.upper), line: line))
        }
        if let grid = p.heatmap {
            for (r, row) in grid.values.enumerated() where r < grid.rows.count {
                for (c, v) in row.enumerated() where c < grid.columns.count {
                    put("\(block)/\(p.name)/\(p.axes.yLabel)=\(grid.rows[r]), \(p.axes.xLabel)=\(grid.columns[c])",
                        ResultValue(.number(v), line: line))
                }
            }
        }
    }
}
