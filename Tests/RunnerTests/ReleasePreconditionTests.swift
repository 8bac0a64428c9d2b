import Foundation
import Testing

/// 17.4: a library precondition keeps its message when the library is
/// built with -O. The standard library's drops it there ("precondition
/// failure"), which the control run shows.
@Suite struct ReleasePreconditionTests {
    static let libraryFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Optimizers/Precondition.swift").path

    /// Compiles `main.swift` (with `extra` files) at -O, runs it, returns stderr.
    func runOptimized(_ extra: [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-pre-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let main = dir.appendingPathComponent("main.swift")
        try Data("""
            func adamStep(_ n: Int) { precondition(n == 3, "adamStep: grad has \\(n) values, expected 3") }
            adamStep(Int(CommandLine.arguments.count + 1))
            """.utf8).write(to: main)
        let exe = dir.appendingPathComponent("main").path
        let compile = try run("/usr/bin/env", ["swiftc", "-O", "-module-name", "Lib", main.path] + extra + ["-o", exe])
        #expect(compile.status == 0, "\(compile.stderr)")
        return try run(exe, []).stderr
    }

    func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-pre-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: err) }
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = env
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: err, encoding: .utf8))
    }

    @Test func theMessageSurvivesOptimization() throws {
        let stderr = try runOptimized([Self.libraryFile])
        #expect(stderr.contains("adamStep: grad has 2 values, expected 3"), "\(stderr)")
        // Control: the standard library's precondition at -O says nothing useful.
        let control = try runOptimized([])
        #expect(!control.contains("adamStep: grad has 2 values"), "\(control)")
    }
}
