import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `optnb cache prune`: keeps a cache folder bounded.
///
/// Entries are the files in the folders optnb writes (`outcomes`, `sweeps`,
/// `swiftc`, `highlight`); nothing else in the cache folder is touched. An
/// entry's age is the time since it was last written or used: a render
/// that takes an outcome from the cache marks it used (`Cache.markUsed`),
/// so pruning by size removes the least recently used first. Removing an
/// entry another render is reading is safe (the reader keeps its open
/// file); a temporary file of a write in progress (a dot name) is left
/// alone unless it is a day old, i.e. left behind by a crash.
public struct CachePrune: Sendable {
    /// One file optnb wrote into the cache.
    public struct Entry: Sendable, Equatable {
        /// Its absolute path.
        public var path: String
        /// Its size.
        public var bytes: Int64
        /// Last written or used.
        public var used: Date
    }

    /// What a prune removed and kept.
    public struct Summary: Sendable, Equatable {
        /// Removed (or, in a dry run, to be removed), most recently used first.
        public var removed: [Entry] = []
        /// Left in place, including any that could not be removed.
        public var kept: [Entry] = []
        /// The removed entries' total size.
        public var removedBytes: Int64 { removed.reduce(0) { $0 + $1.bytes } }
        /// The kept entries' total size.
        public var keptBytes: Int64 { kept.reduce(0) { $0 + $1.bytes } }
    }

    static let folders = ["outcomes", "sweeps", "swiftc", "highlight"]

    /// The cache folder (see `defaultDirectory`).
    public var directory: URL
    /// Remove least recently used entries until the rest take at most this.
    public var maxBytes: Int64?
    /// Remove entries not written or used for longer than this.
    public var maxAge: TimeInterval?

    /// A prune of `directory` to at most `maxBytes` and `maxAge` (nil: no bound).
    public init(directory: URL, maxBytes: Int64?, maxAge: TimeInterval?) {
        self.directory = directory; self.maxBytes = maxBytes; self.maxAge = maxAge
    }

    /// The cache folder `render` uses with this environment.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        Cache.directory(configured: nil, environment: environment)
    }

    /// Every entry, most recently used first.
    public func entries(now: Date = Date()) -> [Entry] {
        var found: [Entry] = []
        for folder in Self.folders {
            let dir = directory.appendingPathComponent(folder).path
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names {
                let path = dir + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                let used = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec)
                                + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
                if name.hasPrefix("."), now.timeIntervalSince(used) < 86_400 { continue }
                found.append(Entry(path: path, bytes: Int64(info.st_size), used: used))
            }
        }
        return found.sorted { ($0.used, $0.path) > ($1.used, $1.path) }
    }

    /// Decides what to remove and, unless `dryRun`, removes it.
    public func run(now: Date = Date(), dryRun: Bool = false) -> Summary {
        var summary = Summary()
        var total: Int64 = 0
        for entry in entries(now: now) {
            let tooOld = maxAge.map { now.timeIntervalSince(entry.used) > $0 } ?? false
            let tooMuch = maxBytes.map { total + entry.bytes > $0 } ?? false
            if tooOld || tooMuch {
                if dryRun || unlink(entry.path) == 0 || errno == ENOENT { summary.removed.append(entry) }
                else { summary.kept.append(entry); total += entry.bytes }
            } else {
                summary.kept.append(entry)
                total += entry.bytes
            }
        }
        return summary
    }
}

extension Cache {
    /// Marks an entry as just used, so pruning by size keeps it longest.
    /// Best effort: a read-only cache is still a cache.
    static func markUsed(_ file: URL) {
        _ = utimes(file.path, nil)
    }
}
