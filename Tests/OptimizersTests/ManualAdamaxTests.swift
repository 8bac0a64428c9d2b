import Foundation
import Testing
import Optimizers

// Measured gaps to torch (scaled error, see `Gap`), x86_64 Linux:
// adamax-0 1.1e-16, adamax-1 5.6e-17, radam-0 3.5e-18, radam-1 1.1e-16;
// plain relative error up to 6.5e-15 (adamax-0) at a value of 1.9e-3.
// Moving pow's result by an ulp leaves Adamax's gaps alone but takes
// RAdam's to 1.1e-14: ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ) is a difference of two
// numbers near 2/(1 − β₂), so β₂ᵗ's last bit decides ρₜ's leading digits in
// the first steps where ρₜ > 5. Hence RAdam's looser bound.

@Suite struct ManualAdamaxTests {
    static let adamaxTolerance = 5e-16
    static let radamTolerance = 3e-14

    @Test(arguments: ["adamax-0-float64", "adamax-1-float64"])
    func adamaxMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr"), eps = f.option("eps")
        let λ = f.option("weight_decay")
        let (beta1, beta2) = f.betas
        var state = AdamaxState(count: f.initial.count)
        // torch's weight_decay is the L2 penalty: g + λθ goes into the rule.
        let gap = f.replay { θ, g in
            adamaxStep(&θ, zip(g, θ).map { $0 + λ * $1 }, state: &state, lr: lr, beta1: beta1, beta2: beta2, eps: eps)
        }
        #expect(gap.scaled <= Self.adamaxTolerance, "\(gap)")
    }

    @Test(arguments: ["radam-0-float64", "radam-1-float64"])
    func radamMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr"), eps = f.option("eps")
        let λ = f.option("weight_decay")
        #expect(λ == 0 || f.options["decoupled_weight_decay"] == .flag(true))
        let (beta1, beta2) = f.betas
        var state = RAdamState(count: f.initial.count)
        // Decoupled decay (AdamW style) shrinks θ before the rule.
        let gap = f.replay { θ, g in
            θ = θ.map { $0 * (1 - lr * λ) }
            radamStep(&θ, g, state: &state, lr: lr, beta1: beta1, beta2: beta2, eps: eps)
        }
        #expect(gap.scaled <= Self.radamTolerance, "\(gap)")
    }

    /// Step 1: m = (1 − β₁)·g and u = |g| + ε, so θ moves by
    /// −η·g/(|g| + ε): about η against the sign of g, whatever |g| is.
    @Test func adamaxFirstStepByHand() {
        let g = [0.5, -3.0, 1e-8, 0], η = 0.002, ε = 1e-8
        var θ = [0.0, 0.0, 0.0, 0.0]
        var state = AdamaxState(count: 4)
        adamaxStep(&θ, g, state: &state, lr: η)
        for i in 0..<4 {
            let expected = -η * g[i] / (abs(g[i]) + ε)
            #expect(abs(θ[i] - expected) <= 1e-15 * abs(expected))
        }
        #expect(θ[2] == -η / 2)  // |g| = ε: half a step
        #expect(θ[3] == 0)  // u = ε keeps 0/0 away
    }

    /// u is a maximum, not an average: after one gradient of 4 and then k
    /// gradients of 0.25, u = (4 + ε)·β₂ᵏ (exact for β₂ = 1/2) as long as
    /// that exceeds 0.25 + ε.
    @Test func adamaxNormRemembersTheLargestGradientDecayedByBeta2() {
        var θ = [0.0]
        var state = AdamaxState(count: 1)
        adamaxStep(&θ, [4], state: &state, beta2: 0.5)
        for k in 1...5 {
            adamaxStep(&θ, [0.25], state: &state, beta2: 0.5)
            #expect(state.u[0] == max((4 + 1e-8) * pow(0.5, Double(k)), 0.25 + 1e-8))
        }
        #expect(state.u[0] == 0.25 + 1e-8)  // (4 + ε)/16 fell just below |g| + ε at k = 4
    }

    /// With β₂ = 0.999, ρₜ ≈ t − (t − 1)²/2000 (hand expansion), so ρ₅ ≈ 4.996
    /// and ρ₆ ≈ 5.994: under a constant gradient c (m̂ = c exactly) the first
    /// five steps are −η·c each and the sixth is −η·r₆·c/(|c| + ε/√(1 − β₂⁶)).
    @Test func radamWaitsFiveStepsBeforeAdapting() {
        let c = 0.5, η = 0.1, β2 = 0.999, ε = 1e-8
        var θ = [0.0]
        var state = RAdamState(count: 1)
        for t in 1...5 {
            radamStep(&θ, [c], state: &state, lr: η)
            #expect(abs(θ[0] - -η * c * Double(t)) <= 1e-15 * Double(t))
        }
        // The formula, not the literal 1999: 1 − 0.999 is not 0.001 in binary,
        // and ρ₆ = ρ∞ − 1993.0… cancels, amplifying the difference to 5e-13.
        let ρInf = 2 / (1 - β2) - 1
        let ρ6 = ρInf - 12 * pow(β2, 6) / (1 - pow(β2, 6))
        #expect(abs(ρ6 - 5.994) < 1e-3)
        let r6 = ((ρ6 - 4) * (ρ6 - 2) * ρInf / ((ρInf - 4) * (ρInf - 2) * ρ6)).squareRoot()
        let before = θ[0]
        radamStep(&θ, [c], state: &state, lr: η)
        let expected = -η * r6 * c / (abs(c) + ε / (1 - pow(β2, 6)).squareRoot())
        #expect(abs((θ[0] - before) - expected) <= 1e-14 * abs(expected))
        #expect(r6 < 0.03)  // the first adaptive step is small: r warms up towards 1
    }
}
