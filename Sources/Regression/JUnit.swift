import Foundation
import Outcome
import Records

/// The JUnit XML printer of `optnb check`, for the CI systems that read it
/// (GitLab, Jenkins, Azure, CircleCI, …): one test suite per notebook, and
/// in it one test case for the render, one per claim the notebook asserts
/// (`expect`), and one per value compared with the baseline. A render error,
/// a failed claim and a drifted value are failures at the notebook's line.
/// Built from the same structured values as the other printers (`Diagnostic`,
/// `Expectation`, `Drift`); nothing is read back from printed text.
public struct JUnitSuite: Equatable, Sendable {
    /// The notebook's path as given.
    public var notebook: String
    /// The test cases, in the order they are written.
    public var cases: [JUnitCase] = []
    /// Wall time of the notebook's render and check.
    public var seconds: Double = 0

    /// A suite for `notebook` with no cases yet.
    public init(notebook: String) { self.notebook = notebook }
}

/// One JUnit test case: the render, a claim or a compared value.
public struct JUnitCase: Equatable, Sendable {
    /// How the case ended.
    public enum Result: Equatable, Sendable {
        /// Nothing to report.
        case passed
        /// `type` says what kind of failure (render error, failed claim,
        /// drift, baseline); `message` is one line; `text` the whole story.
        case failed(type: String, message: String, text: String)
    }

    /// The case's name as CI shows it (the claim, or the value's key).
    public var name: String
    /// The notebook's line the case is about, when known.
    public var line: Int?
    /// Whether it passed, and how it failed.
    public var result: Result

    /// A case as given.
    public init(name: String, line: Int? = nil, result: Result) {
        self.name = name; self.line = line; self.result = result
    }

    /// The render: passes when it has no errors; otherwise fails with every
    /// error, at the first one's notebook line.
    public static func render(notebook: String, errors: [Diagnostic]) -> JUnitCase {
        guard let first = errors.first else { return JUnitCase(name: "render", result: .passed) }
        return JUnitCase(
            name: "render", line: errors.first { $0.isAt(lineOf: notebook) }?.line,
            result: .failed(type: "render error", message: first.header,
                            text: errors.map(\.text).joined(separator: "\n")))
    }

    /// One claim the notebook asserts.
    public static func claim(_ e: Expectation) -> JUnitCase {
        let detail = e.detail.isEmpty ? "" : " (\(e.detail))"
        return JUnitCase(
            name: "claim: \(e.message)", line: e.source?.line,
            result: e.passed ? .passed
                : .failed(type: "failed claim", message: "expectation failed: \(e.message)\(detail)",
                          text: "expectation failed: \(e.message)\(detail)"))
    }

    /// A value that matched its baseline.
    public static func matched(key: String, line: Int?) -> JUnitCase {
        JUnitCase(name: "value: \(key)", line: line, result: .passed)
    }

    /// A value that drifted (changed, missing or new).
    public static func drift(_ d: Drift) -> JUnitCase {
        let message = "\(d.key): \(sentence(d))"
        return JUnitCase(name: "value: \(d.key)", line: d.line,
                         result: .failed(type: "drift", message: message,
                                         text: message + "\n" + formatDrift([d], notebook: "", format: .text)))
    }

    /// The baseline as a whole could not be compared (missing in CI, unreadable).
    public static func baseline(failure: String) -> JUnitCase {
        JUnitCase(name: "baseline", result: .failed(type: "baseline", message: failure, text: failure))
    }
}

/// The suites as one JUnit XML document.
public func junitXML(_ suites: [JUnitSuite], name: String = "optnb check") -> String {
    func failures(_ cases: [JUnitCase]) -> Int { cases.filter { $0.result != .passed }.count }
    let all = suites.flatMap(\.cases)
    let total = suites.reduce(0) { $0 + $1.seconds }
    var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    x += "<testsuites name=\"\(xmlAttribute(name))\" tests=\"\(all.count)\" failures=\"\(failures(all))\" "
        + "errors=\"0\" time=\"\(seconds(total))\">\n"
    for suite in suites {
        // Jenkins splits a classname at its dots, so the class is the report
        // name (`adamw`), not the path (`notebooks/adamw.md`).
        let classname = xmlAttribute(URL(fileURLWithPath: suite.notebook).deletingPathExtension().lastPathComponent)
        let file = xmlAttribute(suite.notebook)
        x += "  <testsuite name=\"\(file)\" tests=\"\(suite.cases.count)\" failures=\"\(failures(suite.cases))\" "
            + "errors=\"0\" skipped=\"0\" time=\"\(seconds(suite.seconds))\">\n"
        for c in suite.cases {
            let line = c.line.map { " line=\"\($0)\"" } ?? ""
            x += "    <testcase name=\"\(xmlAttribute(c.name))\" classname=\"\(classname)\" file=\"\(file)\"\(line)"
            switch c.result {
            case .passed:
                x += "/>\n"
            case .failed(let type, let message, let text):
                // Placed at the notebook's line, unless the text already is
                // (a diagnostic's header names its own place).
                let place = text.hasPrefix(suite.notebook + ":") ? ""
                    : c.line.map { "\(suite.notebook):\($0): " } ?? "\(suite.notebook): "
                x += ">\n      <failure type=\"\(xmlAttribute(type))\" message=\"\(xmlAttribute(message))\">"
                    + xmlText(place + text) + "</failure>\n    </testcase>\n"
            }
        }
        x += "  </testsuite>\n"
    }
    return x + "</testsuites>\n"
}

private func seconds(_ s: Double) -> String { String(format: "%.3f", s) }

/// XML 1.0 text: markup characters escaped; characters XML cannot carry at
/// all (control characters other than tab and newline) replaced by U+FFFD.
func xmlText(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\t", "\n": out.unicodeScalars.append(scalar)
        case "\r": out += "&#13;"
        default:
            let v = scalar.value
            let allowed = v >= 0x20 && !(0xD800...0xDFFF).contains(v) && v != 0xFFFE && v != 0xFFFF
            out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
        }
    }
    return out
}

/// XML attribute value (in double quotes): as text, plus quotes, and line
/// breaks and tabs as references so parsers do not fold them to spaces.
func xmlAttribute(_ s: String) -> String {
    xmlText(s).replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "\n", with: "&#10;")
        .replacingOccurrences(of: "\t", with: "&#9;")
}
