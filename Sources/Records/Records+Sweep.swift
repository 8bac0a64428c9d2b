/// What a sweep reports: every point's metrics (`SweepTable`) and the
/// figures drawn from them (`SweepPlot`). The program aggregates (medians,
/// bands, grids); optnb only draws and compares.

/// One axis of a sweep as reported: its name and its values as shown.
public struct SweepAxisRecord: Codable, Equatable, Sendable {
    /// The axis's name, as given to `SweepAxis` (e.g. `"lr"`).
    public var name: String
    /// The axis's values in order, as text (`"0.001"`, `"Adam"`, `"seed 3"`).
    public var labels: [String]
    /// An axis named `name` with its values' labels.
    public init(name: String, labels: [String]) { self.name = name; self.labels = labels }
}

/// Every point of a sweep and its metrics. Points are in row-major order
/// over `axes` (the last axis varies fastest): point p's coordinate on
/// axis a is `(p / (product of later axes' counts)) % axes[a].labels.count`.
/// A non-finite metric (a diverged run) is recorded as it is.
public struct SweepTable: Codable, Equatable, Sendable {
    /// The sweep's name: its key in results files and its cache entry's name.
    public var name: String
    /// The caption shown above the sweep's table.
    public var title: String
    /// The axes in the order given; the last varies fastest.
    public var axes: [SweepAxisRecord]
    /// The metric names every point returned, in first-seen order.
    public var metrics: [String]
    /// `values[p][m]`: point p, metric m.
    public var values: [[Double]]
    /// The notebook line of the `sweep` call.
    public var source: SourceLine?
    /// A sweep's points; `values.count` must be `pointCount`, each row
    /// `metrics.count` long.
    public init(name: String, title: String, axes: [SweepAxisRecord], metrics: [String],
                values: [[Double]], source: SourceLine? = nil) {
        self.name = name; self.title = title; self.axes = axes; self.metrics = metrics
        self.values = values; self.source = source
    }

    /// The number of points: the product of the axes' sizes.
    public var pointCount: Int { axes.reduce(1) { $0 * $1.labels.count } }

    /// Point p's label on each axis.
    public func coordinates(ofPoint p: Int) -> [String] {
        var rest = p
        var labels = Array(repeating: "", count: axes.count)
        for a in axes.indices.reversed() {
            let n = axes[a].labels.count
            labels[a] = axes[a].labels[rest % n]
            rest /= n
        }
        return labels
    }

    /// `lr=0.01, seed=3`: point p named by its coordinates.
    public func describe(point p: Int) -> String {
        zip(axes, coordinates(ofPoint: p)).map { "\($0.name)=\($1)" }.joined(separator: ", ")
    }
}

/// One line of a band or sensitivity plot: the median over runs at each x,
/// and the band's lower and upper edges. Where a run diverged (a non-finite
/// metric) it counts as worse than every finite run, so a median or edge
/// that falls on diverged runs is +∞ and is drawn as "diverged".
public struct BandLine: Codable, Equatable, Sendable {
    /// The legend entry (a configuration, e.g. `"Adam lr=0.01"`).
    public var label: String
    /// The x values: steps for a band, the hyperparameter for a sensitivity plot.
    public var x: [Double]
    /// The median over runs at each x (+∞ where it falls on diverged runs).
    public var median: [Double]
    /// The band's lower edge at each x (by `bandLabel`'s rule, e.g. the minimum).
    public var lower: [Double]
    /// The band's upper edge at each x (+∞ when the worst run diverged).
    public var upper: [Double]
    /// How many of the runs at each x diverged.
    public var diverged: [Int]
    /// Runs behind each x (the seeds).
    public var runs: Int
    /// A line with its band; all arrays have `x.count` entries.
    public init(label: String, x: [Double], median: [Double], lower: [Double], upper: [Double],
                diverged: [Int], runs: Int) {
        self.label = label; self.x = x; self.median = median; self.lower = lower
        self.upper = upper; self.diverged = diverged; self.runs = runs
    }
}

/// A metric over a two-axis grid: `values[row][column]`, rows along the y
/// axis (first row at the bottom), columns along x.
public struct HeatmapGrid: Codable, Equatable, Sendable {
    /// Labels along x, left to right.
    public var columns: [String]
    /// Labels along y, bottom to top.
    public var rows: [String]
    /// `values[row][column]`; a non-finite value is drawn as "diverged".
    public var values: [[Double]]
    /// Colours spread over the values' logarithm (for losses spanning
    /// decades) or the values themselves.
    public var colorScale: AxisScale
    /// Which end is best, for the marked cell and the legend.
    public var lowerIsBetter: Bool
    /// A grid of `rows.count` × `columns.count` values.
    public init(columns: [String], rows: [String], values: [[Double]],
                colorScale: AxisScale, lowerIsBetter: Bool) {
        self.columns = columns; self.rows = rows; self.values = values
        self.colorScale = colorScale; self.lowerIsBetter = lowerIsBetter
    }
}

/// A figure drawn from a sweep.
public struct SweepPlot: Codable, Equatable, Sendable {
    /// Which of the three sweep figures this is.
    public enum Kind: String, Codable, Equatable, Sendable {
        /// A curve per configuration over steps, median and band over seeds.
        case band
        /// A metric against a hyperparameter (log x), a line per optimizer.
        case sensitivity
        /// A metric over a two-axis grid.
        case heatmap
    }
    /// The figure's name: its key in results files and its `@fig-` label.
    public var name: String
    /// The caption shown above the figure.
    public var title: String
    /// Band, sensitivity or heatmap.
    public var kind: Kind
    /// Its axes' labels and scales (`.log` x for learning rates, `.log` y for losses).
    public var axes: PlotAxes
    /// What the shaded band spans, as the legend says it, e.g.
    /// "median and min–max over 10 seeds".
    public var bandLabel: String
    /// The lines of a band or sensitivity figure (empty for a heatmap).
    public var lines: [BandLine]
    /// The grid of a heatmap (nil otherwise).
    public var heatmap: HeatmapGrid?
    /// The notebook line of the call that drew it.
    public var source: SourceLine?
    /// A sweep figure; `lines` for `.band` and `.sensitivity`, `heatmap` for
    /// `.heatmap`.
    public init(name: String, title: String, kind: Kind, xLabel: String, yLabel: String,
                xScale: AxisScale = .linear, yScale: AxisScale = .linear, bandLabel: String = "",
                lines: [BandLine] = [], heatmap: HeatmapGrid? = nil, source: SourceLine? = nil) {
        self.name = name; self.title = title; self.kind = kind
        self.axes = PlotAxes(xLabel: xLabel, yLabel: yLabel, xScale: xScale, yScale: yScale)
        self.bandLabel = bandLabel; self.lines = lines; self.heatmap = heatmap; self.source = source
    }
}
