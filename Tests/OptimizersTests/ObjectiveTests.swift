import Foundation
import Testing
import Optimizers

@Suite struct ObjectiveTests {
    /// Central difference (f(p + h·eᵢ) − f(p − h·eᵢ)) / 2h, h = 1e-6·max(1, |pᵢ|):
    /// truncation error h²·f‴/6 and rounding error ~1e-16·|f|/h, both far
    /// below the 1e-6 relative tolerance used with it at these points.
    func centralDifference(_ f: some Objective, at p: [Double]) -> [Double] {
        p.indices.map { i in
            let h = 1e-6 * max(1, abs(p[i]))
            var plus = p, minus = p
            plus[i] += h
            minus[i] -= h
            return (f.value(plus) - f.value(minus)) / (plus[i] - minus[i])
        }
    }

    static let points: [[Double]] = [[-1.2, 1], [0, 0], [0.5, -0.3], [2, 3.5], [-0.7, 0.49], [1, 1]]

    @Test(arguments: points)
    func rosenbrockGradientMatchesFiniteDifferences(point: [Double]) {
        for f in [Rosenbrock(), Rosenbrock(a: 2, b: 10)] {
            let analytic = f.gradient(point), numeric = centralDifference(f, at: point)
            for (a, n) in zip(analytic, numeric) {
                #expect(abs(a - n) <= 1e-6 * max(1, abs(a)), "\(f) at \(point): \(a) vs \(n)")
            }
        }
    }

    @Test(arguments: points)
    func quadraticGradientMatchesFiniteDifferences(point: [Double]) {
        for f in [Quadratic(conditionNumber: 50), Quadratic(a: 0.3, b: 7)] {
            let analytic = f.gradient(point), numeric = centralDifference(f, at: point)
            for (a, n) in zip(analytic, numeric) {
                #expect(abs(a - n) <= 1e-6 * max(1, abs(a)), "\(f) at \(point): \(a) vs \(n)")
            }
        }
    }

    @Test func minimaHaveValueZeroAndZeroGradient() {
        let objectives: [any Objective] = [
            Rosenbrock(), Rosenbrock(a: 2, b: 10), Rosenbrock(a: -0.5, b: 1),
            Quadratic(conditionNumber: 100), Quadratic(curvatures: [1, 2, 3, 4]),
        ]
        for f in objectives {
            // Exact: at the minimiser every term is (a − a) or (a² − a·a) or 0·0.
            #expect(f.value(f.minimum) == 0, "\(f)")
            #expect(f.gradient(f.minimum).allSatisfy { $0 == 0 }, "\(f)")
            #expect(f.minimum.count == f.dimension)
        }
    }

    @Test func rosenbrockAtTheClassicStart() {
        // By hand at (−1.2, 1): (1 + 1.2)² + 100·(1 − 1.44)² = 4.84 + 19.36,
        // ∂x = −2·2.2 − 400·(−1.2)·(−0.44) = −215.6, ∂y = 200·(−0.44) = −88.
        let f = Rosenbrock()
        #expect(abs(f.value([-1.2, 1]) - 24.2) <= 1e-13)
        let g = f.gradient([-1.2, 1])
        #expect(abs(g[0] + 215.6) <= 1e-12 && abs(g[1] + 88) <= 1e-12)
    }

    @Test func quadraticConditionNumberIsTheCurvatureRatio() {
        let f = Quadratic(conditionNumber: 25)
        #expect(f.curvatures == [25, 1])
        #expect(f.value([1, 1]) == 13)  // ½·(25 + 1), exact
        #expect(f.gradient([2, -3]) == [50, -3])
    }

    @Test func nonFiniteInputsPropagate() {
        #expect(Rosenbrock().value([.nan, 0]).isNaN)
        #expect(Rosenbrock().gradient([.nan, 0]).allSatisfy { $0.isNaN })
        #expect(Rosenbrock().value([.infinity, 0]) == .infinity)
        #expect(Quadratic(a: 1, b: 1).value([.infinity, 0]) == .infinity)
        #expect(Quadratic(a: 1, b: 1).gradient([-.infinity, 0])[0] == -.infinity)
    }

    @Test func gradientDescentOnAQuadraticFollowsTheClosedForm() {
        // xₖ = (1 − η·a)ᵏ·x₀ on each axis: contraction 0.6 along x, 0.98 along y.
        // Each step rounds about once, hence 1e-13 relative after 30 steps.
        let f = Quadratic(a: 4, b: 0.2), η = 0.1
        let path = trajectory(on: f, from: [1, 1], steps: 30) { sgdStep(&$0, $1, lr: η) }
        #expect(path.count == 31)
        #expect(path[0] == [1, 1])
        for (k, p) in path.enumerated() {
            let x = pow(0.6, Double(k)), y = pow(0.98, Double(k))
            #expect(abs(p[0] - x) <= 1e-13 * x && abs(p[1] - y) <= 1e-13 * y, "step \(k)")
        }
        #expect(trajectory(on: f, from: [1, 1], steps: 0) { _, _ in } == [[1, 1]])
    }
}
