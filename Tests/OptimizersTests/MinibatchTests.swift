import Testing
import Optimizers

@Suite struct MinibatchTests {
    @Test func eachEpochVisitsEverySampleOnceInANewOrder() {
        var batches = MinibatchIndices(samples: 10, batchSize: 4, seed: 3)
        var epochs: [[Int]] = [[], []]
        var sizes: [Int] = []
        for _ in 0..<6 {  // 4 + 4 + 2 per epoch, two epochs
            let b = batches.next()!
            sizes.append(b.count)
            epochs[batches.epoch] += b  // the epoch the batch came from
        }
        #expect(sizes == [4, 4, 2, 4, 4, 2])
        #expect(epochs[0].sorted() == Array(0..<10) && epochs[1].sorted() == Array(0..<10))
        #expect(epochs[0] != epochs[1], "the order is reshuffled every epoch")
        // Epoch k's order is the k-th permutation drawn from RandomSource(seed:).
        var rng = RandomSource(seed: 3)
        #expect(epochs[0] == rng.permutation(of: 10) && epochs[1] == rng.permutation(of: 10))
    }

    @Test func dropSkipsTheShortBatchAndEveryBatchIsFull() {
        var batches = MinibatchIndices(samples: 10, batchSize: 4, seed: 3, lastBatch: .drop)
        let firstSix = (0..<6).map { _ in batches.next()! }
        #expect(firstSix.allSatisfy { $0.count == 4 })
        // Two full batches per epoch: the sixth batch came from epoch 2.
        #expect(batches.epoch == 2)
        // The kept batches are the first 8 of each epoch's permutation.
        var rng = RandomSource(seed: 3)
        let p0 = rng.permutation(of: 10)
        #expect(firstSix[0] + firstSix[1] == Array(p0[..<8]))
    }

    @Test func batchLargerThanTheDataIsOneBatchPerEpochWhenKept() {
        var batches = MinibatchIndices(samples: 3, batchSize: 8, seed: 1)
        #expect(batches.next()!.sorted() == [0, 1, 2])
        #expect(batches.epoch == 0)
        _ = batches.next()
        #expect(batches.epoch == 1)
    }

    @Test func minibatchTrainingIsSeededAndStepsOncePerBatch() throws {
        let data = Dataset<Double>.linearRegression(samples: 40, inFeatures: 3, seed: 5)
        func run(seed: UInt64) throws -> [Double] {
            let model = Linear<Double>(inFeatures: 3, outFeatures: 1, seed: 2)
            let opt = try SGD(model.parameters, lr: 0.05)
            return trainMinibatches(model, on: data, optimizer: opt, steps: 25, batchSize: 8, seed: seed)
        }
        let a = try run(seed: 9), b = try run(seed: 9), c = try run(seed: 10)
        #expect(a.count == 25)
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
        #expect(a != c)
        // Step 0's loss is the initial model's loss on batch 0.
        let model = Linear<Double>(inFeatures: 3, outFeatures: 1, seed: 2)
        var batches = MinibatchIndices(samples: 40, batchSize: 8, seed: 9)
        #expect(a[0] == model.loss(on: data.batch(batches.next()!)))
    }

    @Test func splitIsDisjointCompleteAndSeeded() {
        let data = Dataset<Double>.linearRegression(samples: 20, inFeatures: 2, seed: 1)
        let (train, heldOut) = data.split(heldOut: 5, seed: 4)
        #expect(train.samples == 15 && heldOut.samples == 5)
        // Rows are identified by their first input (distinct with probability 1).
        let rows = Set(stride(from: 0, to: 40, by: 2).map { data.inputs[$0] })
        let trainRows = Set(stride(from: 0, to: 30, by: 2).map { train.inputs[$0] })
        let heldRows = Set(stride(from: 0, to: 10, by: 2).map { heldOut.inputs[$0] })
        #expect(trainRows.isDisjoint(with: heldRows) && trainRows.union(heldRows) == rows)
        let again = data.split(heldOut: 5, seed: 4)
        #expect(again.heldOut.inputs == heldOut.inputs)
        #expect(data.split(heldOutFraction: 0.25, seed: 4).heldOut.samples == 5)
    }

    @Test func scaledFeaturesHaveTheirScales() {
        let scales = [0.01, 1, 100]
        let data = Dataset<Double>.scaledFeatures(samples: 20_000, scales: scales, seed: 7)
        for j in 0..<3 {
            let column = stride(from: j, to: data.inputs.count, by: 3).map { data.inputs[$0] }
            let rms = (column.reduce(0) { $0 + $1 * $1 } / Double(column.count)).squareRoot()
            // Standard error of an RMS over 20,000 normals is ~0.5 %.
            #expect(abs(rms / scales[j] - 1) < 0.03, "feature \(j): rms \(rms) for scale \(scales[j])")
        }
        let grid = Dataset<Double>.logScales(3, from: 0.01, to: 100)
        #expect(grid[0] == 0.01 && grid[2] == 100 && abs(grid[1] - 1) < 1e-12)
    }

    @Test func overparameterizedHasMoreFeaturesThanSamplesAndUnitScaleTargets() {
        let problem = RegressionProblem<Double>.overparameterized(samples: 50, inFeatures: 200, noise: 0, seed: 3)
        #expect(problem.data.inFeatures == 200 && problem.data.samples == 50)
        let x = problem.data.inputs
        let variance = x.reduce(0) { $0 + $1 * $1 } / Double(x.count)
        // Features are N(0, 1/200): 10,000 draws put the variance within ~5 %.
        #expect(abs(variance * 200 - 1) < 0.1)
        // Noise-free targets are exactly W·x + b (up to summation order).
        let y0 = problem.bias[0] + (0..<200).reduce(0.0) { $0 + problem.weight[$1] * x[$1] }
        #expect(abs(problem.data.targets[0] - y0) <= 1e-12 * max(1, abs(y0)))
    }
}
