// Notebook code sees the record types (`Series`, `Cell`, `AxisScale`, …)
// through this module, as it always has; they live in `Records` so the host
// can decode them without linking `Optimizers`.
@_exported import Records

/// The reporting API notebook code calls. Every function records one value
/// on the results channel (see `ResultsChannel`), tagged with the notebook
/// line it was called from: under optnb's `#sourceLocation`, the default
/// `#filePath`/`#line` arguments are the notebook's path and line.

/// Records a named number. Mark timings and other values that differ from
/// run to run `volatile: true`, so `optnb check` never compares them.
public func scalar(_ name: String, _ value: Double, volatile: Bool = false,
                   file: String = #filePath, line: Int = #line) {
    ResultsChannel.shared.send(.scalar(ScalarValue(
        name: name, value: value, volatile: volatile,
        source: SourceLine(file: file, line: line))))
}

/// Records a table. Every row should have `columns.count` cells;
/// `volatileColumns` names columns holding timings.
public func table(_ name: String, columns: [String], rows: [[Cell]],
                  volatileColumns: [String] = [],
                  file: String = #filePath, line: Int = #line) {
    ResultsChannel.shared.send(.table(Table(
        name: name, columns: columns, rows: rows, volatileColumns: volatileColumns,
        source: SourceLine(file: file, line: line))))
}

/// Records a table whose rows mix variables of different types:
/// `rows: [[name, loss, steps]]`.
///
/// Swift type-checks such existential rows slowly when they are built in
/// one expression with ternaries or closures (seconds per row expression):
/// give the closure its type (`{ i -> [any CellConvertible] in … }`) or build
/// `[Cell]` rows with `.text(…)` and `.number(…)` instead.
@_disfavoredOverload
public func table(_ name: String, columns: [String], rows: [[any CellConvertible]],
                  volatileColumns: [String] = [],
                  file: String = #filePath, line: Int = #line) {
    table(name, columns: columns, rows: rows.map { $0.map(\.cell) },
          volatileColumns: volatileColumns, file: file, line: line)
}

/// Records a line plot of one or more series against step number (or each
/// series' own `x`). Use `yScale: .log` for losses spanning decades. NaN
/// and ±inf values are recorded as they are, for the report to flag.
public func plot(_ name: String, title: String, series: [Series],
                 xLabel: String = "step", yLabel: String = "",
                 xScale: AxisScale = .linear, yScale: AxisScale = .linear,
                 file: String = #filePath, line: Int = #line) {
    ResultsChannel.shared.send(.plot(Plot(
        name: name, title: title, kind: .lines, xLabel: xLabel, yLabel: yLabel,
        xScale: xScale, yScale: yScale, series: series,
        source: SourceLine(file: file, line: line))))
}

/// Records 2-D paths through parameter space (each series' `x` and `y` are
/// the two coordinates, in visiting order), drawn with equal aspect over
/// optional `contours`: polylines of equal objective value.
public func trajectoryPlot(_ name: String, title: String, paths: [Series],
                           contours: [Series] = [],
                           xLabel: String = "x", yLabel: String = "y",
                           file: String = #filePath, line: Int = #line) {
    ResultsChannel.shared.send(.plot(Plot(
        name: name, title: title, kind: .trajectory, xLabel: xLabel, yLabel: yLabel,
        series: paths, contours: contours,
        source: SourceLine(file: file, line: line))))
}

extension Series {
    /// A path through the plane, for `trajectoryPlot`: `points[k]` is where
    /// the path is after step k.
    public init(label: String, points: [(x: Double, y: Double)]) {
        self.init(label: label, x: points.map(\.x), y: points.map(\.y))
    }
}
