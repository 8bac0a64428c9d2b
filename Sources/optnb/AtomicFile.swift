import Foundation

/// Writes `data` to `url` so that readers see the old file or the new one,
/// never a half-written one: a temporary file beside it, then `rename(2)`.
/// A failed write leaves the old file as it was.
func writeAtomically(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    do {
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: url.path,
                NSLocalizedDescriptionKey: String(cString: strerror(errno)),
            ])
        }
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw CommandFailure("cannot write \(url.path): \(error.localizedDescription)")
    }
}

/// A failure the CLI reports as one message and a non-zero exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var status: Int32
    init(_ message: String, status: Int32 = 1) { self.message = message; self.status = status }
    var description: String { message }
}
