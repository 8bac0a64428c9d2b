extension Linear {
    /// A layer drawn from torch's `nn.Linear` default distribution, seeded:
    /// every weight and bias uniform in [−1/√inFeatures, 1/√inFeatures).
    ///
    /// torch initialises the weight with `kaiming_uniform_(a: √5)`, whose
    /// bound gain·√(3/fan_in) with gain = √(2/(1 + a²)) = √(1/3) reduces to
    /// 1/√fan_in, and the bias uniform in ±1/√fan_in; fan_in = inFeatures.
    /// The distribution is torch's, the numbers are not: they come from
    /// `RandomSource(seed:)`, weight first (row-major, `outFeatures x
    /// inFeatures`), then bias, drawn as `Double` and rounded once to
    /// `Scalar` (so a `Float` draw may round onto the bound itself).
    ///
    /// - Precondition: `inFeatures > 0` and `outFeatures > 0`.
    public convenience init(inFeatures: Int, outFeatures: Int, seed: UInt64) {
        var rng = RandomSource(seed: seed)
        self.init(inFeatures: inFeatures, outFeatures: outFeatures, rng: &rng)
    }

    /// As `init(inFeatures:outFeatures:seed:)`, drawing from `rng` (which
    /// advances by `(inFeatures + 1)·outFeatures` uniforms), so several
    /// layers and data sets can share one seeded stream.
    public convenience init(inFeatures: Int, outFeatures: Int, rng: inout RandomSource) {
        precondition(
            inFeatures > 0 && outFeatures > 0,
            "Linear: inFeatures \(inFeatures) and outFeatures \(outFeatures) must be positive")
        let bound = 1 / Double(inFeatures).squareRoot()
        var weight: [Scalar] = []
        weight.reserveCapacity(outFeatures * inFeatures)
        for _ in 0..<(outFeatures * inFeatures) {
            weight.append(Scalar(rng.uniform(in: -bound..<bound)))
        }
        var bias: [Scalar] = []
        bias.reserveCapacity(outFeatures)
        for _ in 0..<outFeatures {
            bias.append(Scalar(rng.uniform(in: -bound..<bound)))
        }
        self.init(weight: weight, bias: bias, inFeatures: inFeatures, outFeatures: outFeatures)
    }
}
