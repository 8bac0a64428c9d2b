/// A value to match on an axis: a label (`"Adam"`, `"0.01"`) or a number
/// (matched against a numeric axis's values exactly).
public struct SweepKey: ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral, Sendable, CustomStringConvertible {
    let label: String?
    let number: Double?
    /// `"Adam"`: matches the value labelled `Adam`.
    public init(stringLiteral value: String) { label = value; number = nil }
    /// `0.01`: matches the numeric value that is exactly 0.01.
    public init(floatLiteral value: Double) { label = nil; number = value }
    /// `3`: matches the numeric value 3 (a seed, a batch size).
    public init(integerLiteral value: Int) { label = nil; number = Double(value) }
    /// A number held in a variable; matched exactly, not within a tolerance.
    public init(_ value: Double) { label = nil; number = value }
    /// A label held in a variable.
    public init(_ label: String) { self.label = label; number = nil }
    /// The label, or the number as Swift prints it.
    public var description: String { label ?? number.map { "\($0)" } ?? "" }
}

/// The metrics (and curves) of every point of a finished sweep, and the
/// figures and tables drawn from them (`SweepResult+Figures.swift`).
public struct SweepResult: @unchecked Sendable {
    // @unchecked: read-only after the sweep.
    /// The sweep's name, as given to `sweep`.
    public let name: String
    /// The sweep's title, as given to `sweep`.
    public let title: String
    /// The axes in the order given; the last varies fastest.
    public let axes: [SweepAxis]
    /// The metric names every point returned, in first-seen order.
    public let metrics: [String]
    /// `values[p][m]`: point p (row-major over `axes`), metric m.
    public let values: [[Double]]
    /// Each point's curve, when the closure returned one.
    public let curves: [[Double]?]

    /// The points, in row-major order.
    public var points: [SweepPoint] { (0..<values.count).map { SweepPoint(index: $0, axes: axes) } }

    /// The index of axis `name`; a missing axis stops the program with the
    /// axes there are.
    func axisIndex(_ name: String) -> Int {
        guard let a = axes.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("sweep '\(self.name)': no axis named '\(name)' (axes: \(axes.map(\.name).joined(separator: ", ")))")
        }
        return a
    }

    func metricIndex(_ metric: String) -> Int {
        guard let m = metrics.firstIndex(of: metric) else {
            preconditionFailure("sweep '\(name)': no metric named '\(metric)' (metrics: \(metrics.joined(separator: ", ")))")
        }
        return m
    }

    /// The coordinate `key` names on axis `a`.
    func coordinate(_ key: SweepKey, onAxis a: Int) -> Int {
        let axis = axes[a]
        let found = key.label.flatMap { axis.labels.firstIndex(of: $0) }
            ?? key.number.flatMap { n in axis.numbers?.firstIndex(of: n) }
        guard let found else {
            preconditionFailure("sweep '\(name)': axis '\(axis.name)' has no value \(key) (values: \(axis.labels.joined(separator: ", ")))")
        }
        return found
    }

    /// Fixed coordinates by axis index.
    func constraints(_ fixed: [String: SweepKey]) -> [Int: Int] {
        var c: [Int: Int] = [:]
        for (name, key) in fixed {
            let a = axisIndex(name)
            c[a] = coordinate(key, onAxis: a)
        }
        return c
    }

    /// The points whose coordinates match `constraints`, in order.
    func points(matching constraints: [Int: Int]) -> [SweepPoint] {
        points.filter { p in constraints.allSatisfy { p.coordinates[$0.key] == $0.value } }
    }

    /// Metric `metric` of every point matching `fixed`, in point order:
    /// `grid.values("held-out loss", where: ["optimizer": "Adam", "lr": 0.01])`
    /// gives one value per seed.
    public func values(_ metric: String, where fixed: [String: SweepKey] = [:]) -> [Double] {
        let m = metricIndex(metric)
        return points(matching: constraints(fixed)).map { values[$0.index][m] }
    }

    /// The median of `values(metric, where:)`, a diverged run counting as
    /// worse than every finite one (+∞ when half or more diverged).
    public func median(_ metric: String, where fixed: [String: SweepKey] = [:]) -> Double {
        OrderStatistics.median(values(metric, where: fixed))
    }

    /// How many of the points matching `fixed` diverged (`metric` NaN, ±∞
    /// or above `divergedAbove`).
    public func divergedCount(_ metric: String, where fixed: [String: SweepKey] = [:],
                              divergedAbove: Double = .infinity) -> Int {
        values(metric, where: fixed).filter { OrderStatistics.isDiverged($0, divergedAbove) }.count
    }

    /// The setting with the lowest median of `metric` over the `over` axis
    /// among the points matching `fixed`: its label on every other free
    /// axis, and that median. Ties go to the first setting in grid order.
    public func best(_ metric: String, over: String? = "seed",
                     where fixed: [String: SweepKey] = [:]) -> (setting: [String: String], median: Double) {
        let groups = settings(excluding: over.map { [axisIndex($0)] } ?? [], fixed: constraints(fixed))
        var best: (setting: [String: String], median: Double)?
        let m = metricIndex(metric)
        for g in groups {
            let med = OrderStatistics.median(points(matching: g).map { values[$0.index][m] })
            if best == nil || med < best!.median || (best!.median.isNaN && !med.isNaN) {
                best = (Dictionary(uniqueKeysWithValues: g.compactMap { a, c in
                    fixed.keys.contains(axes[a].name) ? nil : (axes[a].name, axes[a].labels[c]) }), med)
            }
        }
        return best ?? ([:], .nan)
    }

    /// Every combination of coordinates on the axes that are neither
    /// `excluded` nor fixed, each merged with the fixed ones; grid order.
    func settings(excluding excluded: [Int], fixed: [Int: Int]) -> [[Int: Int]] {
        var combos: [[Int: Int]] = [fixed]
        for a in axes.indices where !excluded.contains(a) && fixed[a] == nil {
            combos = combos.flatMap { c in (0..<axes[a].count).map { v in c.merging([a: v]) { $1 } } }
        }
        return combos
    }

    /// A line's label: its coordinates on the free axes (`free`), bare when
    /// there is one, `name=value` joined by commas otherwise.
    func label(_ setting: [Int: Int], free: [Int]) -> String {
        if free.count == 1, let a = free.first { return axes[a].labels[setting[a]!] }
        return free.map { "\(axes[$0].name)=\(axes[$0].labels[setting[$0]!])" }.joined(separator: ", ")
    }
}
