extension Duration {
    /// The duration in seconds as a `Double`: the standard library's
    /// `Duration / Duration`, correctly rounded.
    public var totalSeconds: Double { self / .seconds(1) }
}

extension Comparison {
    /// The largest max|Δθ| over all steps; NaN if any step's is NaN.
    public var largestDifference: Double {
        maxAbsDifference.contains(where: \.isNaN) ? .nan : (maxAbsDifference.max() ?? 0)
    }

    /// The first k with `loss[k] <= threshold` (the number of steps taken to
    /// get there), or nil if the curve never gets there. NaN never reaches.
    public static func stepsToReach(_ threshold: Double, in loss: [Double]) -> Int? {
        loss.firstIndex { $0 <= threshold }
    }

    /// Steps the library side took to reach `lossThreshold`; nil when it did
    /// not or no threshold was given.
    public var librarySteps: Int? {
        lossThreshold.flatMap { Self.stepsToReach($0, in: libraryLoss) }
    }

    /// Steps the manual side took to reach `lossThreshold`.
    public var manualSteps: Int? {
        lossThreshold.flatMap { Self.stepsToReach($0, in: manualLoss) }
    }
}
