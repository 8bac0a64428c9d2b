import Foundation
import Records

/// Tick positions for plot axes.
enum Ticks {
    /// "Nice" ticks inside [lo, hi]: integer multiples of a step m·10^e with
    /// m ∈ {1, 2, 5}, choosing the step whose tick count is closest to
    /// `target` (ties go to the larger step, i.e. fewer labels).
    ///
    /// Ticks are k·m / 10^(−e) (or k·m·10^e), so 0.6 is the double nearest
    /// 0.6, not 3·0.2 = 0.6000000000000001. `lo == hi` gives `[lo]`;
    /// non-finite bounds give `[]`. Example: [0, 0.93] → 0, 0.2, 0.4, 0.6, 0.8.
    static func linear(_ lo: Double, _ hi: Double, target: Int = 5) -> [Double] {
        linearWithStep(lo, hi, target: target).ticks
    }

    static func linearWithStep(_ lo: Double, _ hi: Double, target: Int = 5)
        -> (ticks: [Double], step: Double?) {
        guard lo.isFinite, hi.isFinite else { return ([], nil) }
        let a = min(lo, hi), b = max(lo, hi)
        if a == b { return ([a], nil) }
        let span = b - a
        guard span.isFinite, span > 0 else { return ([a, b], nil) }
        // log10(span) − log10(target), not log10(span / target): the quotient
        // can underflow to 0 for subnormal spans.
        let base = Int(floor(log10(span) - log10(Double(max(1, target)))))
        var best: (score: Int, ticks: [Double], step: Double)?
        for e in (base - 1)...(base + 1) {
            for m in [1, 2, 5] {
                guard let ticks = multiples(of: m, exponent: e, in: a, b) else { continue }
                // Fewer than two ticks cannot show a scale at all.
                let score = abs(ticks.count - target) + (ticks.count < 2 ? 100 : 0)
                if best == nil || score <= best!.score {
                    best = (score, ticks, value(m, e))
                }
            }
        }
        guard let best else { return ([a, b], nil) }
        return (best.ticks, best.step)
    }

    /// Ticks for a log axis over [lo, hi] (lo > 0), in data units.
    ///
    /// The decades 10^k inside the range when there are at least three (every
    /// second or third decade when there are more than seven); otherwise
    /// the 1-2-5 values inside it (a range within one decade, e.g. [2, 9] →
    /// 2, 5, or one spanning two decade ticks, where those alone would leave
    /// most of the axis unlabelled: [0.09, 7] → 0.1, 0.2, 0.5, 1, 2, 5);
    /// otherwise linear nice ticks. [3e-5, 2] → 1e-4, 1e-3, 0.01, 0.1, 1.
    static func log(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo.isFinite, hi.isFinite, lo > 0, hi > 0 else { return [] }
        let a = min(lo, hi), b = max(lo, hi)
        if a == b { return [a] }
        let e0 = Int(ceil(log10(a) - 1e-9)), e1 = Int(floor(log10(b) + 1e-9))
        if e1 - e0 + 1 >= 3 {
            let count = e1 - e0 + 1
            let stride = count > 7 ? (count + 5) / 6 : 1
            return Swift.stride(from: e0, through: e1, by: stride).map { value(1, $0) }
        }
        var within: [Double] = []
        for e in (e0 - 1)...e1 {
            for m in [1, 2, 5] {
                let v = value(m, e)
                if v >= a * (1 - 1e-12) && v <= b * (1 + 1e-12) { within.append(v) }
            }
        }
        if within.count >= 2 { return within }
        return linear(a, b)
    }

    /// m·10^e, computed so that negative exponents divide by an exact power of ten.
    static func value(_ m: Int, _ e: Int) -> Double {
        e >= 0 ? Double(m) * pow(10, Double(e)) : Double(m) / pow(10, Double(-e))
    }

    private static func multiples(of m: Int, exponent e: Int, in a: Double, _ b: Double) -> [Double]? {
        let step = value(m, e)
        guard step > 0, step.isFinite else { return nil }
        let k0 = ceil(a / step - 1e-9), k1 = floor(b / step + 1e-9)
        // Past 2^53 integers stop being exact; more than 50 ticks is never wanted.
        guard k0.isFinite, k1.isFinite, abs(k0) < 1e15, abs(k1) < 1e15, k1 - k0 <= 50 else { return nil }
        guard k1 >= k0 else { return [] }
        return (Int(k0)...Int(k1)).map { value($0 * m, e) }
    }
}

/// A plot axis: how data maps to the screen.
struct Axis {
    var scale: AxisScale
    /// Domain in transformed units (log10 of the data on a log axis).
    var lo: Double
    var hi: Double

    /// Transformed value, or nil when the point cannot be shown (non-finite,
    /// or ≤ 0 on a log axis).
    func transform(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch scale {
        case .linear: return v
        case .log: return v > 0 ? log10(v) : nil
        }
    }

    /// Fraction 0…1 along the axis for a transformed value.
    func fraction(_ t: Double) -> Double { (t - lo) / (hi - lo) }

    /// Ticks in data units with their labels, limited to the domain.
    func ticks() -> [(value: Double, label: String)] {
        switch scale {
        case .linear:
            let (t, step) = Ticks.linearWithStep(lo, hi)
            return Array(zip(t, formatTickLabels(t, step: step)))
        case .log:
            let t = Ticks.log(pow(10, lo), pow(10, hi))
            return Array(zip(t, formatTickLabels(t, step: nil)))
        }
    }

    /// An axis over transformed values [lo, hi] with a small margin so lines
    /// do not touch the frame; a degenerate range (one value, a constant
    /// series) is widened instead of divided by.
    static func fitting(_ lo: Double?, _ hi: Double?, scale: AxisScale, pad: Double = 0.04) -> Axis {
        guard let lo, let hi, lo.isFinite, hi.isFinite else {
            return Axis(scale: scale, lo: 0, hi: 1)
        }
        if hi - lo <= 0 || !(hi - lo).isFinite {
            let half = scale == .log ? 0.5 : (lo == 0 ? 1 : abs(lo) * 0.1)
            return Axis(scale: scale, lo: lo - half, hi: hi + half)
        }
        let margin = (hi - lo) * pad
        return Axis(scale: scale, lo: lo - margin, hi: hi + margin)
    }
}
