import Foundation
import Notebook

/// The data files a notebook declares with `input("…")` (see
/// `DeclaredInput`), read once before the run: their content hashes join
/// the cache key, and the program reads copies of exactly these bytes.
struct InputFiles {
    struct File {
        /// As written in the literal.
        var path: String
        var blockIndex: Int
        var content: Data
        var sha256: String
    }

    /// Each declared path once, in notebook order.
    var files: [File] = []

    /// No inputs.
    init() {}

    /// Reads every declared input of `document` (its real path: relative
    /// inputs are beside it).
    ///
    /// - Throws: `NotebookError` at the `input` of a file that cannot be read.
    init(_ document: Document) throws {
        var seen = Set<String>()
        for input in document.declaredInputs where seen.insert(input.path).inserted {
            let resolved = document.resolveInput(input.path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory),
                  !isDirectory.boolValue, let content = FileManager.default.contents(atPath: resolved) else {
                throw NotebookError(
                    path: document.path, position: input.position,
                    message: "input(\"\(input.path)\"): no readable file at \(resolved); "
                        + "input paths are relative to the notebook's folder")
            }
            files.append(File(path: input.path, blockIndex: input.blockIndex, content: content,
                              sha256: SHA256Hasher.hex(content)))
        }
    }

    /// The lines the cache key gets for the inputs of the blocks `blocks`
    /// selects: each path as written and its content's SHA-256.
    func keyMaterial(blocks: (Int) -> Bool = { _ in true }) -> String {
        files.filter { blocks($0.blockIndex) }
            .map { "input \($0.path)\n\($0.sha256)" }.joined(separator: "\n")
    }

    /// Writes a copy of each file into `<scratch>/inputs` and returns the
    /// `OPTNB_INPUTS` value: a JSON object from each path as written to its
    /// copy. Always set under optnb, so an `input` whose path optnb did not
    /// find stops instead of reading an untracked file.
    func snapshot(in scratch: String) throws -> String {
        let folder = scratch + "/inputs"
        var map: [String: String] = [:]
        if !files.isEmpty {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw RunnerIOError(path: folder, reason: error.localizedDescription)
            }
        }
        for (n, file) in files.enumerated() {
            let copy = "\(folder)/\(n)"
            do { try file.content.write(to: URL(fileURLWithPath: copy)) } catch {
                throw RunnerIOError(path: copy, reason: error.localizedDescription)
            }
            map[file.path] = copy
        }
        let data = (try? JSONSerialization.data(withJSONObject: map, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
