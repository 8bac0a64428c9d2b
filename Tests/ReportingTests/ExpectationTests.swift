import Testing
@testable import Reporting

@Suite("Expectations record the claim, the verdict and the numbers")
struct ExpectationTests {
    let here = SourceLine(file: "nb/x.md", line: 7)

    @Test("lessThan passes on a < b and shows both numbers")
    func lessThan() {
        let pass = Expectation.ordered("Adam is faster", 0.25, "<", 0.5, passed: 0.25 < 0.5, source: here)
        #expect(pass.passed && pass.detail == "0.25 < 0.5" && pass.source == here)
        let fail = Expectation.ordered("Adam is faster", 0.5, "<", 0.5, passed: 0.5 < 0.5, source: here)
        #expect(!fail.passed && fail.detail == "0.5 is not < 0.5")
    }

    @Test("the public expect functions return the verdict, NaN never passes an ordering")
    func publicVerdicts() {
        let verdicts = [
            Reporting.expect("plain", true),
            !Reporting.expect("plain", false, detail: "why"),
            Reporting.expect("lt", -1, lessThan: 0),
            !Reporting.expect("lt", .nan, lessThan: 0),
            !Reporting.expect("gt", .nan, greaterThan: 0),
            Reporting.expect("gt", .infinity, greaterThan: 1e308),
            !Reporting.expect("gt", -0.0, greaterThan: 0.0),
        ]
        #expect(verdicts == Array(repeating: true, count: verdicts.count))
    }

    @Test("expectClose follows |a − b| ≤ atol + rtol·|b|")
    func closeness() {
        let verdicts = [
            // |1.5 − 1| = 0.5 ≤ 0.25 + 0.25·1: exactly on the boundary passes.
            expectClose("edge", 1.5, 1.0, rtol: 0.25, atol: 0.25),
            !expectClose("just out", 1.5000001, 1.0, rtol: 0.25, atol: 0.25),
            expectClose("inf", .infinity, .infinity),
            !expectClose("inf", .infinity, -.infinity),
            !expectClose("inf vs finite", .infinity, 1e308, rtol: 1),
            !expectClose("nan", .nan, .nan, atol: .infinity),
            expectClose("zeros", -0.0, 0.0),
        ]
        #expect(verdicts == Array(repeating: true, count: verdicts.count))
    }

    @Test("the closeness detail names the worst element and the measured numbers")
    func closenessDetail() {
        let e = Expectation.close("curves agree", [1, 2, 3], [1, 2.5, 3], rtol: 0, atol: 0.1, source: here)
        #expect(!e.passed)
        #expect(e.detail == "|a − b| = 0.5 > 0.1 = atol + rtol·|b| at [1] (a = 2.0, b = 2.5)")
        let nan = Expectation.close("curves agree", [1, .nan], [1, 1], rtol: 1, atol: 1, source: here)
        #expect(!nan.passed && nan.detail.contains("at [1]") && nan.detail.contains("a = nan"))
        let counts = Expectation.close("curves agree", [1], [1, 2], rtol: 1, atol: 1, source: here)
        #expect(!counts.passed && counts.detail == "counts differ: 1 vs 2")
        let equalInf = Expectation.close("inf", [.infinity], [.infinity], rtol: 0, atol: 0, source: here)
        #expect(equalInf.passed && equalInf.detail.hasPrefix("|a − b| = 0.0 ≤ "))
    }
}
