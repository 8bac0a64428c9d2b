import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How far a sweep is, told to optnb on the progress channel: the file
/// `OPTNB_PROGRESS` names, one JSON object per line, each written with one
/// `write(2)` to a file opened `O_APPEND`.
///
///     {"event":"start","sweep":"grid","line":42,"total":1040,"cached":false,"axes":[…]}
///     {"event":"progress","sweep":"grid","done":312}
///     {"event":"end","sweep":"grid"}
///
/// A progress line is written at most every 0.1 s (and for the last
/// point), so a sweep of tiny points does not spend its time reporting.
/// Without `OPTNB_PROGRESS` nothing is written.
final class SweepProgress: Sendable {
    static let environmentKey = "OPTNB_PROGRESS"
    private static let fd: Int32 = {
        guard let path = ProcessInfo.processInfo.environment[environmentKey], !path.isEmpty else { return -1 }
        return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }()

    let sweep: String
    let total: Int
    private let lastWrite = Mutex<ContinuousClock.Instant?>(nil)

    init(sweep: String, total: Int) { self.sweep = sweep; self.total = total }

    /// One line of the channel; fields a kind of event does not use are left out.
    struct Event: Encodable {
        var event: String
        var sweep: String
        var line: Int?
        var total: Int?
        var cached: Bool?
        var done: Int?
        /// The point a `begin` or `finish` event is about.
        var point: Int?
        /// Each axis's name and labels, for naming a point that traps.
        var axes: [Axis]?
        struct Axis: Encodable { var name: String; var labels: [String] }
    }

    func start(line: Int, cached: Bool, axes: [SweepAxis]) {
        Self.send(Event(event: "start", sweep: sweep, line: line, total: total, cached: cached,
                        axes: axes.map { Event.Axis(name: $0.name, labels: $0.labels) }))
    }

    /// Point `index` starts on this thread: with `pointFinished`, what
    /// names a point that traps when the crash report cannot name its thread.
    func pointBegan(_ index: Int) { Self.send(Event(event: "begin", sweep: sweep, point: index)) }

    func pointFinished(_ index: Int) { Self.send(Event(event: "finish", sweep: sweep, point: index)) }

    func pointDone(_ done: Int) {
        let now = ContinuousClock.now
        let due = lastWrite.withLock { last -> Bool in
            guard done == total || last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
            last = now
            return true
        }
        if due { Self.send(Event(event: "progress", sweep: sweep, done: done)) }
    }

    func end() { Self.send(Event(event: "end", sweep: sweep)) }

    private static func send(_ value: Event) {
        guard fd >= 0, var line = try? JSONEncoder().encode(value) else { return }
        line.append(0x0A)
        line.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, base + offset, bytes.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
