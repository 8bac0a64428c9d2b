extension Dataset {
    /// The samples at `indices`, in that order (repeats allowed): a
    /// mini-batch. Rows are copied, so the batch is independent of `self`.
    ///
    /// - Precondition: every index is in `0..<samples`.
    public func batch(_ indices: [Int]) -> Dataset {
        var batchInputs: [Scalar] = []
        var batchTargets: [Scalar] = []
        batchInputs.reserveCapacity(indices.count * inFeatures)
        batchTargets.reserveCapacity(indices.count * outFeatures)
        for row in indices {
            precondition(
                row >= 0 && row < samples,
                "Dataset.batch: index \(row) is outside 0..<\(samples)")
            batchInputs.append(contentsOf: inputs[(row * inFeatures)..<((row + 1) * inFeatures)])
            batchTargets.append(contentsOf: targets[(row * outFeatures)..<((row + 1) * outFeatures)])
        }
        return Dataset(
            inputs: batchInputs, targets: batchTargets, samples: indices.count,
            inFeatures: inFeatures, outFeatures: outFeatures)
    }
}
