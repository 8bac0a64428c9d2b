import Foundation

/// Syntax classes for Swift listings, from swift-syntax via the cached
/// `optnb-highlight` helper (see `highlighterHelperSource`).
///
/// Cost: the helper is built once per toolchain (a few seconds; the first
/// build also lets swiftc prepare the host modules), then each render
/// starts it once for all of a notebook's listings. When the toolchain has
/// no `usr/lib/swift/host` modules, or the helper fails, listings stay
/// plain and `note` says why; rendering never fails for highlighting.
public enum SwiftHighlighter {
    /// One classified run of a listing.
    public struct Token: Sendable, Equatable {
        /// UTF-8 offset in the listing.
        public var offset: Int
        /// UTF-8 length.
        public var length: Int
        /// kw, ty, str, num, cm or attr.
        public var kind: String
    }

    /// The classes of every listing, or why there are none.
    public struct Result: Sendable {
        /// Per listing, in the order given; empty when `note` is set.
        public var tokens: [[Token]]
        /// Why listings stay plain (no host modules, the helper failed); nil when classified.
        public var note: String?
    }

    /// The tokens of each of `listings`, from the cached helper (built on
    /// first use); never fails: a problem becomes `note` and no tokens.
    public static func classify(_ listings: [String], configuration: RunnerConfiguration) -> Result {
        guard !listings.isEmpty else { return Result(tokens: [], note: nil) }
        do {
            let helper = try helperPath(configuration)
            var input = Data()
            for listing in listings {
                let bytes = Data(listing.utf8)
                input += Data("\(bytes.count)\n".utf8) + bytes
            }
            // The helper's name carries its toolchain and source: with the
            // listings it decides the answer, so the answer is cached.
            let cache = configuration.useCache
                ? Cache(root: Cache.directory(configured: configuration.cacheDirectory, environment: configuration.environment))
                : nil
            let key = SHA256Hasher.hex(Data(URL(fileURLWithPath: helper).lastPathComponent.utf8) + Data([0]) + input)
            let text: String, fromCache: Bool
            if let cache, let known = cache.highlighted(key) {
                (text, fromCache) = (known, true)
            } else {
                fromCache = false
                let scratch = try TemporaryDirectory(prefix: "optnb-highlight")
                defer { scratch.remove() }
                let inputPath = scratch.path + "/input", outputPath = scratch.path + "/output"
                try input.write(to: URL(fileURLWithPath: inputPath))
                let status = try ChildProcess(
                    executable: helper, arguments: [inputPath], environment: configuration.environment,
                    workingDirectory: nil, standardOutput: outputPath, standardError: scratch.path + "/errors",
                    timeout: .seconds(60)
                ).run()
                guard status == .exited(0) else { return unavailable("the highlighter helper failed (\(status))") }
                text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            }
            var tokens: [[Token]] = [[]]
            for line in text.split(separator: "\n") {
                if line == "." { tokens.append([]); continue }
                let parts = line.split(separator: " ")
                guard parts.count == 3, let offset = Int(parts[0]), let length = Int(parts[1]) else { continue }
                tokens[tokens.count - 1].append(Token(offset: offset, length: length, kind: String(parts[2])))
            }
            tokens.removeLast()
            guard tokens.count == listings.count else { return unavailable("the highlighter helper's output was cut short") }
            // A hit was read back whole and marked used; writing it again
            // would only cost every warm render a hash and an atomic write.
            if !fromCache { try? cache?.storeHighlighted(text, for: key) }
            return Result(tokens: tokens, note: nil)
        } catch let error as ToolchainError {
            return unavailable(error.message)
        } catch {
            return unavailable("\(error)")
        }
    }

    private static func unavailable(_ why: String) -> Result {
        Result(tokens: [], note: "Code is not highlighted: \(why).")
    }

    /// The helper for this toolchain, built into the cache when missing.
    /// Keyed by the compiler's version text and the helper's source, so a
    /// new toolchain or a changed helper builds afresh.
    static func helperPath(_ configuration: RunnerConfiguration) throws -> String {
        let environment = configuration.environment
        let compiler = try Compiler.locate(configured: configuration.swiftc, environment: environment)
        let host = URL(fileURLWithPath: compiler.path).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lib/swift/host").resolvingSymlinksInPath().path
        guard FileManager.default.fileExists(atPath: host + "/SwiftIDEUtils.swiftmodule") else {
            throw ToolchainError("this toolchain has no swift-syntax host modules in \(host)")
        }
        let root = Cache.directory(configured: configuration.cacheDirectory, environment: environment)
        let cache = Cache(root: root)
        let version = try compiler.version(cache: configuration.useCache ? cache : nil)
        let key = SHA256Hasher.hex(Data((version + "\n\u{0}\n" + host + "\n\u{0}\n" + highlighterHelperSource).utf8))
        let directory = root.appendingPathComponent("highlight")
        let binary = directory.appendingPathComponent("optnb-highlight-\(key.prefix(16))").path
        if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Parallel jobs (threads of one render, or renders sharing the
        // cache) that all start cold would each build the helper, on the
        // cores their notebooks' compiles need. One builds under the lock;
        // the others wait for it and find the binary in place.
        let lock = try BuildLock(directory.appendingPathComponent(".build-\(key.prefix(16)).lock").path)
        defer { lock.release() }
        if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        let scratch = try TemporaryDirectory(prefix: "optnb-highlight-build")
        defer { scratch.remove() }
        let source = scratch.path + "/main.swift"
        try Data(highlighterHelperSource.utf8).write(to: URL(fileURLWithPath: source))
        // Built beside its final name (same file system), then renamed.
        let built = directory.appendingPathComponent(".building-\(getpid())-\(key.prefix(16))").path
        defer { unlink(built) }
        let output = try compiler.capture(arguments: [
            "-Onone", "-I", host, "-L", host, "-Xlinker", "-rpath", "-Xlinker", host,
            "-lSwiftIDEUtils", "-lSwiftParser", "-lSwiftSyntax", source, "-o", built,
        ], environment: environment)
        guard output.status == .exited(0) else {
            throw ToolchainError("building the highlighter helper failed: \(output.text.prefix(400))")
        }
        // Rename into place, so a concurrent render sees a whole file or none.
        if rename(built, binary) != 0 && !FileManager.default.isExecutableFile(atPath: binary) {
            throw ToolchainError("cannot store the highlighter helper at \(binary)")
        }
        return binary
    }
}

/// An exclusive `flock(2)` on a file of its own: held by one thread or
/// process at a time (each holder opens the file anew, so threads of one
/// process exclude each other too), released by `release()` or when the
/// process ends, so a crashed builder never blocks the next.
struct BuildLock {
    private let fd: Int32

    init(_ path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ToolchainError("cannot open the lock \(path): \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw ToolchainError("cannot lock \(path): \(reason)")
            }
        }
    }

    func release() {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
