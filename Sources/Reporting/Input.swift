import Foundation

/// The contents of a data file the notebook reads, as UTF-8 text (invalid
/// bytes become U+FFFD). `path` is relative to the notebook's folder (or
/// absolute) and must be a plain string literal:
///
///     let losses = input("data/losses.csv")
///
/// optnb finds every `input("…")` in the notebook before running it and
/// hashes each file's content into the render cache's key: changing the
/// file re-runs the notebook, and nothing else about it does (its time
/// stamp, the folder the notebook is rendered from). A file read any other
/// way (`String(contentsOfFile:)`) is read all the same but not tracked: a
/// cached render will not notice that it changed.
///
/// The program reads the very bytes optnb hashed (a copy taken before the
/// run), so a file changed during the run cannot be cached under the old
/// content. Outside optnb, the file is read from the current folder.
///
/// A missing file is refused before the program is compiled, at the line of
/// its `input`. An argument that is not a plain literal (a variable, an
/// interpolation) stops the program at this call's line: optnb could not
/// have tracked it.
public func input(_ path: String, file: String = #filePath, line: Int = #line) -> String {
    let declared = InputSnapshots.shared
    let source: String
    if let snapshots = declared {
        guard let copy = snapshots[path] else {
            fatalError("\(file):\(line): input(\"\(path)\") is not a plain string literal optnb found "
                       + "before the run, so the file cannot be tracked; write the path as a literal, "
                       + "e.g. input(\"data/losses.csv\")")
        }
        source = copy
    } else {
        source = path
    }
    guard let data = FileManager.default.contents(atPath: source) else {
        fatalError("\(file):\(line): input(\"\(path)\"): the file cannot be read")
    }
    return String(decoding: data, as: UTF8.self)
}

/// The copies of the declared inputs optnb made for this run, by the path
/// written in `input("…")`, from `OPTNB_INPUTS` (a JSON object); nil outside optnb.
enum InputSnapshots {
    static let environmentKey = "OPTNB_INPUTS"

    static let shared: [String: String]? = {
        guard let text = ProcessInfo.processInfo.environment[environmentKey],
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        else { return nil }
        return object
    }()
}
