import Foundation

/// The notebooks named on a command line: files as given, folders expanded
/// to their `*.md` files (not recursive: `baselines/` and the like sit
/// beside notebooks), sorted for a stable order.
struct NotebookInputs {
    var notebooks: [String]
    /// True when a folder was given: the render also writes an index.
    var includesFolder: Bool

    init(_ paths: [String]) throws {
        var notebooks: [String] = []
        var includesFolder = false
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure("no such file or folder: \(path)", status: 2)
            }
            guard isDirectory.boolValue else { notebooks.append(path); continue }
            includesFolder = true
            let names = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            let found = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
            guard !found.isEmpty else {
                throw CommandFailure("the folder \(path) has no .md notebooks", status: 2)
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            notebooks += found.map { prefix + $0 }
        }
        // Two notebooks with one name would write one report over the other.
        var seen: [String: String] = [:]
        for notebook in notebooks {
            let name = Self.reportName(notebook)
            if let other = seen[name], other != notebook {
                throw CommandFailure(
                    "\(other) and \(notebook) would both write \(name).html; render them into different --output folders",
                    status: 2)
            }
            seen[name] = notebook
        }
        self.notebooks = notebooks.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        self.includesFolder = includesFolder
    }

    /// `notebooks/adamw.md` → `adamw`.
    static func reportName(_ notebook: String) -> String {
        URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent
    }
}
