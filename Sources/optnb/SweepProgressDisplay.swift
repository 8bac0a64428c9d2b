import Foundation
import Runner
#if canImport(Glibc)
import Glibc
#endif

/// Shows how far a notebook's running sweep is, on standard error.
///
/// On a terminal: one live line, rewritten in place as points finish —
/// points done of total, elapsed, estimated time left — and erased when
/// the sweep ends. Without a terminal (CI logs): a plain line at most every
/// 5 s. Nothing at all during a notebook's first second, so a quick render
/// prints only its verdict, and nothing for a sweep read from the cache.
final class SweepProgressDisplay: @unchecked Sendable {
    // @unchecked: every field is used under `lock`.
    private let notebook: String
    private let terminal: Bool
    private let clock = ContinuousClock()
    private let began: ContinuousClock.Instant
    private let lock = NSLock()
    private var sweepStart: ContinuousClock.Instant?
    private var sweep = "", total = 0
    private var lastPlain: ContinuousClock.Instant?
    private var lineShown = false

    init(notebook: String, terminal: Bool = isatty(2) == 1) {
        self.notebook = notebook
        self.terminal = terminal
        began = clock.now
    }

    /// The runner's progress callback.
    var report: @Sendable (SweepEvent) -> Void { { [self] in handle($0) } }

    private func handle(_ e: SweepEvent) {
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now
        switch e.event {
        case "start" where e.cached != true:
            sweepStart = now; sweep = e.sweep; total = e.total ?? 0
        case "progress":
            guard let start = sweepStart, e.sweep == sweep, let done = e.done,
                  now - began >= .seconds(1) else { return }
            let elapsed = (now - start) / .seconds(1)
            let left = done > 0 ? elapsed / Double(done) * Double(total - done) : .nan
            let text = "\(notebook): sweep '\(sweep)' \(done)/\(total) points, \(Self.seconds(elapsed))"
                + (left.isFinite && done < total ? ", about \(Self.seconds(left)) left" : "")
            if terminal {
                write("\r\u{1B}[K" + text)
                lineShown = true
            } else if lastPlain.map({ now - $0 >= .seconds(5) }) ?? (now - began >= .seconds(2)) {
                write(text + "\n")
                lastPlain = now
            }
        case "end":
            sweepStart = nil
            clear()
        default: break
        }
    }

    /// Erases the live line, if one is shown (before the verdict is printed).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        clear()
    }

    private func clear() {
        if lineShown { write("\r\u{1B}[K"); lineShown = false }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func seconds(_ s: Double) -> String {
        s < 10 ? String(format: "%.1f s", s) : s < 120 ? String(format: "%.0f s", s)
            : String(format: "%d min %02d s", Int(s) / 60, Int(s) % 60)
    }
}

extension Renderer {
    /// This renderer with its runner reporting sweep progress to `display`.
    func watchingSweeps(_ display: SweepProgressDisplay) -> Renderer {
        var copy = self
        copy.runner.progress = display.report
        return copy
    }
}

/// ", 2 sweeps: 1 cached, 1 computed" for the verdict line; empty without sweeps.
func sweepNote(_ sweeps: [SweepSummary]) -> String {
    guard !sweeps.isEmpty else { return "" }
    let cached = sweeps.filter(\.cached).count
    let count = sweeps.count == 1 ? "1 sweep" : "\(sweeps.count) sweeps"
    return ", \(count): \(cached) cached, \(sweeps.count - cached) computed"
}
