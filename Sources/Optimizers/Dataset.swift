/// A full-batch regression data set: `samples` rows of `inFeatures` inputs
/// and `outFeatures` targets, both row-major.
public struct Dataset<Scalar: OptimizerScalar> {
    /// `samples × inFeatures`, row-major.
    public var inputs: [Scalar]
    /// `samples × outFeatures`, row-major.
    public var targets: [Scalar]
    /// N, the number of rows.
    public let samples: Int
    /// The inputs per row (a `Linear`'s `inFeatures`).
    public let inFeatures: Int
    /// The targets per row (a `Linear`'s `outFeatures`).
    public let outFeatures: Int

    /// Creates a data set; the counts must match the sizes (a programmer
    /// error otherwise, reported with both numbers).
    public init(inputs: [Scalar], targets: [Scalar], samples: Int, inFeatures: Int, outFeatures: Int) {
        precondition(
            samples >= 0 && inFeatures >= 0 && outFeatures >= 0,
            "Dataset: negative size (samples \(samples), inFeatures \(inFeatures), outFeatures \(outFeatures))")
        precondition(
            inputs.count == samples * inFeatures,
            "Dataset: \(inputs.count) inputs, expected samples × inFeatures = \(samples * inFeatures)")
        precondition(
            targets.count == samples * outFeatures,
            "Dataset: \(targets.count) targets, expected samples × outFeatures = \(samples * outFeatures)")
        self.inputs = inputs
        self.targets = targets
        self.samples = samples
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
    }
}

extension Dataset: Sendable where Scalar: Sendable {}
