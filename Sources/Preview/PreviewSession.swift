import FlyingFox
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `optnb preview`: render, serve on 127.0.0.1, watch, render again on
/// save, and reload the open pages. Runs until its task is cancelled.
public struct PreviewSession: Sendable {
    /// The notebooks and folders to render and watch, as given.
    public var inputs: [String]
    /// The port on 127.0.0.1 to serve on.
    public var port: UInt16
    /// nil: a private temporary folder, removed when preview stops.
    public var output: String?
    /// The `optnb` executable that renders (run as `optnb render …`).
    public var optnb: String
    /// Extra options for every render (`--timeout`, `--no-cache`).
    public var renderArguments: [String]
    /// Seconds between looks at the notebooks' modification times.
    public var pollInterval: Duration = .milliseconds(250)

    /// A session as given, polling every 250 ms.
    public init(inputs: [String], port: UInt16, output: String?, optnb: String, renderArguments: [String]) {
        self.inputs = inputs
        self.port = port
        self.output = output
        self.optnb = optnb
        self.renderArguments = renderArguments
    }

    /// Serves on 127.0.0.1, renders everything once, then again after every
    /// save until cancelled; `ready` gets the address as soon as the server listens.
    /// - Throws: `PreviewError` when the inputs or output folder are unusable
    ///   or the port cannot be bound.
    public func run(ready: @Sendable (String) -> Void = { _ in }) async throws {
        let watched = try Self.watchedInputs(inputs)
        let (outputPath, temporary) = try Self.prepareOutput(output)
        defer { if temporary { try? FileManager.default.removeItem(atPath: outputPath) } }
        let folder = try OutputFolder(outputPath)
        let state = PreviewState()
        let home = watched.folders.isEmpty && watched.files.count == 1
            ? URL(fileURLWithPath: watched.files[0]).deletingPathExtension().lastPathComponent + ".html"
            : "index.html"
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let handler = PreviewHandler(folder: folder, state: state, home: home, port: port)
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        do {
            try await server.waitUntilListening(timeout: 5)
        } catch {
            serving.cancel()
            if case .failure(let failure) = await serving.result {
                throw PreviewError("cannot listen on 127.0.0.1:\(port): \(failure.localizedDescription); pass --port with a free port")
            }
            throw PreviewError("cannot listen on 127.0.0.1:\(port); pass --port with a free port")
        }
        ready("http://127.0.0.1:\(port)/")

        let renderer = RenderRunner(optnb: optnb, output: outputPath, extraArguments: renderArguments)
        var declared = DeclaredInputsCache()
        var stamps = watched.scan(&declared)
        await renderRound(stamps.keys.sorted(), watched: watched, renderer: renderer, state: state)
        while !Task.isCancelled {
            do { try await Task.sleep(for: pollInterval) } catch { break }
            var now = watched.scan(&declared)
            let first = changes(from: stamps, to: now)
            guard !first.changed.isEmpty || first.setChanged else { continue }
            // An editor may save in steps (truncate, write): wait until the
            // files hold still before rendering what they say.
            while true {
                do { try await Task.sleep(for: .milliseconds(100)) } catch { break }
                let settled = watched.scan(&declared)
                if settled == now { break }
                now = settled
            }
            let changed = changes(from: stamps, to: now).changed
            let removed = Set(stamps.keys).subtracting(now.keys)
            stamps = now
            await renderRound(changed, watched: watched, renderer: renderer, state: state, removed: removed)
        }
        await server.stop(timeout: 1)
    }

    /// Renders `notebooks` one by one (so each one's messages are its own),
    /// then, in folder mode, the folders' index after every round: it shows
    /// each notebook's status and claims, so any re-render can change it, not
    /// only a notebook coming or going. Its render is cache hits (the
    /// notebooks were just rendered), and the round finishes, reloading the
    /// open pages, only once the index agrees with the reports.
    private func renderRound(_ notebooks: [String], watched: WatchedInputs, renderer: RenderRunner,
                             state: PreviewState, removed: Set<String> = []) async {
        var results: [String: RenderProblem?] = [:]
        for notebook in notebooks {
            if Task.isCancelled { return }
            results[Self.reportName(notebook)] = .some(await renderer.render(notebook))
        }
        for notebook in removed { results[Self.reportName(notebook)] = .some(nil) }
        if !watched.folders.isEmpty, !Task.isCancelled { await renderer.renderIndex(watched.folders) }
        if Task.isCancelled { return }
        state.finishRound(results)
    }

    static func reportName(_ notebook: String) -> String {
        URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent
    }

    static func watchedInputs(_ paths: [String]) throws -> WatchedInputs {
        var files: [String] = []
        var folders: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PreviewError("no such file or folder: \(path)")
            }
            if isDirectory.boolValue { folders.append(path) } else { files.append(path) }
        }
        let watched = WatchedInputs(files: files, folders: folders)
        guard !watched.notebooks().isEmpty else {
            throw PreviewError("no .md notebooks in \(paths.joined(separator: ", "))")
        }
        return watched
    }

    /// The output folder, made if missing; a temporary one when none is given.
    static func prepareOutput(_ output: String?) throws -> (path: String, temporary: Bool) {
        if let output {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw PreviewError("cannot create the output folder \(output): \(error.localizedDescription)")
            }
            return (output, false)
        }
        var base = FileManager.default.temporaryDirectory.path
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        var template = Array("\(base)/optnb-preview-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PreviewError("cannot create a temporary folder in \(base): \(String(cString: strerror(errno)))")
        }
        return (String(cString: made), true)
    }
}
