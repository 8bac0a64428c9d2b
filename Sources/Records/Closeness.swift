/// When a computed number is close enough to a reference: numpy's
/// `isclose`, |actual − reference| ≤ atol + rtol·|reference|, with the rule
/// for NaN and ±∞ named rather than buried in each caller.
///
/// The one rule `expectClose` (in notebooks), `optnb check` (against
/// baselines) and `optnb replay` (against torch) use. They differ on
/// purpose only in `nonFinite`: a claim that a number is close to another
/// is false when either is NaN, while a notebook or an optimizer that
/// produced NaN exactly where its reference did has not drifted.
public struct Closeness: Equatable, Sendable {
    /// How NaN and infinities compare. Either way an infinity is close only
    /// to the same infinity, and a NaN never to a number.
    public enum NonFinite: String, Sendable {
        /// NaN is close to NaN: the run diverged the same way as its
        /// reference (`check`, `replay`).
        case nanMatchesNaN
        /// NaN is close to nothing, not even NaN (`expectClose`; numpy's
        /// default `equal_nan=False`).
        case nanNeverClose
    }

    /// Relative tolerance: the allowed error per unit of |reference| (≥ 0).
    public var rtol: Double
    /// Absolute tolerance: the allowed error near zero (≥ 0).
    public var atol: Double
    /// How NaN compares (infinities always need the same infinity).
    public var nonFinite: NonFinite

    /// The rule |actual − reference| ≤ `atol` + `rtol`·|reference|.
    public init(rtol: Double, atol: Double, nonFinite: NonFinite) {
        self.rtol = rtol; self.atol = atol; self.nonFinite = nonFinite
    }

    /// |actual − reference|: 0 for equal numbers (equal infinities
    /// included) and, under `.nanMatchesNaN`, for two NaNs; +∞ for an
    /// infinity against anything else; NaN for a NaN that cannot match.
    public func error(_ actual: Double, reference: Double) -> Double {
        if actual.isNaN || reference.isNaN {
            return nonFinite == .nanMatchesNaN && actual.isNaN && reference.isNaN ? 0 : .nan
        }
        if actual == reference { return 0 }
        if actual.isInfinite || reference.isInfinite { return .infinity }
        return abs(actual - reference)
    }

    /// atol + rtol·|reference|; just atol for a NaN reference, which has no
    /// magnitude to scale by.
    public func allowed(reference: Double) -> Double {
        atol + (reference.isNaN ? 0 : rtol * abs(reference))
    }

    /// Whether `actual` is close to `reference`. An infinite error is never
    /// allowed, even where an infinite reference makes the allowance infinite.
    public func accepts(_ actual: Double, reference: Double) -> Bool {
        let e = error(actual, reference: reference)
        return e == 0 || (e.isFinite && e <= allowed(reference: reference))
    }

    /// error − allowed: ≤ 0 when close, +∞ when an infinity differs, NaN
    /// when a NaN cannot match. For finding the worst of many pairs.
    public func excess(_ actual: Double, reference: Double) -> Double {
        let e = error(actual, reference: reference)
        if e.isNaN || e == .infinity { return e }
        return e - allowed(reference: reference)
    }
}
