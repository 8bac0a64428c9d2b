/// How far computed values `a` stray from recorded ones `e`.
///
/// `scaled` is the largest |a − e| / max(|e|, 1): relative error for values
/// of magnitude 1 and above, absolute error below. The parameters in the
/// fixtures are of order 1 and pass through zero, where a plain relative
/// error only measures cancellation, so the tests bound `scaled`. `relative`,
/// the largest |a − e| / |e| over |e| ≥ 1e-6, is reported alongside.
/// Equal values (including equal infinities) and NaN against NaN agree;
/// any other NaN difference makes both infinite.
///
/// Each suite bounds `scaled` by the larger of 4× the largest gap measured
/// on x86_64 Linux and 2× the largest gap measured with every `pow` result
/// moved one ulp up or down, rounded up to one significant digit. torch's
/// recording used glibc's `pow`, as we do on Linux; the shifted results
/// stand in for another C library's. Rules without `pow` use only
/// IEEE-rounded arithmetic and `sqrt`, so their gaps are the same on every
/// platform.
struct Gap: CustomStringConvertible {
    var scaled = 0.0
    var relative = 0.0

    mutating func include(computed: [Double], expected: [Double]) {
        for (a, e) in zip(computed, expected) {
            if a == e || (a.isNaN && e.isNaN) { continue }
            let difference = abs(a - e)
            guard !difference.isNaN else {
                scaled = .infinity
                relative = .infinity
                continue
            }
            scaled = max(scaled, difference / max(abs(e), 1))
            if abs(e) >= 1e-6 { relative = max(relative, difference / abs(e)) }
        }
    }

    var description: String { "scaled \(scaled), relative \(relative)" }
}
