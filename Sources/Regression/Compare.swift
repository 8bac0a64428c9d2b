import Records

/// One difference between a baseline and a new render.
public struct Drift: Equatable, Sendable {
    /// How the value differs.
    public enum Kind: String, Sendable {
        /// In both files but out of tolerance, of another length, or a number in one and a series in the other.
        case changed
        /// In the baseline, not in the new render.
        case missing
        /// In the new render, not in the baseline.
        case new
    }
    /// The value's key in the results file (`block / record / …`).
    public var key: String
    /// How it differs.
    public var kind: Kind
    /// For series: the first element out of tolerance, and its position.
    public var baseline: Double?
    /// The new render's number (a changed series' at `index`, a new series' last); nil when `missing`.
    public var now: Double?
    /// The series position of `baseline` and `now`; nil for single numbers.
    public var index: Int?
    /// Set when a series changed length.
    public var note: String?
    /// The notebook line that reported the value, when known (for annotations).
    public var line: Int?

    /// |now − baseline|, when both are numbers.
    public var absoluteDifference: Double? {
        guard let b = baseline, let n = now else { return nil }
        return abs(n - b)
    }
    /// |now − baseline| / |baseline|, when both are numbers and the baseline is not 0.
    public var relativeDifference: Double? {
        guard let d = absoluteDifference, let b = baseline, b != 0 else { return nil }
        return d / abs(b)
    }
}

/// Compares a new render's values with a baseline's. Volatile values (in
/// either file) are never compared. Each new value is judged by the
/// tolerance of the block it came from (`Tolerances.for(block:)`).
public func compareResults(baseline: ResultsFile, now: ResultsFile,
                           tolerances: Tolerances = Tolerances()) -> [Drift] {
    var drifts: [Drift] = []
    for key in Set(baseline.values.keys).union(now.values.keys).sorted() {
        let b = baseline.values[key], n = now.values[key]
        if b?.volatile == true || n?.volatile == true { continue }
        guard let b else {
            drifts.append(Drift(key: key, kind: .new, now: n.flatMap(summary), line: n?.line))
            continue
        }
        guard let n else {
            drifts.append(Drift(key: key, kind: .missing, baseline: summary(b), line: b.line))
            continue
        }
        if let d = difference(key: key, baseline: b, now: n, tolerance: tolerances.for(block: n.block)) {
            drifts.append(d)
        }
    }
    return drifts
}

private func summary(_ v: ResultValue) -> Double? {
    switch v.content {
    case .number(let x): return x
    case .series(let s): return s.last
    }
}

private func difference(key: String, baseline b: ResultValue, now n: ResultValue,
                        tolerance: Closeness) -> Drift? {
    switch (b.content, n.content) {
    case (.number(let x), .number(let y)):
        return tolerance.accepts(y, reference: x)
            ? nil : Drift(key: key, kind: .changed, baseline: x, now: y, line: n.line)
    case (.series(let xs), .series(let ys)):
        for i in 0..<min(xs.count, ys.count) where !tolerance.accepts(ys[i], reference: xs[i]) {
            let note = xs.count == ys.count ? nil : "length \(xs.count) → \(ys.count)"
            return Drift(key: key, kind: .changed, baseline: xs[i], now: ys[i], index: i,
                         note: note, line: n.line)
        }
        guard xs.count == ys.count else {
            return Drift(key: key, kind: .changed, baseline: xs.last, now: ys.last,
                         note: "length \(xs.count) → \(ys.count)", line: n.line)
        }
        return nil
    default:
        return Drift(key: key, kind: .changed, baseline: summary(b), now: summary(n),
                     note: "a number became a series or back", line: n.line)
    }
}
