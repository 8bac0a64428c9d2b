import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Renders by running `optnb render` (the executable beside optnb-preview),
/// so preview renders exactly as the command does, cache included, and the
/// server never shares a process with a notebook's compiler.
struct RenderRunner: Sendable {
    /// The optnb executable.
    var optnb: String
    var output: String
    /// Passed on to every render (`--timeout`, `--no-cache`, …).
    var extraArguments: [String]

    /// Renders one notebook; nil when it rendered cleanly, else what optnb
    /// printed (each error names the notebook's line). `--keep-going` writes
    /// the report of a failing notebook too, with the failure in place.
    func render(_ notebook: String) async -> RenderProblem? {
        let (status, text) = await run([notebook])
        FileHandle.standardError.write(Data(text.utf8))
        return status == 0 ? nil : RenderProblem(notebook: notebook, messages: text)
    }

    /// Renders the folders again for their `index.html`. Their notebooks were
    /// just rendered one by one, so this is cache hits and the output (the
    /// same messages again) is not shown.
    func renderIndex(_ folders: [String]) async {
        _ = await run(folders)
    }

    private func run(_ inputs: [String]) async -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: optnb)
        process.arguments = ["render"] + inputs + ["--output", output, "--keep-going"] + extraArguments
        let log: URL
        do {
            log = FileManager.default.temporaryDirectory
                .appendingPathComponent("optnb-preview-\(getpid())-\(UInt32.random(in: .min ... .max)).log")
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
                return (2, "optnb preview: cannot create a log file in \(log.deletingLastPathComponent().path)\n")
            }
        }
        defer { try? FileManager.default.removeItem(at: log) }
        do {
            let handle = try FileHandle(forWritingTo: log)
            defer { try? handle.close() }
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            let status: Int32 = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                    do { try process.run() } catch {
                        process.terminationHandler = nil
                        continuation.resume(throwing: error)
                    }
                }
            } onCancel: {
                // Ctrl-C: optnb render stops its notebook program and cleans up on SIGINT.
                if process.isRunning { process.interrupt() }
            }
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            return (status, text)
        } catch {
            return (2, "optnb preview: cannot run \(optnb): \(error.localizedDescription)\n")
        }
    }
}
