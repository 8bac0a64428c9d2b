import Foundation
import Testing
import Optimizers

// Measured gaps to torch (scaled error, see `Gap`), x86_64 Linux:
// adam-0 1.7e-16, adam-1 1.1e-16, adamw-0 1.3e-15, adamw-1 3.4e-15,
// adamw-zero-gradient 8.9e-16. AdamW's come from writing the decay as
// θ − η·(u + λ·θ) where torch computes θ·(1 − η·λ) − η·u (written that
// way, they fall to 1.1e-16, and 0 for zero-gradient). Plain relative error
// reaches 5.6e-14 (adamw-0) at a value of 3e-5. With every pow(β, t) one
// ulp off, the gaps reach 1.1e-15 (Adam) and 4.1e-15 (AdamW). `Gap`'s rule
// would give AdamW 2e-14; it keeps 1e-14, 2.9× its measured gap and 2.4×
// the one-ulp worst case.

@Suite struct ManualAdamTests {
    static let adamTolerance = 3e-15
    static let adamwTolerance = 1e-14

    @Test(arguments: ["adam-0-float64", "adam-1-float64"])
    func adamMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr"), eps = f.option("eps")
        let (beta1, beta2) = f.betas
        var state = AdamState(count: f.initial.count)
        let gap = f.replay { adamStep(&$0, $1, state: &state, lr: lr, beta1: beta1, beta2: beta2, eps: eps) }
        #expect(gap.scaled <= Self.adamTolerance, "\(gap)")
        #expect(state.t == f.steps.count)
    }

    @Test(arguments: ["adamw-0-float64", "adamw-1-float64", "adamw-zero-gradient"])
    func adamwMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr"), eps = f.option("eps")
        let weightDecay = f.option("weight_decay")
        let (beta1, beta2) = f.betas
        var state = AdamState(count: f.initial.count)
        let gap = f.replay {
            adamwStep(&$0, $1, state: &state, lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay)
        }
        #expect(gap.scaled <= Self.adamwTolerance, "\(gap)")
    }

    /// Step 1: m̂ = g and v̂ = g², so Δθ = −η·g/(|g| + ε); with a constant
    /// gradient that stays true at every step (the bias corrections undo the
    /// zero start exactly), so after k steps θ = θ₀ − k·η·g/(|g| + ε).
    @Test func adamStepsByHand() {
        let g = [0.3, -2.0, 1e-9, 1e-7, 0], η = 0.01, ε = 1e-8
        var θ = [1.0, 1.0, 1.0, 1.0, 1.0]
        var state = AdamState(count: g.count)
        adamStep(&θ, g, state: &state, lr: η, eps: ε)
        for i in g.indices {
            let expected = 1 - η * g[i] / (abs(g[i]) + ε)
            #expect(abs(θ[i] - expected) <= 1e-15, "g = \(g[i])")
        }
        // g = 1e-9 is below ε: the step is η/11, not η.
        #expect(abs((1 - θ[2]) - η / 11) <= 1e-15)
        for _ in 2...50 { adamStep(&θ, g, state: &state, lr: η, eps: ε) }
        for i in g.indices {
            let expected = 1 - 50 * η * g[i] / (abs(g[i]) + ε)
            #expect(abs(θ[i] - expected) <= 1e-13, "g = \(g[i])")
        }
        #expect(θ[4] == 1)  // exactly: 0/(0 + ε)
    }

    @Test func adamIgnoresTheGradientScaleWhenEpsIsZero() {
        // Identity: every quantity scales, m by s, √v by |s|, so m̂/√v̂ does not.
        let gradients: [[Double]] = [[0.3, -1], [0.1, 2], [-0.7, 0.05], [0.2, 0.2]]
        var small = [0.5, -0.5], large = small
        var s1 = AdamState(count: 2), s2 = AdamState(count: 2)
        for g in gradients {
            adamStep(&small, g, state: &s1, lr: 0.1, eps: 0)
            adamStep(&large, g.map { $0 * 1024 }, state: &s2, lr: 0.1, eps: 0)
        }
        // 1024 is a power of two: the scaled arithmetic is exactly the same.
        #expect(small == large)
    }

    @Test func adamwOnAZeroGradientOnlyDecays() {
        // g = 0: m̂ = 0, so each step is θ ← θ·(1 − η·λ).
        let η = 0.1, λ = 0.5, θ0 = [2.0, -0.25, 0]
        var θ = θ0
        var state = AdamState(count: 3)
        for _ in 0..<30 { adamwStep(&θ, [0, 0, 0], state: &state, lr: η, weightDecay: λ) }
        for i in 0..<3 {
            let expected = θ0[i] * pow(1 - η * λ, 30)
            #expect(abs(θ[i] - expected) <= 1e-14 * abs(expected))
        }
        #expect(θ[2] == 0)
    }

    @Test func adamwWithoutDecayIsAdam() {
        let gradients: [[Double]] = [[0.3, -1], [0.1, 2], [-0.7, 0.05]]
        var a = [0.5, -0.5], w = a
        var s1 = AdamState(count: 2), s2 = AdamState(count: 2)
        for g in gradients {
            adamStep(&a, g, state: &s1, lr: 0.1)
            adamwStep(&w, g, state: &s2, lr: 0.1, weightDecay: 0)
        }
        // η·(u + 0) versus (η·m̂)/d: the same value, rounded differently.
        for (x, y) in zip(a, w) { #expect(abs(x - y) <= 1e-15) }
        #expect(s1 == s2)
    }

    @Test func nonFiniteGradientsPoisonOnlyTheirCoordinate() {
        var θ = [1.0, 1.0, 1.0]
        var state = AdamState(count: 3)
        adamStep(&θ, [.nan, .infinity, 1], state: &state, lr: 0.1)
        // ∞/∞ in m̂/√v̂ is NaN, as in torch.
        #expect(θ[0].isNaN && θ[1].isNaN)
        #expect(abs(θ[2] - (1 - 0.1 / (1 + 1e-8))) <= 1e-15)
    }
}
