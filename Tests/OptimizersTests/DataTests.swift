import Testing
import Optimizers

@Suite struct SyntheticDataTests {
    @Test func targetsAreTheHiddenLinearMapWhenThereIsNoNoise() {
        let problem = RegressionProblem<Double>.linearRegression(samples: 50, inFeatures: 4, outFeatures: 3, noise: 0, seed: 1)
        let data = problem.data
        #expect(data.samples == 50 && data.inFeatures == 4 && data.outFeatures == 3)
        #expect(data.inputs.count == 200 && data.targets.count == 150)
        #expect(problem.weight.count == 12 && problem.bias.count == 3)
        for s in 0..<50 {
            for o in 0..<3 {
                var y = problem.bias[o]
                for j in 0..<4 { y += problem.weight[o * 4 + j] * data.inputs[s * 4 + j] }
                // y = W·x + b, up to the order of summation.
                #expect(abs(data.targets[s * 3 + o] - y) <= 1e-14 * max(abs(y), 1))
            }
        }
    }

    @Test func inputsAreStandardNormalAndNoiseHasTheRequestedSize() {
        let n = 20_000
        let noisy = RegressionProblem<Double>.linearRegression(samples: n, inFeatures: 2, noise: 0.5, seed: 2)
        let clean = RegressionProblem<Double>.linearRegression(samples: n, inFeatures: 2, noise: 0, seed: 2)
        // The inputs and W, b do not depend on the noise level (documented draw order).
        #expect(noisy.data.inputs == clean.data.inputs)
        #expect(noisy.weight == clean.weight && noisy.bias == clean.bias)
        let x = noisy.data.inputs
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        #expect(abs(mean) < 5 / Double(x.count).squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / Double(x.count)).squareRoot())
        let residuals = zip(noisy.data.targets, clean.data.targets).map { $0 - $1 }
        let residualVariance = residuals.reduce(0) { $0 + $1 * $1 } / Double(n)
        // Var = 0.25, standard error 0.25·√(2/n).
        #expect(abs(residualVariance - 0.25) < 5 * 0.25 * (2 / Double(n)).squareRoot())
    }

    @Test func sameSeedSameDataAndFloatIsTheRoundedDouble() {
        let a = Dataset<Double>.linearRegression(samples: 30, inFeatures: 3, seed: 9)
        let b = Dataset<Double>.linearRegression(samples: 30, inFeatures: 3, seed: 9)
        let c = Dataset<Double>.linearRegression(samples: 30, inFeatures: 3, seed: 10)
        let f = Dataset<Float>.linearRegression(samples: 30, inFeatures: 3, seed: 9)
        #expect(a.inputs == b.inputs && a.targets == b.targets)
        #expect(a.inputs != c.inputs)
        #expect(f.inputs == a.inputs.map { Float($0) })
        #expect(f.targets == a.targets.map { Float($0) })
    }

    @Test func sparseFeaturesHaveTheRequestedDensities() {
        let n = 20_000, inFeatures = 6
        let data = Dataset<Double>.sparseFeatures(
            samples: n, inFeatures: inFeatures, frequentFeatures: 2,
            frequentDensity: 0.9, rareDensity: 0.05, seed: 4)
        for j in 0..<inFeatures {
            let active = (0..<n).filter { data.inputs[$0 * inFeatures + j] != 0 }.count
            let p = j < 2 ? 0.9 : 0.05
            // Binomial: five standard deviations of the observed fraction.
            #expect(abs(Double(active) / Double(n) - p) < 5 * (p * (1 - p) / Double(n)).squareRoot(), "feature \(j)")
        }
        let none = Dataset<Double>.sparseFeatures(
            samples: 100, inFeatures: 3, frequentFeatures: 0, rareDensity: 0, seed: 4)
        #expect(none.inputs.allSatisfy { $0 == 0 })
    }

    @Test func batchPicksRowsInOrder() {
        let data = Dataset<Double>(
            inputs: [0, 1, 10, 11, 20, 21], targets: [100, 200, 300], samples: 3, inFeatures: 2, outFeatures: 1)
        let batch = data.batch([2, 0, 2])
        #expect(batch.samples == 3 && batch.inFeatures == 2 && batch.outFeatures == 1)
        #expect(batch.inputs == [20, 21, 0, 1, 20, 21])
        #expect(batch.targets == [300, 100, 300])
        let empty = data.batch([])
        #expect(empty.samples == 0 && empty.inputs.isEmpty && empty.targets.isEmpty)
    }
}

@Suite struct LinearInitTests {
    @Test func weightsAndBiasLieWithinTorchsBound() {
        let layer = Linear<Double>(inFeatures: 400, outFeatures: 300, seed: 5)
        let bound = 1 / 400.0.squareRoot()  // 0.05
        #expect(layer.weight.value.count == 120_000 && layer.bias.value.count == 300)
        #expect(layer.weight.value.allSatisfy { $0 >= -bound && $0 < bound })
        #expect(layer.bias.value.allSatisfy { $0 >= -bound && $0 < bound })
        // U(−β, β): mean 0 (standard error β/√(3n)), variance β²/3 (standard
        // error β²·√(4/45n) for the sample variance of a uniform).
        let w = layer.weight.value, n = Double(w.count)
        let mean = w.reduce(0, +) / n
        let variance = w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        #expect(abs(mean) < 5 * bound / (3 * n).squareRoot())
        #expect(abs(variance - bound * bound / 3) < 5 * bound * bound * (4 / (45 * n)).squareRoot())
    }

    @Test func drawsWeightThenBiasFromTheSeededStream() {
        let layer = Linear<Double>(inFeatures: 3, outFeatures: 2, seed: 21)
        var rng = RandomSource(seed: 21)
        let bound = 1 / 3.0.squareRoot()
        let draws = (0..<8).map { _ in rng.uniform(in: -bound..<bound) }
        #expect(layer.weight.value == Array(draws[0..<6]))
        #expect(layer.bias.value == Array(draws[6..<8]))
        #expect(layer.inFeatures == 3 && layer.outFeatures == 2)
    }

    @Test func sharingOneStreamGivesDifferentLayers() {
        var rng = RandomSource(seed: 3)
        let first = Linear<Float>(inFeatures: 2, outFeatures: 2, rng: &rng)
        let second = Linear<Float>(inFeatures: 2, outFeatures: 2, rng: &rng)
        #expect(first.weight.value != second.weight.value)
        let again = Linear<Float>(inFeatures: 2, outFeatures: 2, seed: 3)
        #expect(again.weight.value == first.weight.value && again.bias.value == first.bias.value)
    }
}
