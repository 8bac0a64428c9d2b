import Reporting

/// Figures and tables from a finished sweep. Each aggregates over the
/// `over` axis (the seeds: median and a band) and draws one line (or grid)
/// per combination of the axes that are neither aggregated, on the x axis,
/// nor fixed by `where`. Diverged runs (NaN, ±∞) count as worse than every
/// finite run and are drawn as diverged, never dropped; so do runs whose
/// value is above `divergedAbove` (a loss of 10³⁰⁰ has diverged in all but
/// name, and would squash every other value into one pixel row).
extension SweepResult {
    /// The curves (per step) of each configuration: median and band over
    /// `over` at every step, one line per remaining setting.
    public func bandPlot(_ name: String, title: String, over: String = "seed",
                         where fixed: [String: SweepKey] = [:], band: Band = .minMax,
                         xLabel: String = "step", yLabel: String = "loss", yScale: AxisScale = .log,
                         divergedAbove: Double = .infinity,
                         file: String = #filePath, line: Int = #line) {
        let overAxis = axisIndex(over)
        let c = constraints(fixed)
        let free = axes.indices.filter { $0 != overAxis && c[$0] == nil }
        var lines: [BandLine] = []
        for setting in settings(excluding: [overAxis], fixed: c) {
            let runs = points(matching: setting).map { p -> [Double] in
                guard let curve = curves[p.index] else {
                    preconditionFailure("sweep '\(self.name)': bandPlot needs curves; point \(p.description) returned none")
                }
                return curve
            }
            let steps = runs.first?.count ?? 0
            let stats = (0..<steps).map { k in Self.stats(runs.map { $0[k] }, band, divergedAbove: divergedAbove) }
            lines.append(BandLine(label: label(setting, free: free), x: (0..<steps).map(Double.init),
                                  median: stats.map(\.median), lower: stats.map(\.lower),
                                  upper: stats.map(\.upper), diverged: stats.map(\.diverged), runs: runs.count))
        }
        _optnbSend(.sweepPlot(SweepPlot(
            name: name, title: title, kind: .band, xLabel: xLabel, yLabel: yLabel, yScale: yScale,
            bandLabel: band.legend(runs: axes[overAxis].count, over: over), lines: lines,
            source: SourceLine(file: file, line: line))))
    }

    /// `metric` against the hyperparameter on axis `x` (a log axis by
    /// default): median and band over `over`, one line per remaining
    /// setting (per optimizer). Where a run diverged the line goes on to
    /// the plot's "diverged" row instead of breaking.
    public func sensitivityPlot(_ name: String, title: String, metric: String, x: String,
                                over: String? = "seed", where fixed: [String: SweepKey] = [:],
                                band: Band = .minMax, xScale: AxisScale = .log, yScale: AxisScale = .log,
                                divergedAbove: Double = .infinity,
                                file: String = #filePath, line: Int = #line) {
        let xAxis = axisIndex(x), m = metricIndex(metric)
        guard let xs = axes[xAxis].numbers else {
            preconditionFailure("sweep '\(self.name)': sensitivityPlot needs a numeric x axis; '\(x)' holds labels")
        }
        let overAxis = over.map(axisIndex)
        let c = constraints(fixed)
        let excluded = [xAxis] + (overAxis.map { [$0] } ?? [])
        let free = axes.indices.filter { !excluded.contains($0) && c[$0] == nil }
        var lines: [BandLine] = []
        for setting in settings(excluding: excluded, fixed: c) {
            let stats = xs.indices.map { k in
                Self.stats(points(matching: setting.merging([xAxis: k]) { $1 }).map { values[$0.index][m] }, band,
                           divergedAbove: divergedAbove)
            }
            lines.append(BandLine(label: free.isEmpty ? metric : label(setting, free: free), x: xs,
                                  median: stats.map(\.median), lower: stats.map(\.lower),
                                  upper: stats.map(\.upper), diverged: stats.map(\.diverged),
                                  runs: overAxis.map { axes[$0].count } ?? 1))
        }
        let runs = overAxis.map { axes[$0].count } ?? 1
        _optnbSend(.sweepPlot(SweepPlot(
            name: name, title: title, kind: .sensitivity, xLabel: x, yLabel: metric,
            xScale: xScale, yScale: yScale,
            bandLabel: overAxis.map { band.legend(runs: runs, over: axes[$0].name) } ?? "one run per point",
            lines: lines, source: SourceLine(file: file, line: line))))
    }

