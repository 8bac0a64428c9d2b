import Foundation

/// The notebook line an error thrown to the top level came through: the
/// top-level code's frame (`main`) in the call stack the program recorded
/// when the error was thrown (`ThrowSites` in Reporting), mapped to a line
/// by the toolchain's `llvm-symbolizer` from the program's line tables.
///
/// nil when there is nothing to go on (no record, no symbolizer beside
/// swiftc, no frame of the notebook's top-level code); the caller then
/// falls back to reading the block's code for its top-level `try`s.
enum ThrowSite {
    static func topLevelLine(recordedIn offsetsFile: String, executable: String, compiler: String,
                             notebookPath: String, scratch: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: offsetsFile) else { return nil }
        let offsets = frames(in: data).map { "0x" + String($0, radix: 16) }
        guard !offsets.isEmpty, let symbolizer = symbolizer(besides: compiler) else { return nil }
        let output = scratch + "/throw-site.txt"
        guard let ended = try? ChildProcess(
            executable: symbolizer, arguments: ["--obj=" + executable] + offsets,
            environment: [:], standardOutput: output, standardError: "/dev/null",
            timeout: .seconds(20)
        ).run(), ended == .exited(0),
              let text = try? String(contentsOfFile: output, encoding: .utf8) else { return nil }
        return line(inSymbolized: text, notebookPath: notebookPath)
    }

    /// The recorded offsets: slot 0 (8 bytes, little-endian like every
    /// Linux machine Swift runs on) is their count n, slots 1…n the offsets.
    static func frames(in data: Data) -> [UInt64] {
        let slots = data.count / 8
        guard slots > 0 else { return [] }
        let values = (0..<slots).map { i in
            data[data.startIndex + 8 * i ..< data.startIndex + 8 * i + 8].reversed()
                .reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        let count = Int(min(values[0], UInt64(slots - 1)))
        return Array(values[1...].prefix(count))
    }

    /// llvm-symbolizer's default output: per address a function name, then
    /// `file:line:column` (one pair per inlined frame), then a blank line.
    /// The first frame of `main` in the notebook file gives the line.
    static func line(inSymbolized text: String, notebookPath: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        for (function, location) in zip(lines, lines.dropFirst()) where function == "main" {
            let parts = location.split(separator: ":")
            guard parts.count >= 3, let line = Int(parts[parts.count - 2]) else { continue }
            let file = parts.dropLast(2).joined(separator: ":")
            if file == notebookPath || (!notebookPath.hasPrefix("/") && file.hasSuffix("/" + notebookPath)) {
                return line
            }
        }
        return nil
    }

    /// `llvm-symbolizer` in the folder swiftc really lives in (its symbolic
    /// links followed), as every Swift toolchain for Linux ships it.
    static func symbolizer(besides compiler: String) -> String? {
        let folder = URL(fileURLWithPath: compiler).resolvingSymlinksInPath().deletingLastPathComponent()
        let path = folder.appendingPathComponent("llvm-symbolizer").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}
