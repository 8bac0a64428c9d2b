import Foundation

/// A number as a report shows it, the same way everywhere (tables, scalars,
/// captions, plot labels).
///
/// - `significantDigits` significant digits (clamped to 1…17), trailing zeros
///   dropped: `1234.5678` → `"1234.57"`, `0.1 + 0.2` → `"0.3"`. The whole
///   part of a fixed-notation number is never cut short (`123.456` at 2
///   digits → `"123"`).
/// - Scientific notation, C-style (`1.2345e-05`, `1e+06`), when the value
///   *after rounding* has |x| < 1e-4 or |x| ≥ 1e6, so `999999.5` → `"1e+06"`.
///   Chosen over `×10⁻⁵` because it is what Swift, Python and torch print,
///   so numbers can be compared and pasted.
/// - `0` and `-0` → `"0"`; NaN → `"NaN"`; ±∞ → `"∞"`, `"-∞"`.
///
/// Output uses the POSIX decimal point regardless of locale.
public func formatNumber(_ x: Double, significantDigits: Int = 6) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "∞" : "-∞" }
    if x == 0 { return "0" }
    let p = max(1, min(17, significantDigits))
    let (mantissa, exponent) = scientificParts(x, digits: p)
    if exponent < -4 || exponent >= 6 {
        return mantissa + exponentSuffix(exponent)
    }
    let decimals = max(0, p - 1 - exponent)
    return stripTrailingZeros(String(format: "%.\(decimals)f", x))
}

/// Always scientific (`2e-05`, `1.5e+07`), trailing zeros dropped; 0 → "0".
func formatScientific(_ x: Double, significantDigits: Int = 6) -> String {
    if !x.isFinite || x == 0 { return formatNumber(x) }
    let (mantissa, exponent) = scientificParts(x, digits: max(1, min(17, significantDigits)))
    return mantissa + exponentSuffix(exponent)
}

/// Labels for a set of axis ticks, formatted alike: all scientific when any
/// tick needs it, else (for linear ticks with a known `step`) the same number
/// of decimals on every label (`0.0, 0.2, 0.4`), else the shortest form.
func formatTickLabels(_ ticks: [Double], step: Double?) -> [String] {
    let needsScientific = ticks.contains { $0 != 0 && (abs($0) < 1e-4 || abs($0) >= 1e6) }
    if needsScientific { return ticks.map { formatScientific($0) } }
    guard let step, step > 0, step.isFinite else { return ticks.map { formatNumber($0) } }
    let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
    return ticks.map { t in
        let s = String(format: "%.\(decimals)f", t)
        // A tick computed as -0.0 (or rounding to zero) must not print as "-0.0".
        return s.hasPrefix("-") && s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
            ? String(s.dropFirst()) : s
    }
}

/// `("1.23457", -7)` for 1.23457e-07: mantissa with trailing zeros dropped,
/// and the exponent after rounding to `digits` significant digits.
private func scientificParts(_ x: Double, digits: Int) -> (String, Int) {
    let s = String(format: "%.\(digits - 1)e", x)
    guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }),
          let exponent = Int(s[s.index(after: e)...]) else { return (s, 0) }
    return (stripTrailingZeros(String(s[..<e])), exponent)
}

private func exponentSuffix(_ exponent: Int) -> String {
    let magnitude = abs(exponent)
    return "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
}

private func stripTrailingZeros(_ s: String) -> String {
    guard s.contains(".") else { return s }
    var t = Substring(s)
    while t.hasSuffix("0") { t = t.dropLast() }
    if t.hasSuffix(".") { t = t.dropLast() }
    return String(t)
}
