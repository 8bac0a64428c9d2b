import Foundation

/// Runs the built `optnb` executable (it sits beside the test bundle in the
/// SwiftPM bin folder) in a scratch folder with its own cache.
struct CLI {
    let scratch: URL
    let cache: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-cli-\(UUID().uuidString)")
        cache = scratch.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: scratch) }

    static let binDirectory: URL = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test binary may sit inside a `.xctest` bundle folder.
        while url.pathExtension == "xctest" || url.lastPathComponent == "Contents"
            || url.lastPathComponent == "MacOS" { url.deleteLastPathComponent() }
        return url
    }()

    /// The project's fixture notebooks for CLI tests.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/notebooks/cli")

    /// Copies a fixture notebook into the scratch folder and returns its path.
    func notebook(_ name: String, into folder: String = "notebooks") throws -> String {
        let dir = scratch.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: target)
        return "\(folder)/\(name)"
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `optnb arguments…` (or another executable of the package, such
    /// as `optnb-preview`) in the scratch folder.
    /// `executable arguments…` set up to run in the scratch folder with this
    /// harness's cache (and CI unset, so output is what a terminal user sees).
    private func process(_ arguments: [String], environment extra: [String: String],
                         executable: String) -> Process {
        let process = Process()
        process.executableURL = Self.binDirectory.appendingPathComponent(executable)
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        var env = ProcessInfo.processInfo.environment
        env["OPTNB_CACHE_DIR"] = cache.path
        env.removeValue(forKey: "CI")
        for (k, v) in extra { env[k] = v }
        process.environment = env
        return process
    }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:],
             executable: String = "optnb") throws -> Result {
        let process = self.process(arguments, environment: extra, executable: executable)
        // Files, not pipes: a chatty child can never block on a full pipe.
        let out = scratch.appendingPathComponent(".stdout"), err = scratch.appendingPathComponent(".stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// Starts `optnb arguments…` in the scratch folder and returns at once;
    /// its output goes to /dev/null.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Process {
        let process = self.process(arguments, environment: extra, executable: "optnb")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: scratch.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: scratch.appendingPathComponent(path).path)
    }

    func write(_ text: String, to path: String) throws {
        let url = scratch.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
