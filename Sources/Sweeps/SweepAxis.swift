import Foundation  // String(format:) for grid labels

/// One named axis of a sweep: the values a closure reads at each point.
///
/// A value is a number, a text, or any value with a label (an optimizer
/// configuration, a closure that builds one); the label is what the report
/// and `results.json` show and what `SweepResult` queries match.
public struct SweepAxis: @unchecked Sendable {
    // @unchecked: `values` holds whatever the notebook put on the axis; the
    // sweep only reads it, from every thread, after construction.
    /// The axis's name: how `SweepPoint` and `SweepResult` queries refer to it
    /// and the column header in tables. Unique within a sweep.
    public let name: String
    /// What each value is called in tables, plots and keys.
    public let labels: [String]
    /// The numeric value of each entry, for numeric axes (nil otherwise).
    public let numbers: [Double]?
    let values: [Any]
    /// A seed axis feeds `SweepPoint.seed`; other axes do not.
    public let isSeed: Bool

    /// A numeric axis: learning rates, weight decays, momenta.
    public init(_ name: String, _ values: [Double]) {
        self.name = name
        labels = Self.labels(values)
        numbers = values
        self.values = values
        isSeed = false
    }

    /// A text axis: optimizer names, variants.
    public init(_ name: String, _ values: [String]) {
        self.name = name
        labels = values
        numbers = nil
        self.values = values
        isSeed = false
    }

    /// An axis of arbitrary values, each with its label, in order:
    /// `SweepAxis("optimizer", ["Adam": adam, "AdamW": adamw])` with
    /// `let adam: ([Parameter<Double>]) throws -> any Optimizer<Double>`;
    /// read with `point.value("optimizer", as: ….self)`.
    public init(_ name: String, labeled values: KeyValuePairs<String, Any>) {
        self.name = name
        labels = values.map(\.key)
        numbers = nil
        self.values = values.map(\.value)
        isSeed = false
    }

    /// `count` values from `lowest` to `highest` whose consecutive ratios
    /// are equal (both ends included): the usual learning-rate grid.
    /// - Precondition: `count ≥ 1`, both ends positive and finite.
    public static func logGrid(_ name: String, from lowest: Double, to highest: Double,
                               count: Int) -> SweepAxis {
        precondition(count >= 1 && lowest > 0 && highest > 0 && lowest.isFinite && highest.isFinite,
                     "logGrid '\(name)': needs count ≥ 1 and positive finite ends, got \(count), \(lowest), \(highest)")
        guard count > 1 else { return SweepAxis(name, [lowest]) }
        let a = log10(lowest), b = log10(highest)
        // 10^(exact decade) stays exact: 1e-3 is 0.001, not 0.0010000000000000002.
        let values = (0..<count).map { i -> Double in
            let e = a + (b - a) * Double(i) / Double(count - 1)
            let rounded = e.rounded()
            return abs(e - rounded) < 1e-12 ? pow(10, rounded) : pow(10, e)
        }
        return SweepAxis(name, values)
    }

    /// The seeds 0, 1, …, count − 1, on an axis named `name`: the repeats
    /// a result's spread is measured over. `SweepPoint.seed` derives each
    /// point's randomness from its seed coordinates only, so every
    /// configuration sees the same data, initialisation and batch order for
    /// a given seed (common random numbers: differences between
    /// configurations are not seed noise).
    public static func seeds(_ count: Int, name: String = "seed") -> SweepAxis {
        SweepAxis(name: name, labels: (0..<max(count, 0)).map(String.init),
                  numbers: (0..<max(count, 0)).map(Double.init),
                  values: (0..<max(count, 0)).map { UInt64($0) }, isSeed: true)
    }

    private init(name: String, labels: [String], numbers: [Double]?, values: [Any], isSeed: Bool) {
        self.name = name; self.labels = labels; self.numbers = numbers
        self.values = values; self.isSeed = isSeed
    }

    /// The number of values on the axis (≥ 1 for a sweep to run).
    public var count: Int { labels.count }

    /// Labels for numbers: the fewest significant digits (3 to 17) that
    /// tell every value apart, so a grid reads 0.001, 0.00316, 0.01.
    static func labels(_ values: [Double]) -> [String] {
        for digits in 3...17 {
            let labels = values.map { label($0, digits: digits) }
            if Set(labels).count == Set(values.map(\.bitPattern)).count { return labels }
        }
        return values.map { "\($0)" }
    }

    static func label(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.\(digits)g", x)
    }
}
