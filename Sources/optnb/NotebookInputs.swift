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

    /// Whether the render writes `index.html` beside the reports.
    var writesIndex: Bool { includesFolder || notebooks.count > 1 }

    /// Refuses a render that would write one file over another of its own
    /// or over one of its inputs: a notebook named `index` where the index
    /// goes, or a report or results file whose path is a notebook's (a
    /// notebook `x.html` rendered with `--output .`). Paths are compared
    /// after resolving symbolic links, so `./x.html` and `out/../x.html`
    /// are seen as one file.
    func refuseClashes(output: URL) throws {
        if writesIndex, let index = notebooks.first(where: { Self.reportName($0) == "index" }) {
            throw CommandFailure(
                "\(index) would write index.html, where this render writes the index of all reports; rename the notebook or render it on its own",
                status: 2)
        }
        let inputs = Dictionary(notebooks.map { (Self.resolved($0), $0) }, uniquingKeysWith: { a, _ in a })
        for notebook in notebooks {
            let name = Self.reportName(notebook)
            for file in [name + ".html", name + ".results.json", name + ".drift.html"] + (writesIndex ? ["index.html"] : []) {
                let target = output.appendingPathComponent(file).path
                if let input = inputs[Self.resolved(target)] {
                    throw CommandFailure(
                        "rendering \(notebook) would overwrite the notebook \(input) with \(file); choose another --output folder",
                        status: 2)
                }
            }
        }
    }

    /// `path` made absolute with its symbolic links resolved, as far as
    /// they exist (a file not yet written resolves through its folder).
    static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let real = realpath(url.path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let folder = url.deletingLastPathComponent().path
        guard folder != url.path else { return url.path }
        return resolved(folder) + "/" + url.lastPathComponent
    }

    /// `notebooks/adamw.md` → `adamw`.
    static func reportName(_ notebook: String) -> String {
        URL(fileURLWithPath: notebook).deletingPathExtension().lastPathComponent
    }
}
