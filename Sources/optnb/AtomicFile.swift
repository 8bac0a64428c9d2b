import Foundation
import Runner

/// `Runner.writeAtomically` (readers see the old file or the new one), its
/// failure a failure of the command: status 1, with the path and reason.
func writeAtomically(_ data: Data, to url: URL) throws {
    do { try Runner.writeAtomically(data, to: url) } catch {
        throw CommandFailure("cannot write \(error.path): \(error.reason)")
    }
}

/// A failure the CLI reports as one message and a non-zero exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var status: Int32
    init(_ message: String, status: Int32 = 1) { self.message = message; self.status = status }
    var description: String { message }
}
