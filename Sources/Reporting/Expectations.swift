/// Claims a notebook makes about its own numbers. A failed expectation is
/// recorded with `passed == false` and the program goes on; optnb then fails
/// the render and names the notebook line. Each returns whether it passed,
/// so code can branch on it.

/// Records `claim` as passed when `condition` is true. `detail` should show
/// the measured numbers behind the claim.
@discardableResult
public func expect(_ claim: String, _ condition: Bool, detail: String = "",
                   file: String = #filePath, line: Int = #line) -> Bool {
    record(Expectation(message: claim, passed: condition, detail: detail,
                       source: SourceLine(file: file, line: line)))
}

/// Records `claim` as passed when `a < b` (false when either is NaN); the
/// detail shows both numbers.
@discardableResult
public func expect(_ claim: String, _ a: Double, lessThan b: Double,
                   file: String = #filePath, line: Int = #line) -> Bool {
    record(Expectation.ordered(claim, a, "<", b, passed: a < b,
                               source: SourceLine(file: file, line: line)))
}

/// Records `claim` as passed when `a > b` (false when either is NaN); the
/// detail shows both numbers.
@discardableResult
public func expect(_ claim: String, _ a: Double, greaterThan b: Double,
                   file: String = #filePath, line: Int = #line) -> Bool {
    record(Expectation.ordered(claim, a, ">", b, passed: a > b,
                               source: SourceLine(file: file, line: line)))
}

/// Records `claim` as passed when |a − b| ≤ atol + rtol·|b|: `Closeness`
/// with `.nanNeverClose` (false when either is NaN, true for equal
/// infinities).
@discardableResult
public func expectClose(_ claim: String, _ a: Double, _ b: Double,
                        rtol: Double = 1e-9, atol: Double = 0,
                        file: String = #filePath, line: Int = #line) -> Bool {
    record(Expectation.close(claim, [a], [b], rtol: rtol, atol: atol,
                             source: SourceLine(file: file, line: line)))
}

/// Records `claim` as passed when the arrays have equal counts and every
/// pair is close as in the scalar `expectClose`; the detail names the worst
/// element.
@discardableResult
public func expectClose(_ claim: String, _ a: [Double], _ b: [Double],
                        rtol: Double = 1e-9, atol: Double = 0,
                        file: String = #filePath, line: Int = #line) -> Bool {
    record(Expectation.close(claim, a, b, rtol: rtol, atol: atol,
                             source: SourceLine(file: file, line: line)))
}

private func record(_ e: Expectation) -> Bool {
    ResultsChannel.shared.send(.expectation(e))
    return e.passed
}

extension Expectation {
    /// `a op b` with the numbers in the detail, e.g. "0.41 < 0.93" or
    /// "0.95 is not < 0.93".
    static func ordered(_ claim: String, _ a: Double, _ op: String, _ b: Double,
                        passed: Bool, source: SourceLine?) -> Expectation {
        let detail = passed ? "\(a) \(op) \(b)" : "\(a) is not \(op) \(b)"
        return Expectation(message: claim, passed: passed, detail: detail, source: source)
    }

    /// Elementwise closeness; the detail reports the element with the largest
    /// excess of |a − b| over its tolerance (the first NaN mismatch if any).
    static func close(_ claim: String, _ a: [Double], _ b: [Double],
                      rtol: Double, atol: Double, source: SourceLine?) -> Expectation {
        guard a.count == b.count else {
            return Expectation(
                message: claim, passed: false,
                detail: "counts differ: \(a.count) vs \(b.count)", source: source)
        }
        let rule = Closeness(rtol: rtol, atol: atol, nonFinite: .nanNeverClose)
        var worst: (index: Int, excess: Double)?
        for i in a.indices {
            let excess = rule.excess(a[i], reference: b[i])
            if excess.isNaN { worst = (i, .nan); break }
            if worst == nil || excess > worst!.excess { worst = (i, excess) }
        }
        guard let worst else {
            return Expectation(message: claim, passed: true, detail: "no elements",
                               source: source)
        }
        let i = worst.index
        let passed = rule.accepts(a[i], reference: b[i])
        let tolerance = atol + rtol * abs(b[i])  // nan for a NaN b, as the detail always said
        // Equal infinities are close; their difference would print as nan.
        let difference = a[i] == b[i] ? 0 : abs(a[i] - b[i])
        let at = a.count == 1 ? "" : " at [\(i)]"
        let detail = "|a − b| = \(difference)\(passed ? " ≤ " : " > ")"
            + "\(tolerance) = atol + rtol·|b|\(at) (a = \(a[i]), b = \(b[i]))"
        return Expectation(message: claim, passed: passed, detail: detail, source: source)
    }
}
