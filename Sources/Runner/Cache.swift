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

    /// What the cache holds under a key.
    enum Lookup {
        case hit(NotebookOutcome)
        case absent
        /// An entry was there but failed its seal or did not decode
        /// (truncated, edited, written by an older optnb, filed under
        /// another key); it has been removed. The text says so, in one line.
        case damaged(String)
    }

    /// The outcome stored under `key`. A damaged entry is a miss, not an
    /// error, and is removed so the fresh outcome replaces it.
    func lookup(_ key: String) -> Lookup {
        let file = outcomeFile(key)
        switch unsealed(file, key: key) {
        case .absent: return .absent
        case .damaged(let why): return .damaged(Self.notice(file, why))
        case .content(let data):
            do {
                let outcome = try Record.decoder().decode(NotebookOutcome.self, from: data)
                Self.markUsed(file)
                return .hit(outcome)
            } catch {
                try? FileManager.default.removeItem(at: file)
                return .damaged(Self.notice(file, "it does not decode as an outcome of this optnb"))
            }
        }
    }

    /// The outcome stored under `key`, or nil (see `lookup`).
    func outcome(_ key: String) -> NotebookOutcome? {
        if case .hit(let outcome) = lookup(key) { return outcome }
        return nil
    }

    private static func notice(_ file: URL, _ why: String) -> String {
        "the cache entry \(file.path) was damaged (\(why)); it was removed and the notebook run again"
    }

    func store(_ outcome: NotebookOutcome, for key: String) throws {
        let data: Data
        do { data = try Record.encoder().encode(outcome) } catch {
            throw RunnerIOError(path: outcomeFile(key).path, reason: "cannot encode: \(error)")
        }
        try write(Self.seal(data, key: key), to: outcomeFile(key))
    }

    /// The remembered `swiftc -version` text, checked like an outcome.
    func compilerVersion(_ key: String) -> String? {
        guard case .content(let data) = unsealed(versionFile(key), key: key) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    func storeCompilerVersion(_ text: String, for key: String) throws {
        try write(Self.seal(Data(text.utf8), key: key), to: versionFile(key))
    }

    /// The highlighter helper's answer for one notebook's listings, checked
    /// like an outcome: a warm render then starts no helper process (about
    /// 15 ms a notebook, half of a cached notebook's render).
    func highlighted(_ key: String) -> String? {
        let file = highlightFile(key)
        guard case .content(let data) = unsealed(file, key: key) else { return nil }
        Self.markUsed(file)
        return String(data: data, encoding: .utf8)
    }

    func storeHighlighted(_ text: String, for key: String) throws {
        try write(Self.seal(Data(text.utf8), key: key), to: highlightFile(key))
    }

    /// Every entry starts with one line, `optnb-cache-1 <SHA-256 of key,
    /// NUL, content>`, before its content: what was read is what was
    /// written, for this key.
    static func seal(_ content: Data, key: String) -> Data {
        Data("\(sealTag) \(digest(content, key: key))\n".utf8) + content
    }

    private static let sealTag = "optnb-cache-1"

    private static func digest(_ content: Data, key: String) -> String {
        SHA256Hasher.hex(Data(key.utf8) + Data([0]) + content)
    }

    enum Unsealed {
        case content(Data)
        case absent
        case damaged(String)
    }

    /// The content of the entry at `file` if its seal holds; otherwise a
    /// damaged entry is deleted, unless another process has meanwhile
    /// renamed a fresh entry into its place (the inode tells them apart).
    private func unsealed(_ file: URL, key: String) -> Unsealed {
        let fd = open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .absent }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var read = stat()
        let inode: ino_t? = fstat(fd, &read) == 0 ? read.st_ino : nil
        guard let data = try? handle.readToEnd() ?? Data() else {
            return .damaged("it cannot be read")
        }
        let why: String
        if let newline = data.firstIndex(of: 0x0A) {
            let header = String(decoding: data[..<newline], as: UTF8.self)
            let content = Data(data[(newline + 1)...])
            if header == "\(Self.sealTag) \(Self.digest(content, key: key))" { return .content(content) }
            why = header.hasPrefix(Self.sealTag + " ")
                ? "its content does not match its checksum: cut short or edited"
                : "it has no optnb checksum line"
        } else {
            why = data.isEmpty ? "it is empty" : "it has no optnb checksum line"
        }
        var now = stat()
        if let inode, stat(file.path, &now) == 0, now.st_ino == inode {
            unlink(file.path)
        }
        return .damaged(why)
    }

    private func write(_ data: Data, to file: URL) throws(RunnerIOError) {
        do { try writeAtomically(data, to: file) } catch {
            throw RunnerIOError(path: error.path, reason: "cannot write the cache: \(error.reason)")
        }
    }

    private func outcomeFile(_ key: String) -> URL {
        root.appendingPathComponent("outcomes/\(key).json")
    }

    private func highlightFile(_ key: String) -> URL {
        root.appendingPathComponent("highlight/tokens-\(key).txt")
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
        path = try InterruptCleanup.shared.creating {
            guard let made = mkdtemp(&template) else {
                throw RunnerIOError(path: base, reason: "cannot create a temporary directory: "
                                    + String(cString: strerror(errno)))
            }
            let path = String(cString: made)
            InterruptCleanup.shared.remember(path)
            return path
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        InterruptCleanup.shared.forget(path)
    }
}
