import Foundation

/// The worst disagreement between a replayed number and torch's.
public struct Discrepancy: Sendable, Equatable {
    /// Index into the trajectory's `steps`.
    public let step: Int
    /// What was compared: a parameter's name, `"loss"`, or `"grad weight"`.
    public let quantity: String
    /// Flat (row-major) index into the tensor; 0 for the loss.
    public let index: Int
    /// optnb's number.
    public let actual: Double
    /// torch's recorded number.
    public let expected: Double
    /// `|actual − expected|` (∞ when exactly one is NaN).
    public let error: Double
    /// `atol + rtol·|expected|`.
    public let allowed: Double
    /// The number's field in the file when `location` would not name it
    /// (a schedule's `lrs[4]`).
    public let field: String?

    /// How much of the allowed error was used (> 1 fails).
    public var ratio: Double {
        if error == 0 { return 0 }
        return allowed > 0 ? error / allowed : .infinity
    }

    /// `steps[3] p0[5]`, or the field (`lrs[4]`).
    public var location: String { field ?? "steps[\(step)] \(quantity)[\(index)]" }
}

/// The outcome of replaying one trajectory or schedule file.
public struct ReplayResult: Sendable {
    /// The recording's name, or the file's when it could not be read.
    public let name: String
    /// Whether every compared number was within the file's tolerance (or a
    /// refusal was matched by a refusal).
    public let passed: Bool
    /// The largest `error / allowed` seen, if any number was compared.
    public let worst: Discrepancy?
    /// Why it failed, or a note on how it passed (e.g. a refused option).
    public let message: String?
    /// The path replayed, when the result came from `replayFile(at:)`.
    public let file: String?
    /// What the file records (optimizer, dtype, tolerance…); nil when it
    /// could not be read.
    public let recording: Recording?

    /// A result as given; `file` and `recording` are filled in by `replayFile(at:)`.
    public init(name: String, passed: Bool, worst: Discrepancy?, message: String?,
                file: String? = nil, recording: Recording? = nil) {
        self.name = name
        self.passed = passed
        self.worst = worst
        self.message = message
        self.file = file
        self.recording = recording
    }

    /// One line: `PASS name  ...` or `FAIL name  ...`.
    public var line: String {
        var parts = [passed ? "PASS" : "FAIL", name]
        if let worst, worst.error == 0 {
            parts.append("all numbers exact")
        } else if let worst {
            parts.append(
                "worst |a-e| \(short(worst.error)) (\(short(worst.ratio)) of tolerance) at \(worst.location)"
                    + (worst.ratio > 1 ? ": got \(worst.actual), torch \(worst.expected)" : ""))
        }
        if let message { parts.append(message) }
        return parts.joined(separator: "  ")
    }
}

/// Three significant digits, for summaries.
private func short(_ x: Double) -> String {
    String(format: "%.3g", x)
}
