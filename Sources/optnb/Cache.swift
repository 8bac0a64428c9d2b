import ArgumentParser
import Foundation
import Runner

/// `optnb cache`: the render cache's housekeeping.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Look after the render cache.",
        subcommands: [CachePruneCommand.self]
    )
}

/// `optnb cache prune`: keeps the cache folder bounded.
struct CachePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove cache entries by age or until the cache fits a size.",
        discussion: """
            Entries are cached notebook outcomes, sweeps, compiler versions and the highlighter \
            helper. An entry's age is the time since a render last wrote or used it; with \
            --max-size the least recently used go first. Pruning while renders run is safe: a \
            removed entry is only recomputed. Nothing else in the cache folder is touched.
            """
    )

    @Option(name: .long, help: "Remove least recently used entries until the rest take at most SIZE (bytes, or with K, M, G or T: 500M, 2G; powers of 1024).")
    var maxSize: String?

    @Option(name: .long, help: "Remove entries not written or used for longer than DURATION (a number with s, m, h, d or w: 12h, 7d).")
    var olderThan: String?

    @Option(name: .long, help: "The cache folder (default: $OPTNB_CACHE_DIR, else $XDG_CACHE_HOME/optnb, else ~/.cache/optnb).")
    var cacheDir: String?

    @Flag(name: .long, help: "List what would be removed and remove nothing.")
    var dryRun = false

    func validate() throws {
        guard maxSize != nil || olderThan != nil else {
            throw ValidationError("Say what to keep: --max-size SIZE (e.g. 500M), --older-than DURATION (e.g. 7d), or both.")
        }
        if let maxSize, Self.bytes(maxSize) == nil {
            throw ValidationError("--max-size takes a size such as 500M or 2G (bytes, or K, M, G, T as powers of 1024), got '\(maxSize)'.")
        }
        if let olderThan, Self.seconds(olderThan) == nil {
            throw ValidationError("--older-than takes a duration such as 12h or 7d (a number with s, m, h, d or w), got '\(olderThan)'.")
        }
        if let cacheDir, cacheDir.isEmpty { throw ValidationError("--cache-dir needs a folder name.") }
    }

    func run() throws {
        let directory = cacheDir.map { URL(fileURLWithPath: $0) }
            ?? CachePrune.defaultDirectory(environment: ProcessInfo.processInfo.environment)
        let prune = CachePrune(directory: directory, maxBytes: maxSize.flatMap(Self.bytes),
                               maxAge: olderThan.flatMap(Self.seconds))
        let summary = prune.run(dryRun: dryRun)
        if dryRun { for entry in summary.removed { say("would remove \(entry.path)") } }
        say("\(dryRun ? "would remove" : "removed") \(summary.removed.count) \(entries(summary.removed.count)) "
            + "(\(Self.format(summary.removedBytes))), kept \(summary.kept.count) "
            + "(\(Self.format(summary.keptBytes))) in \(directory.path)")
    }

    private func entries(_ n: Int) -> String { n == 1 ? "entry" : "entries" }

    /// "500M" → 524288000; a plain number is bytes; nil when not a size.
    static func bytes(_ text: String) -> Int64? {
        let units: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        var number = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        if number.hasSuffix("IB") { number = number.dropLast(2) } else if number.hasSuffix("B") { number = number.dropLast() }
        var scale = 1.0
        if let last = number.last, let unit = units[last] { scale = unit; number = number.dropLast() }
        guard let value = Double(number), value.isFinite, value >= 0, value * scale < 9e18 else { return nil }
        return Int64((value * scale).rounded())
    }

    /// "7d" → 604800; nil when not a duration.
    static func seconds(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = trimmed.last, let unit = units[last],
              let value = Double(trimmed.dropLast()), value.isFinite, value >= 0 else { return nil }
        return value * unit
    }

    /// Bytes as people read them: "1.5 MiB".
    static func format(_ bytes: Int64) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
    }
}
