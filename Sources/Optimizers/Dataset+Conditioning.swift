import Foundation  // log, exp

/// Synthetic regression problems that stress an optimizer the way real data
/// does: badly scaled features, and more features than samples.
extension RegressionProblem {
    /// Badly scaled features: feature j is `scales[j] · z` with z standard
    /// normal, so the MSE's curvature along weight j is about `scales[j]²`
    /// and its condition number about (max scale / min scale)². Plain SGD
    /// must take a step small enough for the largest scale and then crawls
    /// along the smallest; per-coordinate methods (Adagrad, RMSprop, Adam)
    /// rescale each coordinate. y = W·x + b + noise·ε with W, b standard
    /// normal, drawn as in `linearRegression` (W, b, then per sample its
    /// features and noise).
    ///
    /// - Precondition: `scales` is non-empty, each finite and positive.
    public static func scaledFeatures(
        samples: Int, scales: [Double], outFeatures: Int = 1, noise: Double = 0.1, seed: UInt64
    ) -> RegressionProblem {
        precondition(!scales.isEmpty && scales.allSatisfy { $0.isFinite && $0 > 0 },
                     "scaledFeatures: every scale must be finite and positive, got \(scales)")
        return generate(samples: samples, inFeatures: scales.count, outFeatures: outFeatures,
                        noise: noise, seed: seed) { j, rng in scales[j] * rng.normal() }
    }

    /// Over-parameterised regression: more features than samples
    /// (`inFeatures > samples`), so the training loss can reach the noise
    /// floor's zero — many weights fit the data exactly — and only a
    /// held-out split tells a model that generalises from one that
    /// memorised the noise: the setting in which Loshchilov and Hutter
    /// compare L2 regularisation with decoupled weight decay. Features are
    /// N(0, 1/inFeatures), so y = W·x + b + noise·ε keeps unit-order
    /// variance whatever the width; W, b standard normal.
    ///
    /// - Precondition: `inFeatures > samples > 0`.
    public static func overparameterized(
        samples: Int, inFeatures: Int, outFeatures: Int = 1, noise: Double = 0.1, seed: UInt64
    ) -> RegressionProblem {
        precondition(samples > 0 && inFeatures > samples,
                     "overparameterized: inFeatures \(inFeatures) must exceed samples \(samples)")
        let scale = 1 / Double(inFeatures).squareRoot()
        return generate(samples: samples, inFeatures: inFeatures, outFeatures: outFeatures,
                        noise: noise, seed: seed) { _, rng in scale * rng.normal() }
    }
}

extension Dataset {
    /// Badly scaled regression data; see `RegressionProblem.scaledFeatures`.
    public static func scaledFeatures(
        samples: Int, scales: [Double], outFeatures: Int = 1, noise: Double = 0.1, seed: UInt64
    ) -> Dataset {
        RegressionProblem.scaledFeatures(samples: samples, scales: scales, outFeatures: outFeatures,
                                         noise: noise, seed: seed).data
    }

    /// More features than samples; see `RegressionProblem.overparameterized`.
    public static func overparameterized(
        samples: Int, inFeatures: Int, outFeatures: Int = 1, noise: Double = 0.1, seed: UInt64
    ) -> Dataset {
        RegressionProblem.overparameterized(samples: samples, inFeatures: inFeatures,
                                            outFeatures: outFeatures, noise: noise, seed: seed).data
    }

    /// Log-spaced feature scales from `smallest` to `largest`, for
    /// `scaledFeatures`: `count` values whose consecutive ratios are equal.
    public static func logScales(_ count: Int, from smallest: Double, to largest: Double) -> [Double] {
        precondition(count > 0 && smallest > 0 && largest > 0, "logScales: need count > 0 and positive bounds")
        guard count > 1 else { return [smallest] }
        let ratio = Foundation.log(largest / smallest) / Double(count - 1)
        return (0..<count).map { i in i == count - 1 ? largest : smallest * Foundation.exp(ratio * Double(i)) }
    }
}
