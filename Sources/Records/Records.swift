import Foundation

/// One thing a notebook program reports to optnb, in program order.
///
/// A program writes these as JSON lines on the results channel (see
/// `ResultsChannel`); optnb decodes them. They are the "results" stage of the
/// one-way flow: `HTMLPages` and `optnb check` read them, never the program's
/// printed text, which a user's `print` could imitate.
///
/// Non-finite numbers are encoded as the strings `"nan"`, `"inf"`, `"-inf"`
/// (use `Record.encoder()` / `Record.decoder()`), so a NaN in a series
/// survives the trip and is flagged in the report rather than lost.
public enum Record: Codable, Equatable, Sendable {
    /// Experiment block `index` (0-based, notebook order) with `id` starts.
    /// Every later record belongs to it until the next `blockStart`.
    case blockStart(BlockMarker)
    /// The block that was running finished normally.
    case blockEnd(BlockMarker)
    /// A named number from `scalar(_:_:volatile:)` (timings with `volatile: true`).
    case scalar(ScalarValue)
    /// A table from `table(_:columns:rows:)`.
    case table(Table)
    /// A line or trajectory plot from `plot(_:title:series:)` or `trajectoryPlot`.
    case plot(Plot)
    /// A library optimizer against its hand-written step, from `compare`.
    case comparison(Comparison)
    /// A checked claim from `expect` or `expectClose`; a failed
    /// one fails the render.
    case expectation(Expectation)
    /// Every point of a sweep and its metrics (see `Records+Sweep.swift`).
    case sweep(SweepTable)
    /// A band, sensitivity or heatmap figure drawn from a sweep.
    case sweepPlot(SweepPlot)
    /// Something the host must tell the user about the run itself, not
    /// about the notebook's numbers (a damaged sweep cache entry that was
    /// recomputed). optnb prints it once as a warning; it is kept in no
    /// outcome, report or results file.
    case warning(RunWarning)
}

/// A warning from the program to optnb about the run (see `Record.warning`).
public struct RunWarning: Codable, Equatable, Sendable {
    /// One line: what happened and what was done about it.
    public var message: String
    /// The notebook line it concerns (a sweep's call), when there is one.
    public var source: SourceLine?
    /// A warning about the run, placed at `source`.
    public init(message: String, source: SourceLine? = nil) {
        self.message = message; self.source = source
    }
}

/// Which experiment block a `blockStart` or `blockEnd` marks. The program
/// sends a start when an evaluated block starts running and an end when it
/// has run to its end: a block with a start and no end trapped, threw or
/// timed out.
public struct BlockMarker: Codable, Equatable, Sendable {
    /// The block's 0-based position among the notebook's experiment blocks.
    public var index: Int
    /// The block's `id=` option, or the generated id of a block without one.
    public var id: String
    /// The marker of block `index` named `id`.
    public init(index: Int, id: String) { self.index = index; self.id = id }
}

/// Where in the notebook a record was made (`#line` under `#sourceLocation`
/// gives the notebook's own line).
public struct SourceLine: Codable, Equatable, Sendable {
    /// The notebook's path as the program was compiled with it.
    public var file: String
    /// The 1-based line in the notebook file (not in the generated program).
    public var line: Int
    /// The place `line` of `file`.
    public init(file: String, line: Int) { self.file = file; self.line = line }
}

/// A named number. `volatile` values (timings) are shown but never compared
/// against a baseline.
public struct ScalarValue: Codable, Equatable, Sendable {
    /// The name shown in the report and used as the key in results files; unique
    /// per block by convention, not enforced.
    public var name: String
    /// The number, finite or not (NaN and ±∞ are recorded as they are).
    public var value: Double
    /// Whether the value changes from run to run (a timing): shown, but never
    /// compared by `optnb check`.
    public var volatile: Bool
    /// The notebook line that recorded it.
    public var source: SourceLine?
    /// A named number; `volatile: true` for timings.
    public init(name: String, value: Double, volatile: Bool = false, source: SourceLine? = nil) {
        self.name = name; self.value = value; self.volatile = volatile; self.source = source
    }
}

