import Foundation
import Testing
import Optimizers

// Measured gaps to torch (scaled error, see `Gap`), x86_64 Linux:
// nadam-0 6.1e-16, nadam-1 9.7e-16; 1.6e-15 with every pow result (βᵗ and
// the momentum schedule's 0.96^(tψ)) one ulp off.

@Suite struct ManualNAdamTests {
    static let tolerance = 4e-15

    @Test(arguments: ["nadam-0-float64", "nadam-1-float64"])
    func nadamMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr"), eps = f.option("eps")
        let momentumDecay = f.option("momentum_decay")
        let (beta1, beta2) = f.betas
        var state = NAdamState(count: f.initial.count)
        let gap = f.replay {
            nadamStep(&$0, $1, state: &state, lr: lr, beta1: beta1, beta2: beta2, eps: eps, momentumDecay: momentumDecay)
        }
        #expect(gap.scaled <= Self.tolerance, "\(gap)")
    }

    /// Step 1: m = (1 − β₁)·g, v̂ = g², so
    /// m̂ = g·(1 + μ₂·(1 − β₁)/(1 − μ₁·μ₂)) and Δθ = −η·m̂/(|g| + ε),
    /// with μₜ = β₁·(1 − ½·0.96^(0.004·t)).
    @Test func firstStepByHand() {
        let g = [0.4, -1.5], η = 0.01, β1 = 0.9, ε = 1e-8
        let μ1 = β1 * (1 - 0.5 * pow(0.96, 0.004)), μ2 = β1 * (1 - 0.5 * pow(0.96, 0.008))
        var θ = [0.0, 0.0]
        var state = NAdamState(count: 2)
        nadamStep(&θ, g, state: &state, lr: η)
        let factor = 1 + μ2 * (1 - β1) / (1 - μ1 * μ2)
        for i in 0..<2 {
            let expected = -η * g[i] * factor / (abs(g[i]) + ε)
            #expect(abs(θ[i] - expected) <= 1e-15 * abs(expected))
        }
        // The schedule starts near β₁/2, not β₁: the look-ahead adds only ~5.6 %.
        #expect(abs(factor - 1.0565) < 1e-4)
        #expect(abs(state.muProduct - μ1) <= 1e-16)
    }

    /// With ψ so large that 0.96^(t·ψ) underflows to 0, μₜ = β₁ at every
    /// step. Then, under a constant gradient g (m = g·(1 − β₁ᵗ), v̂ = g²):
    /// Δθₜ = −η·g/(|g| + ε)·(β₁·(1 − β₁ᵗ)/(1 − β₁ᵗ⁺¹) + (1 − β₁)/(1 − β₁ᵗ)).
    @Test func constantScheduleUnderAConstantGradientFollowsTheClosedForm() {
        let g = 0.25, η = 0.05, β1 = 0.9, ε = 1e-8
        var θ = [0.0]
        var expected = 0.0
        var state = NAdamState(count: 1)
        for t in 1...12 {
            nadamStep(&θ, [g], state: &state, lr: η, beta1: β1, momentumDecay: 1e6)
            let b = pow(β1, Double(t)), bNext = pow(β1, Double(t + 1))
            expected -= η * g / (abs(g) + ε) * (β1 * (1 - b) / (1 - bNext) + (1 - β1) / (1 - b))
        }
        #expect(abs(θ[0] - expected) <= 1e-14 * abs(expected))
        #expect(abs(state.muProduct - pow(β1, 12)) <= 1e-15)
    }

    @Test func zeroGradientLeavesParametersInPlace() {
        var θ = [3.0, -0.0]
        var state = NAdamState(count: 2)
        for _ in 0..<3 { nadamStep(&θ, [0, 0], state: &state) }
        #expect(θ == [3.0, -0.0])
        #expect(state.t == 3)
    }
}
