import ArgumentParser
import Foundation
import Records
import Regression
import Runner

/// `optnb merge`: the folders of a sharded render in, one site out.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Assemble the folders of a sharded render into one site.",
        discussion: """
            Each folder is the --output of one `optnb render --shard I/N` (or `optnb check --shard \
            I/N`). The reports, results files and drift pages are copied into OUTPUT and \
            OUTPUT/index.html is written exactly as a single render of all the notebooks would \
            write it. Refused, with nothing written, when a notebook is missing or appears in two \
            folders, when the shards split the notebooks differently, or when they were rendered \
            by different optnb or Swift versions or on different platforms. Exits with status 1 \
            then.
            """
    )

    @Argument(help: "The shards' output folders, one per shard, in any order.")
    var folders: [String]

    @Option(name: .long, help: "Folder the merged site is written to.")
    var output: String = "output"

    func validate() throws {
        guard !folders.isEmpty else { throw ValidationError("Name the shards' output folders to merge.") }
        guard !output.isEmpty else { throw ValidationError("--output needs a folder name.") }
        let target = URL(fileURLWithPath: output).standardizedFileURL.path
        if let same = folders.first(where: { URL(fileURLWithPath: $0).standardizedFileURL.path == target }) {
            throw ValidationError("--output \(output) is the shard folder \(same); merge into another folder.")
        }
    }

    func run() throws {
        do {
            let site = try MergedSite(folders: folders)
            try site.write(to: URL(fileURLWithPath: output))
            say("merged \(site.entries.count) report\(site.entries.count == 1 ? "" : "s") from "
                + "\(folders.count) folder\(folders.count == 1 ? "" : "s") into \(output)")
        } catch let failure as CommandFailure {
            printError("optnb merge: \(failure.message)")
            throw ExitCode(failure.status)
        }
    }
}

/// The shards' folders, read and checked: every notebook of the plan in
/// exactly one folder, one split, one setup. Reading checks everything, so
/// a refused merge writes nothing.
struct MergedSite {
    /// Every report in render order, with the folder holding it.
    var entries: [(entry: ShardManifest.Entry, folder: URL)] = []
    var generationNote: String?
    var writesIndex = false