/// One cell of a table: text or a number.
public enum Cell: Codable, Equatable, Sendable {
    /// Text, shown as is (escaped) and compared exactly by `optnb check`.
    case text(String)
    /// A number, formatted by the report and compared within tolerance.
    case number(Double)
}

/// A table of rows. `volatileColumns` names columns whose numbers are
/// timings or otherwise not reproducible.
public struct Table: Codable, Equatable, Sendable {
    /// The table's name: its caption in the report and its key in results files.
    public var name: String
    /// Column headers, left to right.
    public var columns: [String]
    /// The rows, each with one cell per column; a ragged row draws a warning.
    public var rows: [[Cell]]
    /// Headers of columns not compared by `optnb check` (timings).
    public var volatileColumns: [String]
    /// The notebook line that recorded it.
    public var source: SourceLine?
    /// A table; `volatileColumns` lists headers whose numbers are not reproducible.
    public init(name: String, columns: [String], rows: [[Cell]],
                volatileColumns: [String] = [], source: SourceLine? = nil) {
        self.name = name; self.columns = columns; self.rows = rows
        self.volatileColumns = volatileColumns; self.source = source
    }
}

/// One line of a plot. `x == nil` means x = 0, 1, 2, … (step numbers).
public struct Series: Codable, Equatable, Sendable {
    /// The legend entry.
    public var label: String
    /// The x values, one per y; nil for x = 0, 1, 2, … (step numbers).
    public var x: [Double]?
    /// The y values. NaN and ±∞ are kept and flagged in the report, never drawn
    /// as a line to the axis.
    public var y: [Double]
    /// A series; without `x` its points are at x = 0, 1, 2, …
    public init(label: String, x: [Double]? = nil, y: [Double]) {
        self.label = label; self.x = x; self.y = y
    }
}

/// How a plot's y (or x) axis is scaled.
public enum AxisScale: String, Codable, Equatable, Sendable {
    /// Evenly spaced values.
    case linear
    /// Evenly spaced decades (base 10); values ≤ 0 cannot be drawn and are
    /// reported as a warning.
    case log
}

/// The axes of a figure: what each one measures and how it is scaled. One
/// value for `Plot` and `SweepPlot`, so that both are titled, fitted and
/// described alike.
public struct PlotAxes: Codable, Equatable, Sendable {
    /// The x axis's label.
    public var xLabel: String
    /// The y axis's label.
    public var yLabel: String
    /// How the x axis is scaled.
    public var xScale: AxisScale
    /// How the y axis is scaled (`.log` for losses spanning decades).
    public var yScale: AxisScale
    /// Axes with these labels and scales.
    public init(xLabel: String, yLabel: String, xScale: AxisScale = .linear, yScale: AxisScale = .linear) {
        self.xLabel = xLabel; self.yLabel = yLabel; self.xScale = xScale; self.yScale = yScale
    }
}

/// A line plot of one or more series. `kind == .trajectory` draws 2-D paths
/// (x and y both data) with equal aspect and optional contour lines.
public struct Plot: Codable, Equatable, Sendable {
    /// What the series are: curves over x, or paths in the plane.
    public enum Kind: String, Codable, Equatable, Sendable {
        /// Each series is y over x (x = step when `Series.x` is nil).
        case lines
        /// Each series is a path of (x, y) points in parameter space, drawn
        /// with equal aspect over `contours`.
        case trajectory
    }
    /// The plot's name: its key in results files and its `@fig-` label.
    public var name: String
    /// The caption shown above the figure.
    public var title: String
    /// Curves over x, or paths in the plane.
    public var kind: Kind
    /// Its axes' labels and scales.
    public var axes: PlotAxes
    /// The lines or paths, in legend order.
    public var series: [Series]
    /// For trajectories: closed or open polylines of equal objective value,
    /// drawn faintly behind the series.
    public var contours: [Series]
    /// The notebook line that recorded it.
    public var source: SourceLine?
    /// A plot; every series is kept in the results file for `optnb check`.
    public init(name: String, title: String, kind: Kind = .lines,
                xLabel: String = "step", yLabel: String = "",
                xScale: AxisScale = .linear, yScale: AxisScale = .linear,
                series: [Series], contours: [Series] = [], source: SourceLine? = nil) {
        self.name = name; self.title = title; self.kind = kind
        self.axes = PlotAxes(xLabel: xLabel, yLabel: yLabel, xScale: xScale, yScale: yScale)
        self.series = series; self.contours = contours; self.source = source
    }
}

