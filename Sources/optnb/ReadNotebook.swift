import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A notebook that cannot be read: a folder named `x.md`, a dangling
/// symbolic link, no permission. It fails that notebook only, so a folder
/// render with `--keep-going` renders the rest.
struct UnreadableNotebook: Error {
    var path: String
    var reason: String
}

/// The bytes of the notebook at `path`, or why there are none, in words
/// (not Foundation's "NSCocoaErrorDomain error 256").
func readNotebook(_ path: String) throws(UnreadableNotebook) -> [UInt8] {
    var info = stat()
    if stat(path, &info) != 0 {
        let reason = errno
        var link = stat()
        if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw UnreadableNotebook(path: path, reason: "cannot read the notebook: it is a symbolic link to \(target), which \(reason == ENOENT ? "does not exist" : String(cString: strerror(reason)))")
        }
        throw UnreadableNotebook(path: path, reason: "cannot read the notebook: \(String(cString: strerror(reason)))")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
        throw UnreadableNotebook(path: path, reason: "is a folder, not a notebook file")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw UnreadableNotebook(path: path, reason: "cannot read the notebook: \(String(cString: strerror(errno)))")
    }
    defer { try? handle.close() }
    do { return Array(try handle.readToEnd() ?? Data()) } catch {
        throw UnreadableNotebook(path: path, reason: "cannot read the notebook: \(error.localizedDescription)")
    }
}
