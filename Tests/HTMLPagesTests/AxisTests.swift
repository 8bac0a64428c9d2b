import Testing
import Records
@testable import HTMLPages

/// Expected ticks are derived by hand from the rule "multiples of m·10^e,
/// m ∈ {1, 2, 5}, count closest to 5, ties to the larger step".
@Suite struct AxisTests {
    func close(_ a: [Double], _ b: [Double], rel: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= rel * max(abs($1), 1e-300) }
    }

    @Test func linearZeroToPointNineThree() {
        // steps 0.1 → 10 ticks, 0.2 → 5 ticks, 0.5 → 2 ticks: 0.2 wins.
        let t = Ticks.linear(0, 0.93)
        #expect(close(t, [0, 0.2, 0.4, 0.6, 0.8]), "\(t)")
        // Ticks are the doubles nearest the decimals, not accumulated sums.
        #expect(t[3] == 0.6)
    }

    @Test func linearSymmetricAndLarge() {
        // [-1, 1]: 0.2 → 11, 0.5 → 5, 1 → 3.
        #expect(close(Ticks.linear(-1, 1), [-1, -0.5, 0, 0.5, 1]))
        // [0, 100]: 10 → 11, 20 → 6, 50 → 3.
        #expect(close(Ticks.linear(0, 100), [0, 20, 40, 60, 80, 100]))
        // Reversed bounds mean the same range.
        #expect(close(Ticks.linear(100, 0), [0, 20, 40, 60, 80, 100]))
    }

    @Test func linearDegenerate() {
        #expect(Ticks.linear(3, 3) == [3])
        #expect(Ticks.linear(.nan, 1).isEmpty)
        #expect(Ticks.linear(0, .infinity).isEmpty)
    }

    @Test func logDecades() {
        // Decades inside [3e-5, 2]: 10^-4 … 10^0.
        #expect(close(Ticks.log(3e-5, 2), [1e-4, 1e-3, 1e-2, 1e-1, 1]))
        // Exactly on decades.
        #expect(close(Ticks.log(1e-3, 10), [1e-3, 1e-2, 1e-1, 1, 10]))
    }

    @Test func logWithinOneDecade() {
        // No decade inside [2, 9]; the 1-2-5 values inside are 2 and 5.
        #expect(close(Ticks.log(2, 9), [2, 5]))
        // Two decade ticks (0.1, 1) would leave [1, 7] unlabelled: the 1-2-5 values instead.
        #expect(close(Ticks.log(0.09, 7), [0.1, 0.2, 0.5, 1, 2, 5]))
        // Nothing of 1-2-5 inside [3, 4.5]: linear steps 0.2 → 8, 0.5 → 4: 0.5.
        #expect(close(Ticks.log(3, 4.5), [3, 3.5, 4, 4.5]))
    }

    @Test func logManyDecadesAreThinned() {
        // 25 decades 1e-12…1e12: stride (25 + 5) / 6 = 5.
        #expect(close(Ticks.log(1e-12, 1e12), [1e-12, 1e-7, 1e-2, 1e3, 1e8]))
    }

    @Test func logRejectsNonPositiveBounds() {
        #expect(Ticks.log(0, 10).isEmpty)
        #expect(Ticks.log(-1, 10).isEmpty)
    }

    @Test func tickLabelsAreConsistent() {
        #expect(formatTickLabels([0, 0.2, 0.4], step: 0.2) == ["0.0", "0.2", "0.4"])
        #expect(formatTickLabels([-0.5, 0, 0.5], step: 0.5) == ["-0.5", "0.0", "0.5"])
        #expect(formatTickLabels([0, 20, 40], step: 20) == ["0", "20", "40"])
        // One tick needing scientific notation makes them all scientific.
        #expect(formatTickLabels([1e-5, 1e-4, 1e-3], step: nil) == ["1e-05", "1e-04", "1e-03"])
        #expect(formatTickLabels([0, 5e5, 1e6], step: 5e5) == ["0", "5e+05", "1e+06"])
        #expect(formatTickLabels([0.001, 0.01, 0.1, 1], step: nil) == ["0.001", "0.01", "0.1", "1"])
    }

    @Test func degenerateDomainIsWidenedNotDividedBy() {
        let constant = Axis.fitting(2, 2, scale: .linear)
        #expect(constant.hi > constant.lo)
        let zero = Axis.fitting(0, 0, scale: .linear)
        #expect(zero.lo == -1 && zero.hi == 1)
        let none = Axis.fitting(nil, nil, scale: .log)
        #expect(none.lo == 0 && none.hi == 1)
    }
}
