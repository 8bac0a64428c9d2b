import Foundation
import Outcome
import Records
#if canImport(Glibc)
import Glibc
#endif

/// Outcomes of earlier runs, keyed by everything that decides them.
///
/// Layout: `<root>/outcomes/<key>.json` (a `NotebookOutcome`, encoded with
/// `Record.encoder()` so NaN survives) and `<root>/swiftc/<key>.txt`
/// (`swiftc -version` output). Files are written to a temporary name and
/// renamed, so a reader never sees half a file and concurrent renders of the
/// same notebook at worst both write the same result.
///
/// An outcome holds its blocks' compiler warnings, so a warm render shows the
/// same warnings as a cold one. Entries of older formats are never looked up
/// again: the key tag names the format (`optnb-runner-1` had no warnings,
/// `-2` kept diagnostics as text, `-3` keeps them as `Diagnostic` values).
/// Should one be read anyway, it fails to decode and counts as a miss.
struct Cache {
    var root: URL

    /// `configured`, else env `OPTNB_CACHE_DIR`, else `$XDG_CACHE_HOME/optnb`,
    /// else `~/.cache/optnb`.
    static func directory(configured: URL?, environment: [String: String]) -> URL {
        if let configured { return configured }
        if let dir = environment["OPTNB_CACHE_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("optnb")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/optnb")
    }

    /// The key: SHA-256 over the program text, the library build's digest,
    /// the compiler's version text and the compile flags.
    static func key(program: String, libraryDigest: String, compilerVersion: String,
                    flags: [String]) -> String {
        let material = [
            "optnb-runner-3", compilerVersion, flags.joined(separator: " "), libraryDigest, program,
        ].joined(separator: "\n\u{0}\n")
        return SHA256Hasher.hex(Data(material.utf8))
    }

    func outcome(_ key: String) -> NotebookOutcome? {
        guard let data = FileManager.default.contents(atPath: outcomeFile(key).path) else {
            return nil
        }
        // An unreadable entry (older format, damage) is a miss, not an error.
        return try? Record.decoder().decode(NotebookOutcome.self, from: data)
    }

    func store(_ outcome: NotebookOutcome, for key: String) throws {
        let data: Data
        do { data = try Record.encoder().encode(outcome) } catch {
            throw RunnerIOError(path: outcomeFile(key).path, reason: "cannot encode: \(error)")
        }
        try write(data, to: outcomeFile(key))
    }

    func compilerVersion(_ key: String) -> String? {
        FileManager.default.contents(atPath: versionFile(key).path)
            .flatMap { String(data: $0, encoding: .utf8) }
    }

    func storeCompilerVersion(_ text: String, for key: String) throws {
        try write(Data(text.utf8), to: versionFile(key))
    }

    private func write(_ data: Data, to file: URL) throws(RunnerIOError) {
        do { try writeAtomically(data, to: file) } catch {
            throw RunnerIOError(path: error.path, reason: "cannot write the cache: \(error.reason)")
        }
    }

    private func outcomeFile(_ key: String) -> URL {
        root.appendingPathComponent("outcomes/\(key).json")
    }

    private func versionFile(_ key: String) -> URL {
        root.appendingPathComponent("swiftc/\(key).txt")
    }
}

/// A fresh private directory under the system's temporary directory.
struct TemporaryDirectory {
    let path: String

    init(prefix: String) throws {
        var base = FileManager.default.temporaryDirectory.path
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw RunnerIOError(path: base, reason: "cannot create a temporary directory: "
                                + String(cString: strerror(errno)))
        }
        path = String(cString: made)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
