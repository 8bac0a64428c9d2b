import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The identity of the library build a notebook program links, as the
/// render cache keys on it, free of the folder the library was built in.
///
/// The objects themselves cannot be that identity. SwiftPM compiles with
/// absolute source paths, and a debug build's objects name their clone all
/// through their DWARF sections, in string literals the compiler adds (the
/// "closure has escaped" check of `withoutActuallyEscaping` carries its
/// file's path, and the path's length is an immediate operand in the code),
/// and in `.swift_modhash`; the `.swiftmodule`s hold the package's name,
/// which is its folder's name. Two clones of one commit never build the same
/// bytes, so a byte digest would never let a cache travel.
///
/// So the identity of an up-to-date build is what it was built from: each
/// module's source files (paths relative to the package, and contents, as
/// SwiftPM's output-file map lists them), `Package.swift`, the configuration
/// and target (`…/x86_64-unknown-linux-gnu/debug`), and the flags each
/// module was compiled with, as SwiftPM's build manifest (`.build/debug.yaml`)
/// records its command; the compiler's version is in the key beside it.
/// The flags are what `Package.swift` alone does not fix: extra
/// `swift build -Xswiftc …` flags, and settings Package.swift reads from
/// the environment (`OPTNB_PORTABLE=1` drops `-mavx2`). They are taken with
/// the package folder replaced by a placeholder and without `-j N` and
/// `-package-name` (the folder's name), so they too travel.
/// A build is up to date when every object is at least as new as its
/// source. (Not the `.swiftmodule`s: an edit that leaves a module's
/// interface as it was recompiles its objects but need not rewrite its
/// interface, and asking for that made every such build fall back to
/// bytes.) When it
/// is not (a source edited since the last `swift build`), or the map or the
/// manifest is missing, the identity falls back to the bytes of the
/// interfaces and objects: correct, only not portable.
struct LibraryDigest {
    /// The package folder (the one holding `.build`), or nil when the bin
    /// directory is not inside a `.build` folder.
    var packageRoot: String?
    var binDirectory: String

    init(binDirectory: String) {
        // `.build/debug` is a link to `.build/<triple>/debug`.
        let binDirectory = URL(fileURLWithPath: binDirectory).resolvingSymlinksInPath().path
        self.binDirectory = binDirectory
        if let range = binDirectory.range(of: "/.build/") {
            packageRoot = String(binDirectory[..<range.lowerBound])
        }
    }

    /// "sources:<hex>" for an up-to-date build, else "bytes:<hex>".
    func digest(modules: [String], interfaces: [String], objects: [String]) throws -> String {
        if let portable = portableIdentity(modules: modules) { return "sources:" + portable }
        var hasher = SHA256Hasher()
        for file in interfaces + objects {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw RunnerIOError(path: file, reason: "cannot be read")
            }
            hasher.update(Data("\(URL(fileURLWithPath: file).lastPathComponent)\n\(data.count)\n".utf8))
            hasher.update(data)
        }
        return "bytes:" + hasher.finalizeHex()
    }

    /// The sources' digest, or nil when the build is not provably up to date.
    func portableIdentity(modules: [String]) -> String? {
        guard let root = packageRoot else { return nil }
        var hasher = SHA256Hasher()
        let components = binDirectory.split(separator: "/").suffix(2).joined(separator: "/")
        hasher.update(Data("optnb-library-1\n\(components)\n".utf8))
        guard let manifest = FileManager.default.contents(atPath: root + "/Package.swift") else { return nil }
        hasher.update(Data("Package.swift\n\(manifest.count)\n".utf8))
        hasher.update(manifest)
        guard let flags = Self.compileFlags(of: modules, packageRoot: root,
                                            configuration: URL(fileURLWithPath: binDirectory).lastPathComponent)
        else { return nil }
        hasher.update(Data(flags.utf8))
        for module in modules {
            guard let pairs = Self.compiledSources(of: module, in: binDirectory), !pairs.isEmpty,
                  Self.modificationTime(binDirectory + "/Modules/\(module).swiftmodule") != nil
            else { return nil }
            hasher.update(Data("module \(module)\n".utf8))
            for (source, object) in pairs {
                guard source.hasPrefix(root + "/"),
                      let sourceTime = Self.modificationTime(source),
                      let objectTime = Self.modificationTime(object),
                      objectTime >= sourceTime,
                      let content = FileManager.default.contents(atPath: source)
                else { return nil }
                hasher.update(Data("\(source.dropFirst(root.count + 1))\n\(content.count)\n".utf8))
                hasher.update(content)
            }
        }
        return hasher.finalizeHex()
    }

    /// Each module's compile command from the build manifest
    /// `<root>/.build/<configuration>.yaml`, without the compiler's path,
    /// `-j N` and `-package-name NAME`, the package folder written as
    /// `<package>`: one line per argument under `flags <module>`. nil when
    /// the manifest or a module's command is missing.
    static func compileFlags(of modules: [String], packageRoot root: String, configuration: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "\(root)/.build/\(configuration).yaml") else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        var out = ""
        for module in modules {
            // `  "C.Optimizers-x86_64-unknown-linux-gnu-debug.module":`, then
            // its tool, inputs, outputs, description and `    args: [JSON]`.
            guard let start = lines.firstIndex(where: { $0.hasPrefix("  \"C.\(module)-") && $0.hasSuffix(".module\":") }),
                  let line = lines[(start + 1)...].prefix(12).first(where: { $0.hasPrefix("    args: [") }),
                  let args = try? JSONSerialization.jsonObject(with: Data(line.dropFirst("    args: ".count).utf8)) as? [String],
                  !args.isEmpty
            else { return nil }
            out += "flags \(module)\n"
            var skip = false
            for arg in args.dropFirst() {
                if skip { skip = false; continue }
                if arg == "-package-name" { skip = true; continue }
                if arg.hasPrefix("-j"), Int(arg.dropFirst(2)) != nil { continue }
                out += arg.replacingOccurrences(of: root + "/", with: "<package>/") + "\n"
            }
        }
        return out
    }

    /// (source, object) for each source SwiftPM's output-file map lists,
    /// sorted by source; nil without a readable map.
    static func compiledSources(of module: String, in bin: String) -> [(String, String)]? {
        let path = "\(bin)/\(module).build/output-file-map.json"
        guard let data = FileManager.default.contents(atPath: path),
              let map = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        var pairs: [(String, String)] = []
        for (source, value) in map where !source.isEmpty {
            guard let entry = value as? [String: Any], let object = entry["object"] as? String else { return nil }
            pairs.append((source, object))
        }
        return pairs.sorted { $0.0 < $1.0 }
    }

    /// Nanoseconds since the epoch of the file's last change; nil if it is missing.
    static func modificationTime(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    }
}
