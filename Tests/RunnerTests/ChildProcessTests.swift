import Foundation
import Testing
@testable import Runner

/// Starting a program that is, for a moment, still open for writing
/// elsewhere: Linux refuses the exec with ETXTBSY ("Text file busy").
/// Seen when parallel renders built the highlighter helper while another
/// thread was forking a child that inherited a write descriptor.
@Suite("Child processes") struct ChildProcessTests {
    /// A copy of /bin/true in a scratch folder, that folder, and a
    /// descriptor holding the copy open for writing.
    private func busyTrue() throws -> (program: String, folder: String, writer: Int32) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-child-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let program = folder + "/true"
        try FileManager.default.copyItem(atPath: "/bin/true", toPath: program)
        let writer = open(program, O_WRONLY)
        try #require(writer >= 0)
        return (program, folder, writer)
    }

    private func child(_ program: String, _ folder: String) -> ChildProcess {
        ChildProcess(executable: program, arguments: [], environment: [:], workingDirectory: nil,
                     standardOutput: folder + "/out", standardError: folder + "/err", timeout: .seconds(30))
    }

    @Test("a program busy for writing when started runs once the writer lets go")
    func busyThenFree() throws {
        let (program, folder, writer) = try busyTrue()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Let go after 150 ms, while spawn is already retrying.
        let release = Thread { usleep(150_000); close(writer) }
        release.start()
        #expect(try child(program, folder).run() == .exited(0))
    }

    @Test("a program that stays open for writing is refused with the system's reason, not waited on forever")
    func staysBusy() throws {
        let (program, folder, writer) = try busyTrue()
        defer { close(writer); try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            _ = try child(program, folder).run()
        } throws: { error in
            "\(error)".contains("Text file busy") && "\(error)".contains(program)
        }
    }
}
