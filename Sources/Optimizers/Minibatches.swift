/// What happens to the samples left over when the batch size does not
/// divide the data set: torch's `DataLoader(drop_last=)`.
public enum LastBatch: String, Sendable, Equatable, CaseIterable {
    /// The epoch ends with a smaller batch (`drop_last=False`, torch's
    /// default): every sample is visited once per epoch.
    case keep
    /// The leftover samples are skipped this epoch (`drop_last=True`):
    /// every step sees `batchSize` samples, so its gradient has the same
    /// noise level. The next epoch's reshuffle gives them a new chance.
    case drop
}

/// Seeded minibatch indices over `samples` samples, epoch after epoch,
/// without end.
///
/// Each epoch is one Fisher–Yates permutation of `0..<samples` drawn from
/// one `RandomSource(seed:)` (epoch 0's permutation first), cut into
/// consecutive batches of `batchSize`; `lastBatch` says what happens to a
/// short remainder. The sequence depends only on `(samples, batchSize,
/// seed, lastBatch)`, never on a generator shared with anything else, so two
/// runs that should see the same data (two optimizers on one seed) do.
///
/// Contract: the first `samples / batchSize` batches of an epoch are full;
/// with `.keep` and a remainder, one more holds the remainder. Within an
/// epoch no index repeats.
public struct MinibatchIndices: IteratorProtocol, Sequence, Sendable {
    /// The data set's size the indices range over (`0..<samples`).
    public let samples: Int
    /// Samples per full batch (≥ 1).
    public let batchSize: Int
    /// What happens to a remainder smaller than `batchSize`.
    public let lastBatch: LastBatch
    /// The epoch the next batch comes from (0-based).
    public private(set) var epoch = 0
    private var rng: RandomSource
    private var order: [Int] = []
    private var position = 0

    /// - Precondition: `samples > 0` and `0 < batchSize`; with `.drop`,
    ///   `batchSize <= samples` (else an epoch would have no batch at all).
    public init(samples: Int, batchSize: Int, seed: UInt64, lastBatch: LastBatch = .keep) {
        precondition(samples > 0, "minibatches: samples \(samples) must be positive")
        precondition(batchSize > 0, "minibatches: batchSize \(batchSize) must be positive")
        precondition(lastBatch == .keep || batchSize <= samples,
                     "minibatches: batchSize \(batchSize) > samples \(samples) with lastBatch .drop leaves no batch")
        self.samples = samples
        self.batchSize = batchSize
        self.lastBatch = lastBatch
        rng = RandomSource(seed: seed)
        order = rng.permutation(of: samples)
    }

    /// The indices of the next batch; never nil (epochs go on for ever).
    public mutating func next() -> [Int]? {
        var remaining = samples - position
        if remaining == 0 || (lastBatch == .drop && remaining < batchSize) {
            order = rng.permutation(of: samples)
            position = 0
            epoch += 1
            remaining = samples
        }
        let end = position + Swift.min(batchSize, remaining)
        defer { position = end }
        return Array(order[position..<end])
    }
}

extension Dataset {
    /// Seeded minibatches of this data set, epoch after epoch: see
    /// `MinibatchIndices` for the order. Each batch is a copy of its rows.
    public func minibatches(size: Int, seed: UInt64, lastBatch: LastBatch = .keep)
        -> some Sequence<Dataset> {
        MinibatchIndices(samples: samples, batchSize: size, seed: seed, lastBatch: lastBatch)
            .lazy.map { self.batch($0) }
    }
}

/// Minibatch training for a fixed number of steps: step k computes the mean
/// loss and gradients on batch k of `data.minibatches(size:seed:lastBatch:)`
/// and calls `optimizer.step()`. Epochs roll over as needed.
///
/// Returns `steps` batch losses (each on a different batch, so noisy: the
/// loss curve of stochastic training). Measure a held-out loss with
/// `model.loss(on:)` afterwards.
///
/// - Precondition: `batchSize > 0`; `optimizer` was built on
///   `model.parameters`. A negative `steps` counts as 0.
@discardableResult
public func trainMinibatches<Scalar>(
    _ model: Linear<Scalar>, on data: Dataset<Scalar>, optimizer: some Optimizer<Scalar>,
    steps: Int, batchSize: Int, seed: UInt64, lastBatch: LastBatch = .keep
) -> [Scalar] {
    var batches = MinibatchIndices(samples: data.samples, batchSize: batchSize, seed: seed,
                                   lastBatch: lastBatch)
    var losses: [Scalar] = []
    losses.reserveCapacity(max(steps, 0))
    for _ in 0..<max(steps, 0) {
        guard let indices = batches.next() else { break }
        losses.append(model.lossAndGradients(on: data.batch(indices)))
        optimizer.step()
    }
    return losses
}