    init(folders: [String]) throws {
        var manifests: [(folder: String, manifest: ShardManifest)] = []
        for folder in folders { manifests.append((folder, try Self.manifest(in: folder))) }
        let first = manifests[0]
        for (folder, m) in manifests.dropFirst() where m.plan != first.manifest.plan {
            throw CommandFailure(
                "\(first.folder) (shard \(first.manifest.shard), \(Self.describe(first.manifest.plan))) and "
                    + "\(folder) (shard \(m.shard), \(Self.describe(m.plan))) split the notebooks differently; "
                    + "render every shard with the same notebooks and the same previous results in --output")
        }
        try Self.checkOneSetup(manifests)
        var holders: [String: [String]] = [:]
        var found: [String: (ShardManifest.Entry, URL)] = [:]
        for (folder, m) in manifests {
            for entry in m.reports {
                holders[entry.notebook, default: []].append(folder)
                found[entry.notebook] = (entry, URL(fileURLWithPath: folder))
            }
        }
        var problems: [String] = []
        for a in first.manifest.plan.notebooks {
            let inFolders = holders[a.notebook] ?? []
            if inFolders.isEmpty {
                problems.append("\(a.notebook) (shard \(a.shard)/\(first.manifest.plan.count)) is in none of the folders: "
                                + "that shard's folder was not given or its render of the notebook failed")
            } else if inFolders.count > 1 {
                problems.append("\(a.notebook) appears in \(inFolders.count) folders: \(inFolders.joined(separator: ", "))")
            }
        }
        let planned = Set(first.manifest.plan.notebooks.map(\.notebook))
        for (notebook, inFolders) in holders.sorted(by: { $0.key < $1.key }) where !planned.contains(notebook) {
            problems.append("\(notebook) in \(inFolders.joined(separator: ", ")) is not in the shards' plan")
        }
        guard problems.isEmpty else {
            throw CommandFailure("refusing to merge:\n" + problems.map { "  " + $0 }.joined(separator: "\n"))
        }
        entries = first.manifest.plan.notebooks.map { found[$0.notebook]! }
        generationNote = manifests.lazy.compactMap(\.manifest.generationNote).first
        writesIndex = first.manifest.plan.writesIndex
        for (entry, folder) in entries {
            for file in ["\(entry.name).html", "\(entry.name).results.json"]
            where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) {
                throw CommandFailure("\(folder.relativePath)/\(file) is missing, though the shard's manifest lists it")
            }
        }
    }

    /// Copies each report, its results file and drift page (when there is
    /// one), then writes the index; each file atomically, and all of them
    /// under the output folder's `.optnb.lock`, as a render writes, so a
    /// render into the same folder waits for the merge or the merge for it.
    func write(to output: URL) throws {
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try withOutputLock(output) { try copy(to: output) }
        } catch let error as RunnerIOError {
            throw CommandFailure("cannot write \(error.path): \(error.reason)")
        }
    }

    private func copy(to output: URL) throws {
        for (entry, folder) in entries {
            for file in ["\(entry.name).html", "\(entry.name).results.json", "\(entry.name).drift.html"] {
                let source = folder.appendingPathComponent(file)
                guard let data = FileManager.default.contents(atPath: source.path) else {
                    if file.hasSuffix(".drift.html") { continue }
                    throw CommandFailure("cannot read \(source.relativePath)")
                }
                try writeAtomically(data, to: output.appendingPathComponent(file))
                if entry.name == entries.first?.entry.name, file.hasSuffix(".html") { testPublishPause() }
            }
        }
        if writesIndex, !entries.isEmpty {
            try writeIndexPage(entries.map(\.entry), generationNote: generationNote, in: output)
        }
    }

    private static func manifest(in folder: String) throws -> ShardManifest {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(ShardManifest.fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CommandFailure(
                "\(folder) holds no \(ShardManifest.fileName): give the --output folders of `optnb render --shard I/N`")
        }
        let manifest: ShardManifest
        do { manifest = try Record.decoder().decode(ShardManifest.self, from: data) } catch {
            throw CommandFailure("\(url.relativePath) is not a shard manifest (\(error.localizedDescription))")
        }
        guard manifest.format == ShardManifest.format else {
            throw CommandFailure(
                "\(url.relativePath) has format \"\(manifest.format)\"; this optnb reads \"\(ShardManifest.format)\"")
        }
        return manifest
    }

    /// Refuses shards whose results files name different optnb versions,
    /// Swift compilers or platforms: their numbers need not agree, and the
    /// index footer names one setup.
    private static func checkOneSetup(_ manifests: [(folder: String, manifest: ShardManifest)]) throws {
        var seen: (folder: String, setup: String)?
        for (folder, m) in manifests {
            for entry in m.reports {
                let url = URL(fileURLWithPath: folder).appendingPathComponent("\(entry.name).results.json")
                let results: ResultsFile
                do { results = try ResultsFile.load(from: url) } catch let error as ResultsFileError {
                    throw CommandFailure(error.description)
                }
                let setup = ["optnb", "swift", "platform"].map { "\($0) \(results.environment[$0] ?? "?")" }
                    .joined(separator: ", ")
                guard let s = seen else { seen = (folder, setup); continue }
                if s.setup != setup {
                    throw CommandFailure(
                        "\(s.folder) was rendered by \(s.setup) but \(folder) by \(setup); "
                            + "render every shard with the same optnb build and Swift toolchain")
                }
            }
        }
    }

    private static func describe(_ plan: ShardPlan) -> String {
        "\(plan.notebooks.count) notebooks in \(plan.count) shards by \(plan.balancedBy)"
    }
}
