extension RandomSource {
    /// A normal deviate with the given mean and standard deviation, by
    /// Marsaglia's polar method (Marsaglia and Bray, SIAM Review 1964):
    /// draw u, v uniform in [−1, 1) until s = u² + v² lies in (0, 1), then
    /// u·√(−2 ln s / s) and v·√(−2 ln s / s) are two independent N(0, 1)
    /// deviates; the second is kept and returned by the next call.
    ///
    /// Why not Box–Muller: it needs `cos`/`sin`, and the polar method needs
    /// only `log` and `sqrt`. `sqrt` is correctly rounded by IEEE 754, but
    /// the C library's `log` is not: glibc, Apple's libm and musl may differ
    /// in the last bit. So `ln s` here is `RandomSource.log(_:)`, written with
    /// basic operations only, and the deviates are bit-for-bit the same on
    /// every IEEE 754 machine (Swift does not fuse a·b + c unless asked to).
    ///
    /// Returns `mean + std·z`. `std` may be zero (returns `mean`); a negative
    /// `std` mirrors the distribution, which is still N(mean, std²).
    public mutating func normal(mean: Double = 0, std: Double = 1) -> Double {
        if let z = spareNormal {
            spareNormal = nil
            return mean + std * z
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            guard s > 0, s < 1 else { continue }
            let factor = (-2 * Self.log(s) / s).squareRoot()
            spareNormal = v * factor
            return mean + std * (u * factor)
        }
    }

    /// `count` deviates from `normal(mean:std:)`, in draw order.
    public mutating func normals(_ count: Int, mean: Double = 0, std: Double = 1) -> [Double] {
        (0..<max(count, 0)).map { _ in normal(mean: mean, std: std) }
    }

    /// The natural logarithm from IEEE 754 basic operations only, so that it
    /// gives the same bits everywhere (unlike the C library's `log`).
    ///
    /// Writes x = m·2ᵉ with m in [√½, √2) (exact), then
    /// ln x = e·ln 2 + 2·atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.1716, with
    /// atanh(z) = z + z³/3 + … + z²³/23 (the next term is below 2⁻⁶⁵·|z|).
    /// ln 2 is split into a head with a short significand, so that e·head is
    /// exact, and a tail. Accurate to a few units in the last place (the
    /// tests bound it against the C library's `log`).
    ///
    /// Returns NaN for negative numbers and NaN, −∞ for ±0, +∞ for +∞.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return .infinity }
        // Subnormals have no implicit leading bit; scaling by 2⁵⁴ (exact)
        // makes them normal.
        let scaled = x.isSubnormal ? x * 0x1p54 : x
        var exponent = Double(Int(scaled.exponent)) - (x.isSubnormal ? 54 : 0)
        var m = scaled.significand  // in [1, 2), exact
        if m > 1.4142135623730951 {
            m /= 2  // exact
            exponent += 1
        }
        let f = m - 1  // exact (Sterbenz: m is within a factor 2 of 1)
        let z = f / (2 + f)
        let z2 = z * z
        var series = 1.0 / 23
        for k in stride(from: 21.0, through: 3, by: -2) {
            series = series * z2 + 1 / k
        }
        let logM = 2 * (z + z * z2 * series)
        // fdlibm's split of ln 2: the head has 32 significant bits.
        let ln2Head = 6.93147180369123816490e-01
        let ln2Tail = 1.90821492927058770002e-10
        return exponent * ln2Head + (logM + exponent * ln2Tail)
    }
}
