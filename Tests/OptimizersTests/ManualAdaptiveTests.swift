import Foundation
import Testing
import Optimizers

// Measured gaps to torch (scaled error, see `Gap`), x86_64 Linux:
// adagrad-0 1.1e-16, adagrad-2 1.1e-16, rmsprop-0 5.6e-17, rmsprop-1 5.6e-17;
// plain relative error up to 1.8e-14 (rmsprop-0) at a value of 7.7e-4.
// No libm call: these hold on every platform.

@Suite struct ManualAdaptiveTests {
    static let tolerance = 5e-16

    @Test(arguments: ["adagrad-0-float64", "adagrad-2-float64"])
    func adagradMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr"), eps = f.option("eps")
        var state = AdagradState(
            count: f.initial.count, initialAccumulator: f.option("initial_accumulator_value"))
        let gap = f.replay { adagradStep(&$0, $1, state: &state, lr: lr, eps: eps) }
        #expect(gap.scaled <= Self.tolerance, "\(gap)")
    }

    @Test(arguments: ["rmsprop-0-float64", "rmsprop-1-float64"])
    func rmsPropMatchesTorch(name: String) throws {
        let f = try RecordedRun(name)
        let lr = f.option("lr")
        let alpha = f.option("alpha"), eps = f.option("eps")
        var state = RMSpropState(count: f.initial.count)
        let gap = f.replay { rmsPropStep(&$0, $1, state: &state, lr: lr, alpha: alpha, eps: eps) }
        #expect(gap.scaled <= Self.tolerance, "\(gap)")
    }

    /// With a constant gradient c, G after j steps is j·c², so step j moves θ
    /// by −η·c/(√j·|c| + ε).
    @Test func adagradUnderAConstantGradientShrinksLikeOneOverRootT() {
        let c = [0.5, -2.0, 1e-3], η = 0.1, ε = 1e-10
        var θ = [0.0, 0.0, 0.0]
        var state = AdagradState(count: 3)
        var expected = [0.0, 0.0, 0.0]
        for j in 1...20 {
            adagradStep(&θ, c, state: &state, lr: η, eps: ε)
            for i in 0..<3 {
                expected[i] -= η * c[i] / (Double(j).squareRoot() * abs(c[i]) + ε)
            }
        }
        for i in 0..<3 {
            #expect(abs(state.sumOfSquares[i] - 20 * c[i] * c[i]) <= 1e-14 * c[i] * c[i] * 20)
            #expect(abs(θ[i] - expected[i]) <= 1e-14 * abs(expected[i]))
        }
    }

    @Test func adagradCoordinatesWithoutGradientKeepTheirFullStep() {
        // The Adagrad story: a coordinate seen for the first time at step 10
        // takes a step of about η, while a busy one takes about η/√10.
        var θ = [0.0, 0.0]
        var state = AdagradState(count: 2)
        for _ in 0..<9 { adagradStep(&θ, [1, 0], state: &state, lr: 0.1) }
        #expect(θ[1] == 0)  // exactly: g = 0 gives 0/(0 + ε) = 0
        let before = θ
        adagradStep(&θ, [1, 1], state: &state, lr: 0.1)
        #expect(abs((before[0] - θ[0]) - 0.1 / (10.0.squareRoot() + 1e-10)) <= 1e-15)
        #expect(abs((before[1] - θ[1]) - 0.1 / (1 + 1e-10)) <= 1e-15)
    }

    /// Step 1: E[g²] = (1 − α)·g², so θ moves by −η·g/(√(1 − α)·|g| + ε),
    /// about η/√(1 − α) = 10·η at α = 0.99.
    @Test func rmsPropFirstStepByHand() {
        let g = [0.5, -3.0, 2e-7], η = 0.01, α = 0.99, ε = 1e-8
        var θ = [1.0, 1.0, 1.0]
        var state = RMSpropState(count: 3)
        rmsPropStep(&θ, g, state: &state, lr: η, alpha: α, eps: ε)
        for i in 0..<3 {
            let expected = 1 - η * g[i] / ((1 - α).squareRoot() * abs(g[i]) + ε)
            #expect(abs(θ[i] - expected) <= 1e-15)
        }
        // 10·η when |g| ≫ ε; here ε/(√(1 − α)·|g|) = 2e-7 of it is lost to ε.
        #expect(abs((1 - θ[0]) - 0.1) <= 0.1 * 2.1e-7)
    }

    @Test func zeroGradientLeavesBothInPlaceAndNaNPropagates() {
        var θ = [0.25, -4.0]
        var adagrad = AdagradState(count: 2), rms = RMSpropState(count: 2)
        adagradStep(&θ, [0, -0.0], state: &adagrad, lr: 1)
        rmsPropStep(&θ, [0, -0.0], state: &rms, lr: 1)
        #expect(θ == [0.25, -4.0])
        rmsPropStep(&θ, [.nan, 1], state: &rms, lr: 1)
        #expect(θ[0].isNaN && !θ[1].isNaN && rms.squareAverage[0].isNaN)
    }
}
