/// What one sweep point returns: named metrics, in order, and optionally a
/// curve (a loss per step) for band plots.
///
///     return ["held-out loss": model.loss(on: heldOut), "final train loss": losses.last!]
///     return SweepMetrics(["held-out loss": h], curve: losses)
///
/// Every point of a sweep must return the same metric names; a NaN or ∞
/// metric is a diverged run, kept as it is.
public struct SweepMetrics: ExpressibleByDictionaryLiteral, Sendable {
    public var names: [String]
    public var values: [Double]
    public var curve: [Double]?

    public init(dictionaryLiteral elements: (String, Double)...) {
        names = elements.map(\.0)
        values = elements.map(\.1)
        curve = nil
    }

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
    public let sweep: String
    public let file: String
    public let line: Int
    public let message: String

    public var description: String { "\(file):\(line): error: sweep '\(sweep)': \(message)" }
}
