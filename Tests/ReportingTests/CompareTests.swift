import Foundation
import Optimizers
import Testing
@testable import Reporting

/// Plain gradient descent, p ← p − lr·g: the simplest torch-style optimizer,
/// written here so the test does not depend on the library's optimizers.
private final class PlainGradientDescent: Optimizer {
    typealias Scalar = Double
    let parameters: [Parameter<Double>]
    var lr: Double
    init(_ parameters: [Parameter<Double>], lr: Double) {
        self.parameters = parameters; self.lr = lr
    }
    func step() {
        for p in parameters {
            guard let g = p.grad else { continue }
            for i in p.value.indices { p.value[i] -= lr * g[i] }
        }
    }
}

@Suite("compare runs a library optimizer and a manual step side by side")
struct CompareTests {
    // f(θ) = a/2 · Σ θ_i², ∇f = a·θ. Gradient descent with rate lr multiplies θ
    // by c = 1 − lr·a each step, so θ_k = c^k θ_0 and f_k = c^(2k) f_0.
    static let a = 0.8
    static let initial: [Double] = [1, -2]
    static let f0 = 0.5 * a * (1 + 4)

    static func parameters() -> [Parameter<Double>] {
        [Parameter([initial[0]], name: "w"), Parameter([initial[1]], name: "b")]
    }

    static func lossAndGradients(_ ps: [Parameter<Double>]) -> Double {
        var loss = 0.0
        for p in ps {
            loss += 0.5 * a * p.value.reduce(0) { $0 + $1 * $1 }
            p.grad = p.value.map { a * $0 }
        }
        return loss
    }

    static func gradientStep(lr: Double) -> (inout [Double], [Double]) -> Void {
        { theta, g in for i in theta.indices { theta[i] -= lr * g[i] } }
    }

    @Test("the same rule on both sides: max|Δθ| is exactly 0 and the loss is c^(2k)·f0")
    func identicalRules() {
        let lr = 0.5  // c = 1 − 0.5·0.8 = 0.6
        let start = Self.parameters()
        let result = compare(
            "same", title: "GD vs GD", steps: 10, initial: start,
            lossAndGradients: Self.lossAndGradients,
            library: { PlainGradientDescent($0, lr: lr) },
            libraryLabel: "PlainGradientDescent(lr: 0.5)", manualLabel: "θ −= lr·g",
            manual: Self.gradientStep(lr: lr), lossThreshold: 0.1)
        #expect(result.steps == 10)
        #expect(result.libraryLoss.count == 11 && result.manualLoss.count == 11)
        #expect(result.maxAbsDifference == Array(repeating: 0, count: 10))
        #expect(result.libraryLoss == result.manualLoss)
        for k in 0...10 {
            let expected = pow(0.6, Double(2 * k)) * Self.f0
            #expect(abs(result.libraryLoss[k] - expected) <= 1e-13 * expected, "step \(k)")
        }
        // f_k = 2·0.36^k: 2, 0.72, 0.2592, 0.093312 → first ≤ 0.1 after 3 steps.
        #expect(result.librarySteps == 3 && result.manualSteps == 3)
        #expect(result.largestDifference == 0)
        #expect(result.librarySecondsPerStep >= 0 && result.manualSecondsPerStep >= 0)
        #expect(start.map(\.value) == [[1], [-2]], "the caller's parameters are not touched")
        #expect(start.allSatisfy { $0.grad == nil })
    }

    @Test("a different manual rule shows up as |c1^k − c2^k|·max|θ0| and its own loss curve")
    func differentRules() {
        // Library lr 0.5 (c1 = 0.6), manual lr 0.25 (c2 = 0.8).
        let result = compare(
            "different", title: "GD vs slower GD", steps: 8, initial: Self.parameters(),
            lossAndGradients: Self.lossAndGradients,
            library: { PlainGradientDescent($0, lr: 0.5) },
            libraryLabel: "lr 0.5", manualLabel: "lr 0.25",
            manual: Self.gradientStep(lr: 0.25), lossThreshold: 0.1)
        for k in 1...8 {
            let expected = 2 * abs(pow(0.6, Double(k)) - pow(0.8, Double(k)))
            #expect(abs(result.maxAbsDifference[k - 1] - expected) <= 1e-13, "step \(k)")
        }
        for k in 0...8 {
            let expected = pow(0.8, Double(2 * k)) * Self.f0
            #expect(abs(result.manualLoss[k] - expected) <= 1e-13 * expected, "step \(k)")
        }
        // Manual f_k = 2·0.64^k ≤ 0.1 first at k = 7 (0.0880), not at 6 (0.1374).
        #expect(result.librarySteps == 3 && result.manualSteps == 7)
        #expect(abs(result.largestDifference - result.maxAbsDifference.max()!) == 0)
        #expect(result.largestDifference > 0.2)
    }

    @Test("a NaN from the manual side makes the difference NaN, never 0")
    func nanDifference() {
        let result = compare(
            "nan", title: "", steps: 2, initial: Self.parameters(),
            lossAndGradients: Self.lossAndGradients,
            library: { PlainGradientDescent($0, lr: 0.5) },
            libraryLabel: "GD", manualLabel: "broken",
            manual: { theta, _ in theta[1] = .nan })
        #expect(result.maxAbsDifference.allSatisfy { $0.isNaN })
        #expect(result.largestDifference.isNaN)
        #expect(result.manualLoss[1].isNaN)
        #expect(result.librarySteps == nil, "no threshold given")
    }

    @Test("the manual side receives values and gradients flattened in parameter order")
    func flattening() {
        let ps = [Parameter([1.0, 2, 3, 4], shape: [2, 2], name: "W"), Parameter([5.0], name: "b")]
        var seen: [[Double]] = []
        compare("order", title: "", steps: 1, initial: ps,
                lossAndGradients: { ps in
                    for p in ps { p.grad = p.value.map { 10 * $0 } }
                    return 0
                },
                library: { PlainGradientDescent($0, lr: 0) },
                libraryLabel: "", manualLabel: "",
                manual: { theta, g in seen = [theta, g] })
        #expect(seen == [[1, 2, 3, 4, 5], [10, 20, 30, 40, 50]])
    }

    @Test("the step-aware loss sees k = 0…steps on each side, library first")
    func stepAwareLoss() {
        var calls: [Int] = []
        // f_k(x) = ½(x − k)², gradient x − k; with lr 1 a step lands on x = k.
        // From x = 0: loss 0 at k = 0 (x stays 0), then ½ at every later k.
        let result = compare(
            "moving target", title: "", steps: 3, initial: [Parameter([0.0])],
            lossAndGradients: { ps, k in
                calls.append(k)
                let residual = ps[0].value[0] - Double(k)
                ps[0].grad = [residual]
                return 0.5 * residual * residual
            },
            library: { PlainGradientDescent($0, lr: 1) },
            libraryLabel: "GD", manualLabel: "θ −= g", manual: Self.gradientStep(lr: 1))
        #expect(calls == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect(result.libraryLoss == [0, 0.5, 0.5, 0.5])
        #expect(result.manualLoss == result.libraryLoss)
        #expect(result.maxAbsDifference == [0, 0, 0])
    }
}
