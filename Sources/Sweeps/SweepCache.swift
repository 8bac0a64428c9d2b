import Foundation
import Reporting
import Synchronization

/// Where a computed sweep is kept so a later render can skip it.
///
/// optnb gives the program, in `OPTNB_SWEEP_KEYS`, one key per experiment
/// block (`index:hex,…`): a digest of the library build, the compiler and
/// the text of that block and every evaluated block before it — everything
/// a sweep's inputs can depend on, since notebook programs are
/// deterministic. A sweep's entry is `<OPTNB_SWEEP_CACHE>/<key>-<n>.sweep`,
/// n counting the sweeps of its block. So prose, a plot's label or any
/// later block can change without recomputing it; its own block or an
/// earlier one cannot.
///
/// An entry holds every metric and curve value bit for bit (IEEE bit
/// patterns), so a cached sweep is identical to a computed one, NaN
/// payloads included. It is written only after every point succeeded, to
/// a temporary name and renamed, so a failed or interrupted sweep leaves
/// nothing. An entry of another sweep's shape, or of an older format, is a
/// plain miss. One that does not read back exactly (cut short, a header
/// that does not decode) or whose checksum (FNV-1a over its header and
/// values) does not match (a value edited in place, the length unchanged)
/// is damaged: removed, recomputed, never shown, and reported once (see
/// `Sweep.swift`). A hit marks the entry used, so `optnb cache prune`
/// ages entries by their last use, not by when they were written.
struct SweepCache {
    static let directoryKey = "OPTNB_SWEEP_CACHE"
    static let keysKey = "OPTNB_SWEEP_KEYS"
    static let format = "optnb-sweep/2"

    /// Sweeps started so far in each block.
    private static let ordinals = Mutex<[Int: Int]>([:])

    let path: String

    /// The entry for the next sweep of the running block; nil outside
    /// optnb, with `--no-cache`, or before the first block.
    static func forNextSweep() -> SweepCache? {
        guard let block = _optnbCurrentBlock else { return nil }
        let n = ordinals.withLock { counts -> Int in
            defer { counts[block, default: 0] += 1 }
            return counts[block, default: 0]
        }
        let environment = ProcessInfo.processInfo.environment
        guard let directory = environment[directoryKey], !directory.isEmpty,
              let keys = environment[keysKey],
              let key = keys.split(separator: ",").first(where: { $0.hasPrefix("\(block):") })?
                .dropFirst("\(block):".count),
              !key.isEmpty, key.allSatisfy({ $0.isHexDigit })
        else { return nil }
        return SweepCache(path: "\(directory)/\(key)-\(n).sweep")
    }

    struct Header: Codable, Equatable {
        var format: String
        var sweep: String
        var axes: [[String]]
        var axisNames: [String]
        var metrics: [String]
        /// −1 for a point without a curve.
        var curveLengths: [Int]
        /// FNV-1a (64-bit, hex) of this header with an empty checksum and
        /// the values after it. Not a defence against an attacker (the
        /// cache is the user's own folder), a check against damage.
        var checksum: String = ""
    }

    private static func encoded(_ header: Header) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try? encoder.encode(header)
    }

    private static func checksum(_ header: Header, _ body: Data) -> String? {
        var blank = header
        blank.checksum = ""
        guard let bytes = encoded(blank) else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes + [0x0A] + body { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(hash, radix: 16)
    }

    struct Entry {
        var metrics: [String]
        var values: [[Double]]
        var curves: [[Double]?]
    }

    /// What the cache holds for a sweep.
    enum Lookup {
        case hit(Entry)
        /// No entry, another sweep's, or one of an older format.
        case miss
        /// An entry that is damaged (the text says how, for the warning);
        /// it has been removed.
        case damaged(String)
    }

    /// The stored entry, if it is one for a sweep of this name and axes.
    func load(sweep: String, axes: [SweepAxis]) -> Entry? {
        if case .hit(let entry) = lookup(sweep: sweep, axes: axes) { return entry }
        return nil
    }

    /// The stored entry for a sweep of this name and axes, marked used; a
    /// damaged one is removed, so it is reported once.
    func lookup(sweep: String, axes: [SweepAxis]) -> Lookup {
        guard let data = FileManager.default.contents(atPath: path) else { return .miss }
        struct Format: Decodable { var format: String }
        let newline = data.firstIndex(of: 0x0A) ?? data.endIndex
        // Another format (an older optnb's) is not damage: a plain miss.
        if let format = try? JSONDecoder().decode(Format.self, from: data[..<newline]),
           format.format != Self.format { return .miss }
        guard newline < data.endIndex,
              let header = try? JSONDecoder().decode(Header.self, from: data[..<newline]),
              header.curveLengths.count == header.axes.reduce(1, { $0 * $1.count }),
              header.curveLengths.allSatisfy({ $0 >= -1 })
        else { return damaged("its header does not read back: cut short or edited") }
        let points = header.curveLengths.count
        let words = points * header.metrics.count + header.curveLengths.reduce(0) { $0 + max($1, 0) }
        let body = data[(newline + 1)...]
        guard body.count == words * 8 else {
            return damaged("it holds \(body.count) bytes of values where its header says \(words * 8): cut short or extended")
        }
        guard header.checksum == Self.checksum(header, Data(body)) else {
            return damaged("its values do not match its checksum: edited")
        }
        guard header.sweep == sweep, header.axisNames == axes.map(\.name),
              header.axes == axes.map(\.labels) else { return .miss }
        // Used now: pruning by age or size keeps it longest. Best effort,
        // as the cache may be read-only (a sandboxed run).
        _ = utimes(path, nil)
        var numbers: [Double] = []
        numbers.reserveCapacity(words)
        body.withUnsafeBytes { raw in
            for k in 0..<words {
                numbers.append(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))))
            }
        }
        let m = header.metrics.count
        let values = (0..<points).map { Array(numbers[($0 * m)..<($0 * m + m)]) }
        var offset = points * m
        let curves = header.curveLengths.map { n -> [Double]? in
            guard n >= 0 else { return nil }
            defer { offset += n }
            return Array(numbers[offset..<(offset + n)])
        }
        return .hit(Entry(metrics: header.metrics, values: values, curves: curves))
    }

    private func damaged(_ why: String) -> Lookup {
        unlink(path)
        return .damaged(why)
    }

    /// Writes the entry atomically; a failure to write only costs a later
    /// recomputation, so it is ignored.
    func store(sweep: String, axes: [SweepAxis], _ entry: Entry) {
        var header = Header(format: Self.format, sweep: sweep, axes: axes.map(\.labels),
                            axisNames: axes.map(\.name), metrics: entry.metrics,
                            curveLengths: entry.curves.map { $0?.count ?? -1 })
        var words: [UInt64] = entry.values.flatMap { $0.map(\.bitPattern.littleEndian) }
        for curve in entry.curves { if let curve { words += curve.map(\.bitPattern.littleEndian) } }
        let body = words.withUnsafeBytes { Data($0) }
        guard let checksum = Self.checksum(header, body) else { return }
        header.checksum = checksum
        guard var data = Self.encoded(header) else { return }
        data.append(0x0A)
        data.append(body)
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        // Named as Runner's `writeAtomically` names its temporaries: the
        // leading dot is what `optnb cache prune` leaves alone while it is
        // young (an undotted one could be pruned between write and rename),
        // and the random part keeps two threads writing one key apart.
        let temporary = url.deletingLastPathComponent().path + "/.\(url.lastPathComponent)."
            + "\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: .min ... .max)).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
