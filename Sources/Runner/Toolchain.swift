import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The `swiftc` a notebook program is compiled with.
struct Compiler {
    /// Absolute path.
    var path: String

    /// `configured`, else env `OPTNB_SWIFTC`, else `swiftc`; a name without
    /// `/` is looked up on PATH.
    static func locate(configured: String?, environment: [String: String]) throws -> Compiler {
        let (name, origin): (String, String) =
            if let configured { (configured, "the swiftc option") }
            else if let env = environment["OPTNB_SWIFTC"], !env.isEmpty { (env, "OPTNB_SWIFTC") }
            else { ("swiftc", "PATH") }
        if name.contains("/") {
            guard access(name, X_OK) == 0 else {
                throw ToolchainError(
                    "The Swift compiler \(name) (from \(origin)) is not an executable file; install Swift or point --swiftc or OPTNB_SWIFTC at swiftc.")
            }
            return Compiler(path: URL(fileURLWithPath: name).standardizedFileURL.path)
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 {
                return Compiler(path: URL(fileURLWithPath: candidate).standardizedFileURL.path)
            }
        }
        throw ToolchainError(
            "The Swift compiler \(name) was not found on PATH; install Swift or point --swiftc or OPTNB_SWIFTC at swiftc.")
    }

    /// `swiftc -version`, remembered in `cache` per path, size and mtime so a
    /// warm render does not start the compiler; `refresh` asks swiftc again
    /// (`--no-cache`) and replaces what was remembered.
    func version(cache: Cache?, refresh: Bool = false) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw RunnerIOError(path: path, reason: String(cString: strerror(errno)))
        }
        let identity = "\(path)\n\(info.st_size)\n\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\n\(info.st_ino)"
        let memoKey = SHA256Hasher.hex(Data(identity.utf8))
        if !refresh, let cached = cache?.compilerVersion(memoKey) { return cached }
        let output = try capture(arguments: ["-version"])
        guard output.status == .exited(0) else {
            throw ToolchainError(
                "The Swift compiler \(path) failed to report its version; check the installation or point OPTNB_SWIFTC at a working swiftc.")
        }
        try cache?.storeCompilerVersion(output.text, for: memoKey)
        return output.text
    }

    /// Runs swiftc with `arguments`, returning its combined output.
    func capture(arguments: [String], workingDirectory: String? = nil,
                 environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (status: Termination, text: String) {
        let scratch = try TemporaryDirectory(prefix: "optnb-swiftc")
        defer { scratch.remove() }
        let log = scratch.path + "/output"
        // swiftc's own temporaries (3.6 to 41 MB a compile) go in the
        // scratch folder, so they go with it, also on Ctrl-C.
        var environment = environment
        environment["TMPDIR"] = scratch.path
        let status = try ChildProcess(
            executable: path, arguments: arguments, environment: environment,
            workingDirectory: workingDirectory, standardOutput: log, standardError: log,
            timeout: nil
        ).run()
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}

/// The built `Optimizers`, `Records` and `Reporting` modules a notebook program imports
/// and links, found in a SwiftPM bin directory (`.build/debug` or
/// `.build/release`).
struct LibraryBuild {
    static let modules = ["Optimizers", "Records", "Reporting", "Sweeps"]

    /// `<bin>/Modules`, for `-I`.
    var modulesDirectory: String
    /// The modules' interface files, hashed into the cache key.
    var interfaces: [String]
    /// The modules' object files, linked into the program.
    var objects: [String]

    static func locate(binDirectory: URL?) throws -> LibraryBuild {
        let bin = try binDirectory?.path ?? executableDirectory()
        let modulesDirectory = bin + "/Modules"
        var interfaces: [String] = []
        var objects: [String] = []
        for module in modules {
            let interface = "\(modulesDirectory)/\(module).swiftmodule"
            guard FileManager.default.fileExists(atPath: interface) else {
                throw ToolchainError(
                    "The \(module) module was not found in \(bin); build it with `swift build` (optnb must run from its SwiftPM build directory).")
            }
            interfaces.append(interface)
            let found = objectFiles(of: module, in: bin)
            guard !found.isEmpty else {
                throw ToolchainError(
                    "The object files of \(module) were not found in \(bin)/\(module).build; rebuild with `swift build`.")
            }
            objects += found
        }
        return LibraryBuild(modulesDirectory: modulesDirectory, interfaces: interfaces,
                            objects: objects)
    }

    /// The objects SwiftPM's output-file map lists for the module's current
    /// sources. Globbing `*.o` would also pick up objects of deleted or
    /// renamed sources, whose symbols then clash; the glob is only the
    /// fallback when the map is missing.
    static func objectFiles(of module: String, in bin: String) -> [String] {
        let directory = "\(bin)/\(module).build"
        if let data = FileManager.default.contents(atPath: directory + "/output-file-map.json"),
           let map = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            let objects = map.compactMap { key, value -> String? in
                guard !key.isEmpty, let entry = value as? [String: Any] else { return nil }
                return entry["object"] as? String
            }.sorted()
            if !objects.isEmpty, objects.allSatisfy(FileManager.default.fileExists(atPath:)) {
                return objects
            }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".o") }.sorted().map { "\(directory)/\($0)" }
    }

    /// The directory of the running executable (/proc/self/exe, links resolved).
    static func executableDirectory() throws -> String {
        guard let resolved = realpath("/proc/self/exe", nil) else {
            throw ToolchainError(
                "The running executable's location could not be found; pass the SwiftPM bin directory explicitly.")
        }
        defer { free(resolved) }
        return URL(fileURLWithPath: String(cString: resolved)).deletingLastPathComponent().path
    }

    /// The library build's identity (`LibraryDigest`): the sources it was
    /// built from when it is up to date, so that it does not depend on the
    /// folder it was built in; else the bytes of its interfaces and objects.
    /// Computed once per process for an unchanged set of files (a folder of
    /// notebooks would otherwise read the same files for each).
    func digest() throws -> String {
        let files = interfaces + objects
        var identity = ""
        for file in files {
            var info = stat()
            guard stat(file, &info) == 0 else {
                throw RunnerIOError(path: file, reason: String(cString: strerror(errno)))
            }
            identity += "\(file)\n\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)\n"
        }
        if let known = Self.digests.withLock({ $0[identity] }) { return known }
        let bin = URL(fileURLWithPath: modulesDirectory).deletingLastPathComponent().path
        let digest = try LibraryDigest(binDirectory: bin)
            .digest(modules: Self.modules, interfaces: interfaces, objects: objects)
        Self.digests.withLock { $0[identity] = digest }
        return digest
    }

    /// Digests computed in this process, by the files' paths, sizes, times and inodes.
    private static let digests = Mutex<[String: String]>([:])
}
