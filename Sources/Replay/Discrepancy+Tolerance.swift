extension Discrepancy {
    /// Judges one computed number `actual` against a recorded `expected`:
    /// NaN matches only NaN, equal numbers (±∞ included) have no error, and
    /// a NaN torch recorded has no magnitude to scale `rtol` by.
    init(
        step: Int, quantity: String, index: Int, actual: Double, expected: Double,
        tolerance: Trajectory.Tolerance, field: String? = nil
    ) {
        let error: Double
        if actual.isNaN || expected.isNaN {
            error = (actual.isNaN && expected.isNaN) ? 0 : .infinity
        } else if actual == expected {
            error = 0
        } else {
            error = abs(actual - expected)
        }
        let allowed = tolerance.atol + (expected.isNaN ? 0 : tolerance.rtol * abs(expected))
        self.init(
            step: step, quantity: quantity, index: index, actual: actual, expected: expected, error: error,
            allowed: allowed, field: field)
    }

    /// `|actual − expected| <= atol + rtol·|expected|`.
    var passes: Bool { error <= allowed }
}
