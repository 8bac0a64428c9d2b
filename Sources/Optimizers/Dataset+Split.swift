extension Dataset {
    /// A seeded train / held-out split: a permutation of the rows from
    /// `RandomSource(seed:)`; its first `heldOut` rows (in permutation
    /// order) are held out, the rest train. Every row lands in exactly one
    /// part. Measure generalisation on `heldOut`, never train on it.
    ///
    /// - Precondition: `0 < heldOut < samples`, so both parts have rows.
    public func split(heldOut: Int, seed: UInt64) -> (train: Dataset, heldOut: Dataset) {
        precondition(heldOut > 0 && heldOut < samples,
                     "split: heldOut \(heldOut) must be in 1..<\(samples) (the sample count)")
        var rng = RandomSource(seed: seed)
        let order = rng.permutation(of: samples)
        return (batch(Array(order[heldOut...])), batch(Array(order[..<heldOut])))
    }

    /// `split(heldOut:seed:)` with `round(fraction × samples)` rows held
    /// out, at least one and at most `samples − 1`.
    ///
    /// - Precondition: `0 < fraction < 1` and `samples ≥ 2`.
    public func split(heldOutFraction fraction: Double, seed: UInt64) -> (train: Dataset, heldOut: Dataset) {
        precondition(fraction > 0 && fraction < 1, "split: heldOutFraction \(fraction) must be in (0, 1)")
        precondition(samples >= 2, "split: \(samples) sample(s) cannot be split in two")
        let count = min(max(Int((fraction * Double(samples)).rounded()), 1), samples - 1)
        return split(heldOut: count, seed: seed)
    }
}
