import Testing
@testable import HTMLPages

/// Expected strings are the values rounded by hand to 6 significant digits.
@Suite struct NumberFormatTests {
    @Test func scientificForTinyAndHuge() {
        #expect(formatNumber(0.000012345) == "1.2345e-05")
        #expect(formatNumber(1.23456789e-7) == "1.23457e-07")
        #expect(formatNumber(-3e-9) == "-3e-09")
        #expect(formatNumber(1e6) == "1e+06")
        #expect(formatNumber(123_456_789) == "1.23457e+08")
        #expect(formatNumber(6.02214076e23) == "6.02214e+23")
        #expect(formatNumber(1e-300) == "1e-300")
    }

    @Test func fixedInBetween() {
        #expect(formatNumber(1234.5678) == "1234.57")
        #expect(formatNumber(0.0001) == "0.0001")
        #expect(formatNumber(123_456) == "123456")
        #expect(formatNumber(999_999.4) == "999999")
        #expect(formatNumber(0.1 + 0.2) == "0.3")
        #expect(formatNumber(-2.5) == "-2.5")
        #expect(formatNumber(1) == "1")
        #expect(formatNumber(42) == "42")
    }

    @Test func roundingAcrossTheThreshold() {
        // 999999.5 rounds to 1.00000e+06 at 6 digits: shown as it rounds.
        #expect(formatNumber(999_999.5) == "1e+06")
        // 9.999995 rounds up to 10.
        #expect(formatNumber(9.9999996) == "10")
    }

    @Test func specialValues() {
        #expect(formatNumber(0) == "0")
        #expect(formatNumber(-0.0) == "0")
        #expect(formatNumber(.nan) == "NaN")
        #expect(formatNumber(.infinity) == "∞")
        #expect(formatNumber(-.infinity) == "-∞")
    }

    @Test func otherPrecisions() {
        #expect(formatNumber(3.14159265, significantDigits: 3) == "3.14")
        #expect(formatNumber(2.0 / 3.0, significantDigits: 17) == "0.66666666666666663")
        // The whole part is never cut short in fixed notation.
        #expect(formatNumber(123.456, significantDigits: 2) == "123")
        // Fewer than one digit means one.
        #expect(formatNumber(0.000031, significantDigits: 0) == "3e-05")
    }
}
