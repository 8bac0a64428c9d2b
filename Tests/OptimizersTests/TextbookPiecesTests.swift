import Foundation
@testable import Optimizers
import Testing

/// The shared pieces of the manual steps, against identities derived by hand
/// rather than their own formulas.
@Suite struct TextbookPiecesTests {
    /// For a constant gradient g, t steps of the average from 0 give
    /// m = (1 − βᵗ)·g, so the bias-corrected m̂ is g again: what the
    /// correction is for. Rounding, in ulps of the value: each step rounds the
    /// average by up to an ulp and the average forgets an error only at rate
    /// 1 − β, so it can drift up to about 1/(1 − β) ulps; and βᵗ is within an
    /// ulp of 1, an absolute error 1 − βᵗ keeps, so the correction adds about
    /// 1/(1 − βᵗ) ulps (1,000 at β = 0.999, t = 1). The tolerance is 4× both.
    @Test(arguments: [0.5, 0.9, 0.999])
    func biasCorrectionUndoesTheZeroStart(β: Double) {
        for g in [1.0, -3.25, 1e-8] {
            var m = 0.0, v = 0.0
            for step in 1...200 {
                movingAverage(&m, g, β)
                movingAverageOfSquares(&v, g, β)
                let t = Double(step)
                let ulps = 4 * (1 / (1 - β) + 1 / (1 - pow(β, t)))
                #expect(abs(biasCorrected(m, β, t) - g) <= ulps * g.magnitude.ulp, "β \(β), g \(g), t \(step)")
                #expect(abs(biasCorrected(v, β, t) - g * g) <= ulps * (g * g).ulp, "β \(β), g \(g), t \(step)")
            }
        }
    }

    /// β = 0 keeps only the latest value, exactly; β = 1 never moves.
    @Test func extremeDecays() {
        var m = 5.0, v = 5.0
        movingAverage(&m, -0.75, 0)
        movingAverageOfSquares(&v, -0.75, 0)
        #expect(m == -0.75 && v == 0.5625)
        movingAverage(&m, 100, 1)
        movingAverageOfSquares(&v, 100, 1)
        #expect(m == -0.75 && v == 0.5625)
    }

    /// The average is the weighted sum (1 − β)·Σ βᵗ⁻ᵏ·gₖ, here for three
    /// gradients written out by hand, with NaN and ∞ passing through.
    @Test func averageIsTheWeightedSum() {
        var m = 0.0
        for g in [2.0, 4.0, 8.0] { movingAverage(&m, g, 0.5) }
        #expect(m == 0.5 * (8 + 0.5 * 4 + 0.25 * 2))
        var nan = 0.0, inf = 0.0
        movingAverage(&nan, .nan, 0.9)
        movingAverageOfSquares(&inf, .infinity, 0.9)
        #expect(nan.isNaN && inf == .infinity)
    }

    @Test func stepsCountFromOne() {
        var t = 0
        #expect(nextStep(&t) == 1 && nextStep(&t) == 2 && t == 2)
    }

    @Test func zerosForEveryCount() {
        #expect(zeros(3) == [0, 0, 0] && zeros(0).isEmpty && zeros(-2).isEmpty)
    }
}
