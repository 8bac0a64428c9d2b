/// How far a value may move before it counts as drift:
/// `|now − baseline| ≤ atol + rtol · |baseline|`, elementwise for series.
public struct Tolerance: Equatable, Sendable, CustomStringConvertible {
    public var rtol: Double
    public var atol: Double
    public init(rtol: Double, atol: Double) { self.rtol = rtol; self.atol = atol }

    /// The default for `optnb check`: tight enough to catch a changed
    /// operation order in float64, loose enough for libm's last-ulp noise.
    public static let standard = Tolerance(rtol: 1e-9, atol: 1e-12)

    public var description: String { "rtol \(rtol), atol \(atol)" }

    /// NaN matches NaN and an infinity matches the same infinity: a notebook
    /// that diverged the same way has not drifted.
    public func accepts(_ now: Double, baseline: Double) -> Bool {
        if now.isNaN || baseline.isNaN { return now.isNaN && baseline.isNaN }
        if now.isInfinite || baseline.isInfinite { return now == baseline }
        return abs(now - baseline) <= atol + rtol * abs(baseline)
    }
}

/// One difference between a baseline and a new render.
public struct Drift: Equatable, Sendable {
    public enum Kind: String, Sendable { case changed, missing, new }
    public var key: String
    public var kind: Kind
    /// For series: the first element out of tolerance, and its position.
    public var baseline: Double?
    public var now: Double?
    public var index: Int?
    /// Set when a series changed length.
    public var note: String?
    public var line: Int?

    public var absoluteDifference: Double? {
        guard let b = baseline, let n = now else { return nil }
        return abs(n - b)
    }
    public var relativeDifference: Double? {
        guard let d = absoluteDifference, let b = baseline, b != 0 else { return nil }
        return d / abs(b)
    }
}

/// Compares a new render's values with a baseline's. Volatile values (in
/// either file) are never compared. `tolerance(key)` gives the tolerance in
/// force for a key (block options, then the notebook's, then the default).
public func compareResults(baseline: ResultsFile, now: ResultsFile,
                           tolerance: (String) -> Tolerance) -> [Drift] {
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
        if let d = difference(key: key, baseline: b, now: n, tolerance: tolerance(key)) {
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
                        tolerance: Tolerance) -> Drift? {
    switch (b.content, n.content) {
    case (.number(let x), .number(let y)):
        return tolerance.accepts(y, baseline: x)
            ? nil : Drift(key: key, kind: .changed, baseline: x, now: y, line: n.line)
    case (.series(let xs), .series(let ys)):
        for i in 0..<min(xs.count, ys.count) where !tolerance.accepts(ys[i], baseline: xs[i]) {
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
