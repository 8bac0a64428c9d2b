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
    case blockStart(BlockStart)
    /// The block that was running finished normally.
    case blockEnd(BlockEnd)
    case scalar(ScalarValue)
    case table(Table)
    case plot(Plot)
    case comparison(Comparison)
    case expectation(Expectation)
    /// Every point of a sweep and its metrics (see `Records+Sweep.swift`).
    case sweep(SweepTable)
    /// A band, sensitivity or heatmap figure drawn from a sweep.
    case sweepPlot(SweepPlot)
}

public struct BlockStart: Codable, Equatable, Sendable {
    public var index: Int
    public var id: String
    public init(index: Int, id: String) { self.index = index; self.id = id }
}

public struct BlockEnd: Codable, Equatable, Sendable {
    public var index: Int
    public var id: String
    public init(index: Int, id: String) { self.index = index; self.id = id }
}

/// Where in the notebook a record was made (`#line` under `#sourceLocation`
/// gives the notebook's own line).
public struct SourceLine: Codable, Equatable, Sendable {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
}

/// A named number. `volatile` values (timings) are shown but never compared
/// against a baseline.
public struct ScalarValue: Codable, Equatable, Sendable {
    public var name: String
    public var value: Double
    public var volatile: Bool
    public var source: SourceLine?
    public init(name: String, value: Double, volatile: Bool = false, source: SourceLine? = nil) {
        self.name = name; self.value = value; self.volatile = volatile; self.source = source
    }
}

/// One cell of a table: text or a number.
public enum Cell: Codable, Equatable, Sendable {
    case text(String)
    case number(Double)
}

/// A table of rows. `volatileColumns` names columns whose numbers are
/// timings or otherwise not reproducible.
public struct Table: Codable, Equatable, Sendable {
    public var name: String
    public var columns: [String]
    public var rows: [[Cell]]
    public var volatileColumns: [String]
    public var source: SourceLine?
    public init(name: String, columns: [String], rows: [[Cell]],
                volatileColumns: [String] = [], source: SourceLine? = nil) {
        self.name = name; self.columns = columns; self.rows = rows
        self.volatileColumns = volatileColumns; self.source = source
    }
}

/// One line of a plot. `x == nil` means x = 0, 1, 2, … (step numbers).
public struct Series: Codable, Equatable, Sendable {
    public var label: String
    public var x: [Double]?
    public var y: [Double]
    public init(label: String, x: [Double]? = nil, y: [Double]) {
        self.label = label; self.x = x; self.y = y
    }
}

/// How a plot's y (or x) axis is scaled.
public enum AxisScale: String, Codable, Equatable, Sendable {
    case linear
    case log
}

/// A line plot of one or more series. `kind == .trajectory` draws 2-D paths
/// (x and y both data) with equal aspect and optional contour lines.
public struct Plot: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Equatable, Sendable { case lines, trajectory }
    public var name: String
    public var title: String
    public var kind: Kind
    public var xLabel: String
    public var yLabel: String
    public var xScale: AxisScale
    public var yScale: AxisScale
    public var series: [Series]
    /// For trajectories: closed or open polylines of equal objective value,
    /// drawn faintly behind the series.
    public var contours: [Series]
    public var source: SourceLine?
    public init(name: String, title: String, kind: Kind = .lines,
                xLabel: String = "step", yLabel: String = "",
                xScale: AxisScale = .linear, yScale: AxisScale = .linear,
                series: [Series], contours: [Series] = [], source: SourceLine? = nil) {
        self.name = name; self.title = title; self.kind = kind
        self.xLabel = xLabel; self.yLabel = yLabel
        self.xScale = xScale; self.yScale = yScale
        self.series = series; self.contours = contours; self.source = source
    }
}

/// A library optimizer and a manual step function run on the same model,
/// data and seed for `steps` steps.
public struct Comparison: Codable, Equatable, Sendable {
    public var name: String
    public var title: String
    /// What the library side was, e.g. `"Adam(lr: 0.01)"`.
    public var libraryLabel: String
    /// What the manual side was, e.g. `"adamStep"`.
    public var manualLabel: String
    public var steps: Int
    /// Loss before each step (count == steps) and after the last (count == steps + 1).
    public var libraryLoss: [Double]
    public var manualLoss: [Double]
    /// max_i |θ_library[i] − θ_manual[i]| after each step (count == steps).
    public var maxAbsDifference: [Double]
    /// Loss threshold for "steps to reach"; nil when not asked.
    public var lossThreshold: Double?
    /// Mean wall time of one step, seconds (volatile).
    public var librarySecondsPerStep: Double
    public var manualSecondsPerStep: Double
    /// Whether the report draws the two loss curves over each other. They
    /// coincide whenever the rules agree, so a notebook shows the overlay
    /// once, where it teaches something, and lets the summary table and the
    /// |Δθ| plot carry the other comparisons. Both curves are recorded (and
    /// checked) either way.
    public var showsLossPlot: Bool
    public var source: SourceLine?
    public init(name: String, title: String, libraryLabel: String, manualLabel: String,
                steps: Int, libraryLoss: [Double], manualLoss: [Double],
                maxAbsDifference: [Double], lossThreshold: Double?,
                librarySecondsPerStep: Double, manualSecondsPerStep: Double,
                showsLossPlot: Bool = true, source: SourceLine? = nil) {
        self.name = name; self.title = title
        self.libraryLabel = libraryLabel; self.manualLabel = manualLabel
        self.steps = steps; self.libraryLoss = libraryLoss; self.manualLoss = manualLoss
        self.maxAbsDifference = maxAbsDifference; self.lossThreshold = lossThreshold
        self.librarySecondsPerStep = librarySecondsPerStep
        self.manualSecondsPerStep = manualSecondsPerStep
        self.showsLossPlot = showsLossPlot; self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case name, title, libraryLabel, manualLabel, steps, libraryLoss, manualLoss,
             maxAbsDifference, lossThreshold, librarySecondsPerStep, manualSecondsPerStep,
             showsLossPlot, source
    }

    /// Decodes records written before `showsLossPlot` existed as showing the plot.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            title: try c.decode(String.self, forKey: .title),
            libraryLabel: try c.decode(String.self, forKey: .libraryLabel),
            manualLabel: try c.decode(String.self, forKey: .manualLabel),
            steps: try c.decode(Int.self, forKey: .steps),
            libraryLoss: try c.decode([Double].self, forKey: .libraryLoss),
            manualLoss: try c.decode([Double].self, forKey: .manualLoss),
            maxAbsDifference: try c.decode([Double].self, forKey: .maxAbsDifference),
            lossThreshold: try c.decodeIfPresent(Double.self, forKey: .lossThreshold),
            librarySecondsPerStep: try c.decode(Double.self, forKey: .librarySecondsPerStep),
            manualSecondsPerStep: try c.decode(Double.self, forKey: .manualSecondsPerStep),
            showsLossPlot: try c.decodeIfPresent(Bool.self, forKey: .showsLossPlot) ?? true,
            source: try c.decodeIfPresent(SourceLine.self, forKey: .source))
    }
}

/// A claim the notebook makes, checked by the program. A failed expectation
/// fails the render and names the notebook line.
public struct Expectation: Codable, Equatable, Sendable {
    public var message: String
    public var passed: Bool
    /// The measured numbers behind the claim, for the report, e.g. "0.41 < 0.93".
    public var detail: String
    public var source: SourceLine?
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

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}
