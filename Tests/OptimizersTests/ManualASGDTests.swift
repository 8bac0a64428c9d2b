import Foundation
import Testing
import Optimizers

// Measured gaps to torch (scaled error, see `Gap`), x86_64 Linux:
// asgd-0 8.9e-16, asgd-1 1.5e-15. They come from the rule's form,
// θ − η·(g + λθ), where torch computes θ·(1 − λη) − η·g (written that way,
// both fall to 2.2e-16); moving pow's result (η's schedule) by an ulp
// changes neither.

@Suite struct ManualASGDTests {
    static let tolerance = 7e-15

    @Test(arguments: ["asgd-0-float64", "asgd-1-float64"])
    func asgdMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr"), lambd = f.option("lambd")
        let alpha = f.option("alpha"), t0 = f.option("t0")
        var state = ASGDState(count: f.initial.count, lr: lr)
        let gap = f.replay { asgdStep(&$0, $1, state: &state, lr: lr, lambd: lambd, alpha: alpha, t0: t0) }
        #expect(gap.scaled <= Self.tolerance, "\(gap)")
    }

    /// The average is the mean of torch's recorded iterates θ₇ … θ₄₀ (from
    /// step t₀ + 2 = 7 on): an identity checked against torch's numbers.
    /// Measured: 8.9e-16 at most.
    @Test func averageIsTheMeanOfTorchsIteratesAfterT0() throws {
        let f = try RecordedRun("asgd-1-float64")
        #expect(f.option("t0") == 5)
        var state = ASGDState(count: f.initial.count, lr: f.option("lr"))
        var θ = f.initial
        for step in f.steps {
            asgdStep(&θ, step.gradient, state: &state, lr: 0.02, lambd: 0.001, alpha: 0.7, t0: 5)
        }
        let averaged = f.steps[6...]
        for i in f.initial.indices {
            let mean = averaged.map { $0.parameters[i] }.reduce(0, +) / Double(averaged.count)
            #expect(abs(state.average[i] - mean) <= 4e-15 * max(abs(mean), 1))
        }
    }

    /// Step 1: θ − γ·(g + λθ); then η = γ/(1 + λγ)^α and μ = 1. With t₀ large
    /// μ stays 1, so the average is θ itself after every step.
    @Test func firstStepByHandAndAverageTracksTheIterate() {
        let γ = 0.1, λ = 0.5, α = 0.75
        var θ = [2.0, -1.0]
        var state = ASGDState(count: 2, lr: γ)
        asgdStep(&θ, [1, 4], state: &state, lr: γ, lambd: λ, alpha: α)
        #expect(θ == [2 - γ * (1 + λ * 2), -1 - γ * (4 + λ * -1)])
        #expect(state.average == θ)
        #expect(abs(state.eta - γ / pow(1 + λ * γ, α)) <= 1e-17 && state.mu == 1)
        for _ in 0..<5 {
            asgdStep(&θ, [0.3, -0.2], state: &state, lr: γ, lambd: λ, alpha: α)
            // θ̄ + 1·(θ − θ̄) is θ exactly: θ and θ̄ are within a factor of 2,
            // so θ − θ̄ is exact (Sterbenz).
            #expect(state.average == θ)
        }
    }
}