    /// The median over `over` of `metric` on the grid of axes `x` (columns)
    /// and `y` (rows), the other axes fixed by `where`; each cell's value
    /// in its tooltip, the best (lowest) cell marked.
    public func heatmap(_ name: String, title: String, metric: String, x: String, y: String,
                        over: String? = "seed", where fixed: [String: SweepKey] = [:],
                        colorScale: AxisScale = .log, divergedAbove: Double = .infinity,
                        file: String = #filePath, line: Int = #line) {
        let xAxis = axisIndex(x), yAxis = axisIndex(y), m = metricIndex(metric)
        let c = constraints(fixed)
        let overAxis = over.map(axisIndex)
        let covered = Set([xAxis, yAxis] + (overAxis.map { [$0] } ?? []) + Array(c.keys))
        let loose = axes.indices.filter { !covered.contains($0) }
        precondition(loose.isEmpty, "sweep '\(self.name)': heatmap '\(name)' must fix axis \(loose.map { "'\(axes[$0].name)'" }.joined(separator: ", ")) with where:")
        let grid = (0..<axes[yAxis].count).map { r in
            (0..<axes[xAxis].count).map { k in
                OrderStatistics.median(points(matching: c.merging([xAxis: k, yAxis: r]) { $1 }).map { values[$0.index][m] },
                                       divergedAbove: divergedAbove)
            }
        }
        let fixedText = c.keys.sorted().map { "\(axes[$0].name)=\(axes[$0].labels[c[$0]!])" }.joined(separator: ", ")
        _optnbSend(.sweepPlot(SweepPlot(
            name: name, title: title, kind: .heatmap, xLabel: x, yLabel: y,
            bandLabel: (overAxis.map { "median \(metric) over \(axes[$0].count) \(axes[$0].name)s" } ?? metric)
                + (fixedText.isEmpty ? "" : " (\(fixedText))"),
            heatmap: HeatmapGrid(columns: axes[xAxis].labels, rows: axes[yAxis].labels, values: grid,
                                 colorScale: colorScale, lowerIsBetter: true),
            source: SourceLine(file: file, line: line))))
    }

    /// A table with one row per value of axis `by` (per optimizer): the best
    /// setting of the other free axes (lowest median of `metric` over
    /// `over`), that median, the band's edges there, and how many runs
    /// there diverged.
    public func summaryTable(_ name: String, metric: String, by: String, over: String = "seed",
                             where fixed: [String: SweepKey] = [:], band: Band = .minMax,
                             divergedAbove: Double = .infinity,
                             file: String = #filePath, line: Int = #line) {
        let byAxis = axisIndex(by), overAxis = axisIndex(over), m = metricIndex(metric)
        let c = constraints(fixed)
        let free = axes.indices.filter { $0 != byAxis && $0 != overAxis && c[$0] == nil }
        let (lo, hi) = band == .minMax ? ("min", "max") : ("25th percentile", "75th percentile")
        var rows: [[Cell]] = []
        for k in 0..<axes[byAxis].count {
            var best: (setting: [Int: Int], stats: Stats)?
            for setting in settings(excluding: [byAxis, overAxis], fixed: c.merging([byAxis: k]) { $1 }) {
                let s = Self.stats(points(matching: setting).map { values[$0.index][m] }, band, divergedAbove: divergedAbove)
                if best == nil || s.median < best!.stats.median { best = (setting, s) }
            }
            guard let best else { continue }
            let where_ = free.isEmpty ? "—" : free.map { "\(axes[$0].name)=\(axes[$0].labels[best.setting[$0]!])" }
                .joined(separator: ", ")
            rows.append([.text(axes[byAxis].labels[k]), .text(where_), .number(best.stats.median),
                         .number(best.stats.lower), .number(best.stats.upper),
                         .number(Double(best.stats.diverged))])
        }
        _optnbSend(.table(Table(
            name: name,
            columns: [by, "best setting", "median \(metric)", lo, hi, "diverged of \(axes[overAxis].count)"],
            rows: rows, source: SourceLine(file: file, line: line))))
    }

    struct Stats { var median, lower, upper: Double; var diverged: Int }

    static func stats(_ runs: [Double], _ band: Band, divergedAbove limit: Double = .infinity) -> Stats {
        let sorted = OrderStatistics.sorted(runs, divergedAbove: limit)
        let (a, b) = band.quantiles
        return Stats(median: OrderStatistics.quantile(sorted, 0.5), lower: OrderStatistics.quantile(sorted, a),
                     upper: OrderStatistics.quantile(sorted, b),
                     diverged: runs.filter { OrderStatistics.isDiverged($0, limit) }.count)
    }
}
