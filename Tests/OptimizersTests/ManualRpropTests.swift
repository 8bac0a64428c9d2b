import Foundation
import Testing
import Optimizers

// Bit for bit: rprop-0 and rprop-1 agree with torch in every recorded
// number. The rule's only roundings are the step sizes' products with η±
// (clamped) and one subtraction of ±Δ, the same operations torch performs,
// with no libm call, so exact agreement holds on every platform, and any
// digit the fixture reader got wrong would show here first.

@Suite struct ManualRpropTests {
    @Test(arguments: ["rprop-0-float64", "rprop-1-float64"])
    func rpropMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let (etaMinus, etaPlus) = f.pair("etas")
        let (minStep, maxStep) = f.pair("step_sizes")
        var state = RpropState(count: f.initial.count, initialStepSize: f.option("lr"))
        let gap = f.replay {
            rpropStep(
                &$0, $1, state: &state, etaMinus: etaMinus, etaPlus: etaPlus, minStepSize: minStep,
                maxStepSize: maxStep)
        }
        #expect(gap.scaled == 0, "\(gap)")
    }

    /// Dyadic step sizes keep every number exact. Step 1: −sign(g)·Δ₀ (g′ = 0
    /// leaves Δ alone). Same sign: Δ·η₊, capped at Δmax. A flip: Δ·η₋ and no
    /// move; then g′ = 0, so the next step moves by the shrunk Δ unchanged.
    @Test func stepSizesGrowShrinkAndSkipByHand() {
        var θ = [0.0, 0.0]
        var state = RpropState(count: 2, initialStepSize: 0.25)
        func step(_ g: [Double]) {
            rpropStep(&θ, g, state: &state, etaMinus: 0.5, etaPlus: 2, minStepSize: 0.125, maxStepSize: 1)
        }
        step([3, -1e-9])  // sizes of the gradient do not matter
        #expect(θ == [-0.25, 0.25] && state.stepSizes == [0.25, 0.25])
        step([0.1, -5])
        #expect(θ == [-0.75, 0.75] && state.stepSizes == [0.5, 0.5])
        step([0.1, -5])
        #expect(θ == [-1.75, 1.75] && state.stepSizes == [1, 1])
        step([0.1, 5])  // second coordinate flips: shrink, stay put
        #expect(θ == [-2.75, 1.75] && state.stepSizes == [1, 0.5])
        #expect(state.previousGradient == [0.1, 0])
        step([0.1, 5])
        #expect(θ == [-3.75, 1.25] && state.stepSizes == [1, 0.5])
        step([-0.1, -5])  // both flip
        #expect(θ == [-3.75, 1.25] && state.stepSizes == [0.5, 0.25])
        step([-0.1, 5])  // g′ = 0 after a flip: move by the shrunk sizes
        #expect(θ == [-3.25, 1.0] && state.stepSizes == [0.5, 0.25])
        step([0.1, -5])  // both flip again
        step([0.1, -5])
        #expect(θ == [-3.5, 1.125] && state.stepSizes == [0.25, 0.125])
        step([0.1, 5])  // the second flips at the floor: 0.0625 is raised to Δmin
        #expect(θ == [-4.0, 1.125] && state.stepSizes == [0.5, 0.125])
    }

    @Test func zeroGradientNeverMoves() {
        var θ = [1.0, -2.0]
        var state = RpropState(count: 2, initialStepSize: 0.1)
        for _ in 0..<3 { rpropStep(&θ, [0, -0.0], state: &state) }
        #expect(θ == [1.0, -2.0] && state.stepSizes == [0.1, 0.1])
    }
}
