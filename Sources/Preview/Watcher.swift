import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The notebooks preview watches: files given as they are, folders as their
/// `*.md` files (not recursive, hidden files left out), found again on every
/// scan so a new notebook in a watched folder is picked up.
struct WatchedInputs: Sendable {
    var files: [String]
    var folders: [String]

    /// Each notebook's modification time and size; a change in either is a save.
    func scan() -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for file in notebooks() { stamps[file] = FileStamp(path: file) }
        return stamps
    }

    func notebooks() -> [String] {
        var found = files
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            found += names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted().map { prefix + $0 }
        }
        return found
    }
}

struct FileStamp: Equatable, Sendable {
    var seconds: Int
    var nanoseconds: Int
    var size: Int64
    var exists: Bool

    init(path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            seconds = Int(info.st_mtim.tv_sec); nanoseconds = Int(info.st_mtim.tv_nsec)
            size = Int64(info.st_size); exists = true
        } else {
            seconds = 0; nanoseconds = 0; size = -1; exists = false
        }
    }
}

/// Which notebooks differ between two scans, and whether the set changed.
func changes(from old: [String: FileStamp], to new: [String: FileStamp]) -> (changed: [String], setChanged: Bool) {
    let changed = new.filter { old[$0.key] != $0.value && $0.value.exists }.map(\.key).sorted()
    return (changed, Set(old.keys) != Set(new.keys))
}
