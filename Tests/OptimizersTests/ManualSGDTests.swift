import Foundation
import Testing
import Optimizers

// Manual rules against recorded torch trajectories: every parameter after
// every one of 40 steps, |a − e| ≤ tolerance·max(|e|, 1) (see `Gap` for the
// measure and how each suite's tolerance is chosen). Measured on x86_64
// Linux: sgd-0 3.5e-16, sgd-1 1.6e-16, sgd-3 2.2e-16 (≤ 1.6 ulps of 1); the
// plain relative error reaches 8.5e-15 (sgd-0, at a value of 7.7e-3) and
// 1.4e-14 (sgd-3, at 7.3e-4), where an ulp of the step is a large fraction
// of the value.

@Suite struct ManualSGDTests {
    static let tolerance = 2e-15

    @Test func sgdMatchesTorch() throws {
        let f = try RecordedRun("sgd-0-float64")
        let lr = f.option("lr")
        let gap = f.replay { sgdStep(&$0, $1, lr: lr) }
        #expect(gap.scaled <= Self.tolerance, "\(gap)")
    }

    @Test func momentumMatchesTorch() throws {
        let f = try RecordedRun("sgd-1-float64")
        let lr = f.option("lr"), momentum = f.option("momentum")
        var state = MomentumState(count: f.initial.count)
        let gap = f.replay { momentumStep(&$0, $1, state: &state, lr: lr, momentum: momentum) }
        #expect(gap.scaled <= Self.tolerance, "\(gap)")
    }

    @Test func nesterovMatchesTorch() throws {
        let f = try RecordedRun("sgd-3-float64")
        #expect(f.options["nesterov"] == .flag(true))
        let lr = f.option("lr"), momentum = f.option("momentum")
        var state = MomentumState(count: f.initial.count)
        let gap = f.replay { nesterovStep(&$0, $1, state: &state, lr: lr, momentum: momentum) }
        #expect(gap.scaled <= Self.tolerance, "\(gap)")
    }

    @Test func oneSGDStepByHand() {
        var θ = [1.0, -2, 0, 3]
        sgdStep(&θ, [0.5, 0.25, -4, 0], lr: 0.1)
        // 1 − 0.05, −2 − 0.025, 0 + 0.4, 3 − 0: one rounding each.
        for (a, e) in zip(θ, [0.95, -2.025, 0.4, 3]) {
            #expect(abs(a - e) <= 1e-15 * max(abs(e), 1))
        }
    }

    /// With a constant gradient c, b after k steps is c·(1 − μᵏ)/(1 − μ)
    /// and θ has moved by −η·c/(1 − μ)·(k − μ·(1 − μᵏ)/(1 − μ)).
    @Test func momentumUnderAConstantGradientFollowsTheClosedForm() {
        let θ0 = [1.0, -2, 0.5], c = [0.3, -1.5, 2.0], η = 0.05, μ = 0.9, k = 25
        var θ = θ0
        var state = MomentumState(count: 3)
        for _ in 0..<k { momentumStep(&θ, c, state: &state, lr: η, momentum: μ) }
        let μk = pow(μ, Double(k))
        for i in 0..<3 {
            let velocity = c[i] * (1 - μk) / (1 - μ)
            let expected = θ0[i] - η * c[i] / (1 - μ) * (Double(k) - μ * (1 - μk) / (1 - μ))
            #expect(abs(state.velocity[i] - velocity) <= 1e-13 * abs(velocity))
            #expect(abs(θ[i] - expected) <= 1e-13 * max(abs(expected), 1))
        }
    }

    /// Nesterov's step uses g + μ·b = c·(1 − μʲ⁺¹)/(1 − μ) at step j, so θ
    /// moves by −η·c/(1 − μ)·(k − μ²·(1 − μᵏ)/(1 − μ)).
    @Test func nesterovUnderAConstantGradientFollowsTheClosedForm() {
        let θ0 = [1.0, -2, 0.5], c = [0.3, -1.5, 2.0], η = 0.05, μ = 0.8, k = 25
        var θ = θ0
        var state = MomentumState(count: 3)
        for _ in 0..<k { nesterovStep(&θ, c, state: &state, lr: η, momentum: μ) }
        let μk = pow(μ, Double(k))
        for i in 0..<3 {
            let expected = θ0[i] - η * c[i] / (1 - μ) * (Double(k) - μ * μ * (1 - μk) / (1 - μ))
            #expect(abs(θ[i] - expected) <= 1e-13 * max(abs(expected), 1))
        }
    }

    @Test func zeroMomentumIsPlainSGD() {
        let g = [0.7, -0.1, 3e-9]
        var plain = [0.2, 0.4, -1.0], heavy = plain, nesterov = plain
        var s1 = MomentumState(count: 3), s2 = MomentumState(count: 3)
        for _ in 0..<5 {
            sgdStep(&plain, g, lr: 0.3)
            momentumStep(&heavy, g, state: &s1, lr: 0.3, momentum: 0)
            nesterovStep(&nesterov, g, state: &s2, lr: 0.3, momentum: 0)
        }
        // Exact: 0·b + g = g and g + 0·b = g.
        #expect(heavy == plain)
        #expect(nesterov == plain)
    }

    @Test func nonFiniteGradientsPropagate() {
        var θ = [1.0, 1.0]
        sgdStep(&θ, [.nan, .infinity], lr: 0.1)
        #expect(θ[0].isNaN && θ[1] == -.infinity)
        var φ = [1.0]
        var state = MomentumState(count: 1)
        momentumStep(&φ, [.nan], state: &state, lr: 0.1, momentum: 0.9)
        #expect(φ[0].isNaN && state.velocity[0].isNaN)
    }

    @Test func emptyVectorsAreANoOp() {
        var θ: [Double] = []
        var state = MomentumState(count: 0)
        nesterovStep(&θ, [], state: &state, lr: 1, momentum: 0.9)
        #expect(θ.isEmpty && state.velocity.isEmpty)
        #expect(MomentumState(count: -1).velocity.isEmpty)
    }
}
