/// A synthetic regression data set with the linear map that generated it,
/// so a study can measure how close a trained model came to the truth.
public struct RegressionProblem<Scalar: OptimizerScalar> {
    /// The samples: inputs x and targets t = W x + b (+ noise, if asked for).
    public var data: Dataset<Scalar>
    /// The hidden W, `outFeatures x inFeatures`, row-major.
    public var weight: [Scalar]
    /// The hidden b, `outFeatures` values.
    public var bias: [Scalar]
}

extension RegressionProblem {
    /// Dense Gaussian regression: x ~ N(0, I), y = W·x + b + noise·ε with
    /// W, b and ε standard normal. See `Dataset.linearRegression`.
    public static func linearRegression(
        samples: Int, inFeatures: Int, outFeatures: Int = 1, noise: Double = 0.1, seed: UInt64
    ) -> RegressionProblem {
        generate(samples: samples, inFeatures: inFeatures, outFeatures: outFeatures, noise: noise, seed: seed) { _, rng in
            rng.normal()
        }
    }

    /// Sparse regression, where Adagrad's per-coordinate steps pay off:
    /// feature j of a sample is non-zero (a standard normal) with
    /// probability `frequentDensity` for the first `frequentFeatures`
    /// coordinates and `rareDensity` for the rest, and zero otherwise.
    /// Rare features still carry standard-normal weights, so fitting them
    /// matters, but they receive a gradient only in the few samples where
    /// they are active. y = W·x + b + noise·ε as in `linearRegression`.
    public static func sparseFeatures(
        samples: Int, inFeatures: Int, outFeatures: Int = 1,
        frequentFeatures: Int = 2, frequentDensity: Double = 0.9, rareDensity: Double = 0.05,
        noise: Double = 0.1, seed: UInt64
    ) -> RegressionProblem {
        precondition(
            frequentFeatures >= 0 && frequentFeatures <= inFeatures,
            "sparseFeatures: frequentFeatures \(frequentFeatures) must be in 0...\(inFeatures)")
        precondition(
            (0...1).contains(frequentDensity) && (0...1).contains(rareDensity),
            "sparseFeatures: densities \(frequentDensity), \(rareDensity) must be in [0, 1]")
        return generate(samples: samples, inFeatures: inFeatures, outFeatures: outFeatures, noise: noise, seed: seed) { j, rng in
            let density = j < frequentFeatures ? frequentDensity : rareDensity
            return rng.uniform() < density ? rng.normal() : 0
        }
    }

    /// Draws, from `RandomSource(seed:)` in this order: W (row-major), b,
    /// then per sample its features (`feature(j, &rng)` for j in order) and
    /// its `outFeatures` noise deviates. The noise deviates are drawn even
    /// when `noise == 0`, so the inputs do not depend on the noise level.
    static func generate(
        samples: Int, inFeatures: Int, outFeatures: Int, noise: Double, seed: UInt64,
        feature: (Int, inout RandomSource) -> Double
    ) -> RegressionProblem {
        precondition(
            samples > 0 && inFeatures > 0 && outFeatures > 0,
            "synthetic data: samples \(samples), inFeatures \(inFeatures), outFeatures \(outFeatures) must be positive")
        precondition(noise.isFinite && noise >= 0, "synthetic data: noise \(noise) must be finite and non-negative")
        var rng = RandomSource(seed: seed)
        let weight = rng.normals(outFeatures * inFeatures)
        let bias = rng.normals(outFeatures)
        var inputs: [Double] = []
        var targets: [Double] = []
        inputs.reserveCapacity(samples * inFeatures)
        targets.reserveCapacity(samples * outFeatures)
        for _ in 0..<samples {
            let x = (0..<inFeatures).map { feature($0, &rng) }
            inputs.append(contentsOf: x)
            for o in 0..<outFeatures {
                var y = bias[o]
                for j in 0..<inFeatures {
                    y += weight[o * inFeatures + j] * x[j]
                }
                targets.append(y + noise * rng.normal())
            }
        }
        return RegressionProblem(
            data: Dataset(
                inputs: inputs.map { Scalar($0) }, targets: targets.map { Scalar($0) },
                samples: samples, inFeatures: inFeatures, outFeatures: outFeatures),
            weight: weight.map { Scalar($0) }, bias: bias.map { Scalar($0) })
    }
}

extension Dataset {
    /// `samples` points of dense linear regression, from `seed`:
    /// x ~ N(0, I) (`inFeatures`), hidden W (`outFeatures x inFeatures`) and b
    /// with standard-normal entries, y = W·x + b + noise·ε, ε ~ N(0, I).
    /// Values are drawn in `Double` and rounded once to `Scalar`.
    /// `RegressionProblem.linearRegression` also returns W and b.
    ///
    /// - Precondition: the counts are positive; `noise` is finite and ≥ 0.
    public static func linearRegression(
        samples: Int, inFeatures: Int, outFeatures: Int = 1, noise: Double = 0.1, seed: UInt64
    ) -> Dataset {
        RegressionProblem.linearRegression(
            samples: samples, inFeatures: inFeatures, outFeatures: outFeatures, noise: noise, seed: seed
        ).data
    }

    /// Sparse regression data for the Adagrad study; see
    /// `RegressionProblem.sparseFeatures` for the distribution.
    public static func sparseFeatures(
        samples: Int, inFeatures: Int, outFeatures: Int = 1,
        frequentFeatures: Int = 2, frequentDensity: Double = 0.9, rareDensity: Double = 0.05,
        noise: Double = 0.1, seed: UInt64
    ) -> Dataset {
        RegressionProblem.sparseFeatures(
            samples: samples, inFeatures: inFeatures, outFeatures: outFeatures,
            frequentFeatures: frequentFeatures, frequentDensity: frequentDensity,
            rareDensity: rareDensity, noise: noise, seed: seed
        ).data
    }
}
