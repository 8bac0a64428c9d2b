import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file a notebook program writes its `Record`s to, one JSON line each.
///
/// optnb names the file in the environment variable `OPTNB_RESULTS`. Each
/// record is encoded with `Record.encoder()` (which never emits a raw newline)
/// and written with one unbuffered `write(2)` to a file opened `O_APPEND`, so
/// every record that was sent before a trap is on disk and at most the record
/// being written can be cut short; the reader ignores a truncated last line.
///
/// Without `OPTNB_RESULTS` (the code runs outside optnb) records are dropped,
/// except that a failed expectation is still reported on standard error so a
/// broken claim is never silent.
///
/// The channel is bounded: optnb passes `--max-results` (default 50 MB) in
/// `OPTNB_RESULTS_LIMIT`, and a record that would take the file past it
/// stops the program at the notebook line that sent it, rather than filling
/// the disk and optnb's memory with a loop of `scalar` calls. Nothing is
/// dropped silently: a report missing records would pass claims it never saw.
final class ResultsChannel: @unchecked Sendable {
    /// The environment variable naming the results file.
    static let environmentKey = "OPTNB_RESULTS"
    /// The environment variable with the most bytes the results file may
    /// hold (`optnb render --max-results`); unset: no limit.
    static let limitKey = "OPTNB_RESULTS_LIMIT"

    /// The channel every reporting function writes to, opened on first use.
    static let shared = ResultsChannel(
        path: ProcessInfo.processInfo.environment[environmentKey],
        limit: ProcessInfo.processInfo.environment[limitKey].flatMap(Int.init))

    /// Bytes the file may hold; `Int.max` without a limit.
    private let limit: Int
    /// Bytes written so far (guarded by `lock`).
    private var written = 0

    /// -1 when there is no results file.
    private let fd: Int32
    // Guards the encoder (not thread-safe) and keeps concurrent writers'
    // lines whole.
    private let lock = NSLock()
    private let encoder = Record.encoder()

    /// Opens (creating if needed) the results file at `path`; `nil` or an
    /// unopenable path gives a channel that drops records.
    init(path: String?, limit: Int? = nil) {
        self.limit = limit.map { max($0, 0) } ?? .max
        guard let path, !path.isEmpty else { fd = -1; return }
        let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if opened < 0 {
            let reason = String(cString: strerror(errno))
            Self.writeStandardError(
                "optnb: cannot open results file \(path): \(reason); results are dropped\n")
        }
        fd = opened
    }

    deinit { if fd >= 0 { close(fd) } }

    /// True when records reach a results file.
    var isConnected: Bool { fd >= 0 }

    /// Writes `record` as one line. Never throws, and traps only when the
    /// record would take the results past their limit (the notebook's
    /// doing: the crash is reported at the line that sent it, with this
    /// message).
    func send(_ record: Record) {
        guard fd >= 0 else {
            if case .expectation(let e) = record, !e.passed { Self.reportUnconnected(e) }
            return
        }
        lock.lock()
        defer { lock.unlock() }
        guard var line = try? encoder.encode(record) else { return }
        line.append(0x0A)
        guard line.count <= limit - written else {
            fatalError("""
                the results channel is full: \(written) bytes of records were sent, and this \
                \(Self.kind(of: record)) record of \(line.count) bytes would pass the limit of \(limit) \
                bytes (optnb render --max-results); record fewer or smaller values, e.g. every 10th \
                step of a long series
                """)
        }
        written += line.count
        line.withUnsafeBytes { Self.writeAll(fd, $0) }
    }

    static func kind(of record: Record) -> String {
        switch record {
        case .blockStart, .blockEnd: "block marker"
        case .scalar: "scalar"
        case .table: "table"
        case .plot: "plot"
        case .comparison: "comparison"
        case .expectation: "expectation"
        case .sweep: "sweep"
        case .sweepPlot: "sweep figure"
        case .warning: "warning"
        }
    }

    /// `write(2)` until every byte is out; retries on EINTR and short writes.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }

    static func writeStandardError(_ text: String) {
        var text = text
        text.withUTF8 { writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    private static func reportUnconnected(_ e: Expectation) {
        let place = e.source.map { "\($0.file):\($0.line): " } ?? ""
        let detail = e.detail.isEmpty ? "" : " (\(e.detail))"
        writeStandardError("\(place)expectation failed: \(e.message)\(detail)\n")
    }
}
