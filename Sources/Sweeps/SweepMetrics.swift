/// What one sweep point returns: named metrics, in order, and optionally a
/// curve (a loss per step) for band plots.
///
///     return ["held-out loss": model.loss(on: heldOut), "final train loss": losses.last!]
///     return SweepMetrics(["held-out loss": h], curve: losses)
///
/// Every point of a sweep must return the same metric names; a NaN or ∞
/// metric is a diverged run, kept as it is.
public struct SweepMetrics: ExpressibleByDictionaryLiteral, Sendable {
    /// Metric names, in the order given.
    public var names: [String]
    /// Each metric's value, parallel to `names`; NaN or ±∞ marks a diverged run.
    public var values: [Double]
    /// A value per step (a loss curve) for band figures, or nil. Every point that
    /// returns one must return the same length.
    public var curve: [Double]?

    /// `["loss": l, "accuracy": a]`: metrics without a curve.
    public init(dictionaryLiteral elements: (String, Double)...) {
        names = elements.map(\.0)
        values = elements.map(\.1)
        curve = nil
    }

    /// Metrics and, for band figures, the point's curve.
    public init(_ metrics: KeyValuePairs<String, Double>, curve: [Double]? = nil) {
        names = metrics.map(\.key)
        values = metrics.map(\.value)
        self.curve = curve
    }

    /// With a `Float` (or other) curve, widened to `Double` exactly.
    @_disfavoredOverload
    public init<C: BinaryFloatingPoint>(_ metrics: KeyValuePairs<String, Double>, curve: [C]) {
        names = metrics.map(\.key)
        values = metrics.map(\.value)
        self.curve = curve.map { Double($0) }
    }
}

/// Why a sweep failed. The description names the notebook line of the
/// `sweep` call and, for a point, its coordinates.
public struct SweepError: Error, CustomStringConvertible, Sendable {
    /// The sweep's name.
    public let sweep: String
    /// The notebook file of the `sweep` call.
    public let file: String
    /// The notebook line of the `sweep` call.
    public let line: Int
    /// What went wrong, naming the point's coordinates when one point failed.
    public let message: String

    /// `FILE:LINE: error: sweep 'NAME': MESSAGE`, as optnb reports it.
    public var description: String { "\(file):\(line): error: sweep '\(sweep)': \(message)" }
}
