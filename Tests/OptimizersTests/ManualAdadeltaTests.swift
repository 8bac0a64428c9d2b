import Foundation
import Testing
import Optimizers

// Measured gaps to torch (scaled error, see `Gap`), x86_64 Linux:
// adadelta-0 2.8e-17, adadelta-1 5.6e-17 (both at values below 1, so
// absolute). No libm call: these hold on every platform.

@Suite struct ManualAdadeltaTests {
    static let tolerance = 3e-16

    @Test(arguments: ["adadelta-0-float64", "adadelta-1-float64"])
    func adadeltaMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr"), rho = f.option("rho")
        let eps = f.option("eps"), λ = f.option("weight_decay")
        var state = AdadeltaState(count: f.initial.count)
        let gap = f.replay { θ, g in
            adadeltaStep(&θ, zip(g, θ).map { $0 + λ * $1 }, state: &state, lr: lr, rho: rho, eps: eps)
        }
        #expect(gap.scaled <= Self.tolerance, "\(gap)")
    }

    /// Step 1 with η = 1: E[Δx²] = 0, so Δ = −√ε/√((1 − ρ)g² + ε)·g, about
    /// −√(ε/(1 − ρ))·sign(g) ≈ −3.2e-3·sign(g) at the defaults.
    @Test func firstStepByHand() {
        let g = [2.0, -0.01, 0], ρ = 0.9, ε = 1e-6
        var θ = [1.0, 1.0, 1.0]
        var state = AdadeltaState(count: 3)
        adadeltaStep(&θ, g, state: &state)
        for i in 0..<3 {
            let Δ = -ε.squareRoot() / ((1 - ρ) * g[i] * g[i] + ε).squareRoot() * g[i]
            #expect(abs(θ[i] - (1 + Δ)) <= 1e-16)
            #expect(abs(state.squaredUpdates[i] - (1 - ρ) * Δ * Δ) <= 1e-15 * (1 - ρ) * Δ * Δ)
        }
        #expect(abs((1 - θ[0]) - (ε / (1 - ρ)).squareRoot()) < 1e-7)
        #expect(θ[2] == 1)
    }

    /// η scales only the applied step: E[Δx²] is the same for any η, so two
    /// runs differ by exactly the factor η in their displacement.
    @Test func learningRateScalesTheStepButNotTheAverage() {
        let gradients: [[Double]] = [[0.5], [0.25], [-1], [0.75]]
        var a = [0.0], b = [0.0]
        var sa = AdadeltaState(count: 1), sb = AdadeltaState(count: 1)
        for g in gradients {
            adadeltaStep(&a, g, state: &sa, lr: 1)
            adadeltaStep(&b, g, state: &sb, lr: 0.5)
        }
        #expect(sa == sb)
        #expect(abs(b[0] - a[0] / 2) <= 1e-17)
    }
}
