import Foundation
import Notebook
#if canImport(Glibc)
import Glibc
#endif

/// The notebooks preview watches: files given as they are, folders as their
/// `*.md` files (not recursive, hidden files left out), found again on every
/// scan so a new notebook in a watched folder is picked up. With each
/// notebook go the files it declares with `input("…")`: a change to one of
/// them re-renders the notebook, as a save of the notebook does.
struct WatchedInputs: Sendable {
    var files: [String]
    var folders: [String]

    /// Each notebook's stamp, with its declared inputs' stamps; a change in
    /// any of them is a save. `declared` keeps each notebook's inputs by the
    /// stamp they were read at, so a notebook is parsed again only when it
    /// changes, not on every look.
    func scan(_ declared: inout DeclaredInputsCache) -> [String: NotebookStamp] {
        var stamps: [String: NotebookStamp] = [:]
        for file in notebooks() {
            let stamp = FileStamp(path: file)
            var inputs: [String: FileStamp] = [:]
            for input in declared.inputs(of: file, at: stamp) { inputs[input] = FileStamp(path: input) }
            stamps[file] = NotebookStamp(notebook: stamp, inputs: inputs)
        }
        return stamps
    }

    func notebooks() -> [String] {
        var found = files
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            found += names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted().map { prefix + $0 }
        }
        return found
    }
}

/// The files each notebook declares as inputs (`Document.inputFiles`, read
/// from the notebook's text as render reads it), remembered with the
/// notebook's stamp at the time.
struct DeclaredInputsCache {
    private var known: [String: (stamp: FileStamp, inputs: [String])] = [:]

    /// A notebook that does not parse declares nothing: its render fails
    /// and says why, and its next save is seen through its own stamp.
    mutating func inputs(of notebook: String, at stamp: FileStamp) -> [String] {
        if let entry = known[notebook], entry.stamp == stamp { return entry.inputs }
        var inputs: [String] = []
        if stamp.exists, let data = FileManager.default.contents(atPath: notebook),
           let document = try? parseNotebook(bytes: Array(data), path: notebook) {
            inputs = document.inputFiles
        }
        known[notebook] = (stamp, inputs)
        return inputs
    }
}

/// A notebook and the inputs it declares, as seen by one scan.
struct NotebookStamp: Equatable, Sendable {
    var notebook: FileStamp
    /// By path as the render opens it (relative ones from preview's folder).
    var inputs: [String: FileStamp]
}

struct FileStamp: Equatable, Sendable {
    var seconds: Int
    var nanoseconds: Int
    var size: Int64
    var exists: Bool

    init(path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            seconds = Int(info.st_mtim.tv_sec); nanoseconds = Int(info.st_mtim.tv_nsec)
            size = Int64(info.st_size); exists = true
        } else {
            seconds = 0; nanoseconds = 0; size = -1; exists = false
        }
    }
}

/// Which notebooks to render again between two scans (the notebook or one
/// of its inputs changed, or an input appeared or went away), and whether
/// the set of notebooks changed.
func changes(from old: [String: NotebookStamp], to new: [String: NotebookStamp]) -> (changed: [String], setChanged: Bool) {
    let changed = new.filter { old[$0.key] != $0.value && $0.value.notebook.exists }.map(\.key).sorted()
    return (changed, Set(old.keys) != Set(new.keys))
}