/// A library optimizer and a manual step function run on the same model,
/// data and seed for `steps` steps.
public struct Comparison: Codable, Equatable, Sendable {
    /// The comparison's name: its key in results files.
    public var name: String
    /// The caption shown above its figure and table.
    public var title: String
    /// What the library side was, e.g. `"Adam(lr: 0.01)"`.
    public var libraryLabel: String
    /// What the manual side was, e.g. `"adamStep"`.
    public var manualLabel: String
    /// How many steps both sides took.
    public var steps: Int
    /// Loss before each step (count == steps) and after the last (count == steps + 1).
    public var libraryLoss: [Double]
    /// The manual side's losses, counted as `libraryLoss`.
    public var manualLoss: [Double]
    /// max_i |θ_library[i] − θ_manual[i]| after each step (count == steps).
    public var maxAbsDifference: [Double]
    /// Loss threshold for "steps to reach"; nil when not asked.
    public var lossThreshold: Double?
    /// Mean wall time of one step, seconds (volatile).
    public var librarySecondsPerStep: Double
    /// Mean wall time of one manual step, seconds (volatile).
    public var manualSecondsPerStep: Double
    /// The notebook line that recorded it.
    public var source: SourceLine?
    /// Whether the report draws the two loss curves over each other; `nil`
    /// (records written before the option existed) means yes. The losses are
    /// recorded and checked either way.
    public var lossPlot: Bool?
    /// A comparison as `compare` measured it.
    public init(name: String, title: String, libraryLabel: String, manualLabel: String,
                steps: Int, libraryLoss: [Double], manualLoss: [Double],
                maxAbsDifference: [Double], lossThreshold: Double?,
                librarySecondsPerStep: Double, manualSecondsPerStep: Double,
                source: SourceLine? = nil, lossPlot: Bool? = nil) {
        self.name = name; self.title = title
        self.libraryLabel = libraryLabel; self.manualLabel = manualLabel
        self.steps = steps; self.libraryLoss = libraryLoss; self.manualLoss = manualLoss
        self.maxAbsDifference = maxAbsDifference; self.lossThreshold = lossThreshold
        self.librarySecondsPerStep = librarySecondsPerStep
        self.manualSecondsPerStep = manualSecondsPerStep; self.source = source
        self.lossPlot = lossPlot
    }
}

/// A claim the notebook makes, checked by the program. A failed expectation
/// fails the render and names the notebook line.
public struct Expectation: Codable, Equatable, Sendable {
    /// The claim in words, as the notebook states it.
    public var message: String
    /// Whether the claim held. A false one fails the render (exit 1) at `source`.
    public var passed: Bool
    /// The measured numbers behind the claim, for the report, e.g. "0.41 < 0.93".
    public var detail: String
    /// The notebook line of the `expect` call.
    public var source: SourceLine?
    /// A checked claim.
    public init(message: String, passed: Bool, detail: String, source: SourceLine? = nil) {
        self.message = message; self.passed = passed; self.detail = detail; self.source = source
    }
}

extension Record {
    /// The encoder both sides use: sorted keys, non-finite numbers as strings.
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    /// The decoder both sides use: reads `"nan"`, `"inf"` and `"-inf"` back as
    /// the non-finite numbers `encoder()` wrote.
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}
