import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes `data` to `file` so that readers see the old file or the new one,
/// never half of one: a temporary file beside it (named by process and a
/// random number, so concurrent writers never share one), then `rename(2)`.
/// Creates the folder when missing. A failed write leaves the old file as it
/// was and removes the temporary file.
///
/// The one implementation: the cache writes its entries with it, and the
/// command line its reports, results files and baselines.
public func writeAtomically(_ data: Data, to file: URL) throws(RunnerIOError) {
    let folder = file.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
        ".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: .min ... .max)).tmp")
    // Ctrl-C between the write and the rename removes it (`InterruptCleanup`).
    defer { InterruptCleanup.shared.forget(temporary.path) }
    do {
        try InterruptCleanup.shared.creating {
            InterruptCleanup.shared.remember(temporary.path)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
        }
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw RunnerIOError(path: file.path, reason: error.localizedDescription)
    }
    guard rename(temporary.path, file.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw RunnerIOError(path: file.path, reason: reason)
    }
}
