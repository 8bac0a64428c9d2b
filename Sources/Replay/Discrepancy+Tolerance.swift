import Records

extension Discrepancy {
    /// Judges one computed number `actual` against a recorded `expected` by
    /// `Closeness` with `.nanMatchesNaN`: NaN matches only NaN, equal numbers
    /// (±∞ included) have no error, an infinity against anything else an
    /// infinite one, and a NaN torch recorded has no magnitude to scale
    /// `rtol` by.
    init(
        step: Int, quantity: String, index: Int, actual: Double, expected: Double,
        tolerance: Trajectory.Tolerance, field: String? = nil
    ) {
        let rule = Closeness(rtol: tolerance.rtol, atol: tolerance.atol, nonFinite: .nanMatchesNaN)
        let error = rule.error(actual, reference: expected)
        self.init(
            step: step, quantity: quantity, index: index, actual: actual, expected: expected,
            error: error.isNaN ? .infinity : error, allowed: rule.allowed(reference: expected), field: field)
    }

    /// `|actual − expected| <= atol + rtol·|expected|`, as `Closeness.accepts`
    /// judges it: an infinite error never passes.
    var passes: Bool { error == 0 || (error.isFinite && error <= allowed) }
}
