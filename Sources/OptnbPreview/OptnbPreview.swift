import ArgumentParser
import CommandOptions
import Foundation
import Preview
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `optnb-preview`, started by `optnb preview` (same arguments, parsed by
/// the same `PreviewOptions`): kept out of optnb itself so building optnb
/// never compiles the HTTP server.
@main
struct OptnbPreview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optnb-preview",
        abstract: "Render notebooks, serve the reports on 127.0.0.1, and reload the page on every save.",
        discussion: """
            Run as `optnb preview`. Reports are written to a temporary folder (removed on exit) \
            unless --output is given; only files in that folder are served. Ctrl-C stops it.
            """
    )

    @OptionGroup var options: PreviewOptions

    func run() async throws {
        let optnb = try siblingOptnb()
        let session = PreviewSession(inputs: options.paths, port: UInt16(options.port), output: options.output,
                                     optnb: optnb, renderArguments: options.renderArguments)
        installStopHandlers()
        let task = Task {
            try await session.run { url in
                FileHandle.standardError.write(Data("optnb preview: serving \(url) (Ctrl-C stops)\n".utf8))
            }
        }
        // The signal handler only sets a flag; this loop turns it into a cancellation.
        let watcher = Task {
            while stopSignal.load(ordering: .relaxed) == 0 {
                try? await Task.sleep(for: .milliseconds(100))
            }
            task.cancel()
        }
        defer { watcher.cancel() }
        do {
            try await task.value
        } catch let error as PreviewError {
            FileHandle.standardError.write(Data("optnb preview: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if stopSignal.load(ordering: .relaxed) != 0 {
            FileHandle.standardError.write(Data("optnb preview: stopped\n".utf8))
        }
    }

    /// The optnb executable in the same build folder.
    private func siblingOptnb() throws -> String {
        guard let resolved = realpath("/proc/self/exe", nil) else {
            throw ValidationError("cannot find optnb-preview's own location")
        }
        defer { free(resolved) }
        let path = URL(fileURLWithPath: String(cString: resolved)).deletingLastPathComponent()
            .appendingPathComponent("optnb").path
        guard access(path, X_OK) == 0 else {
            FileHandle.standardError.write(Data(
                "optnb preview: \(path) is missing; build it with `swift build --product optnb`\n".utf8))
            throw ExitCode(2)
        }
        return path
    }
}

/// Set by SIGINT or SIGTERM. A handler (not SIG_IGN) is reset to the default
/// in the `optnb render` children, so Ctrl-C also reaches them and they
/// stop their notebook programs themselves.
let stopSignal = Atomic<Int32>(0)

private func installStopHandlers() {
    for sig in [SIGINT, SIGTERM] {
        signal(sig) { received in stopSignal.store(received, ordering: .relaxed) }
    }
}
