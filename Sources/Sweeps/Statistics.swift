/// Order statistics over seeds, with diverged runs (NaN, ±∞) counted as
/// worse than every finite run: they sort as +∞. So a median over 5 seeds
/// of which 3 diverged is +∞ ("diverged"), and one of 5 diverging only
/// moves the upper edge of the band. A lower-is-better metric (a loss) is
/// assumed, as for every metric the study sweeps.
enum OrderStatistics {
    /// `values` with diverged entries (non-finite, or above `limit`) as
    /// +∞, sorted ascending.
    static func sorted(_ values: [Double], divergedAbove limit: Double = .infinity) -> [Double] {
        values.map { isDiverged($0, limit) ? .infinity : $0 }.sorted()
    }

    /// NaN, ±∞, or above `limit` (a run that blew up without overflowing).
    static func isDiverged(_ x: Double, _ limit: Double) -> Bool { !x.isFinite || x > limit }

    /// The q-quantile of ascending `sorted` by linear interpolation between
    /// closest ranks (numpy's default, R's type 7); +∞ when it touches a
    /// diverged run. NaN for no values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = Int(h.rounded(.up))
        if lo == hi { return sorted[lo] }
        let a = sorted[lo], b = sorted[hi]
        if !a.isFinite || !b.isFinite { return .infinity }
        return a + (b - a) * (h - Double(lo))
    }

    static func median(_ values: [Double], divergedAbove limit: Double = .infinity) -> Double {
        quantile(sorted(values, divergedAbove: limit), 0.5)
    }
}

/// What a band spans across the seeds.
public enum Band: String, Sendable {
    /// From the best to the worst seed.
    case minMax
    /// From the 25th to the 75th percentile.
    case interquartile

    var quantiles: (Double, Double) { self == .minMax ? (0, 1) : (0.25, 0.75) }

    func legend(runs: Int, over axis: String) -> String {
        let plural = runs == 1 ? axis : axis + "s"
        return self == .minMax ? "median and min–max over \(runs) \(plural)"
            : "median and interquartile range over \(runs) \(plural)"
    }
}
