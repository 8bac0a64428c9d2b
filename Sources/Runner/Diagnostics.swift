import Foundation

/// swiftc's output for a program that did not compile, split by block.
///
/// The program is compiled with `-diagnostic-style llvm`, so each diagnostic
/// is a header `FILE:LINE:COL: error: message` followed by the source line and
/// a caret. Thanks to `#sourceLocation`, FILE is the notebook path for code
/// inside blocks; anything else (the generated framing, the linker) is
/// placed by its line in `main.swift` when it has one.
struct CompileDiagnostics {
    /// Block index → the diagnostics text belonging to it.
    var byBlock: [Int: String]

    /// - Parameters:
    ///   - output: swiftc's combined output.
    ///   - program: the program that was compiled.
    ///   - mainFile: the path of `main.swift` as given to swiftc.
    ///   - scratch: the temporary directory, removed from the text.
    ///   - notebookPath: what to show instead of `program.locationFile`.
    init(output: String, program: NotebookProgram, mainFile: String, scratch: String,
         notebookPath: String) {
        var placed: [Int: [String]] = [:]
        var unplaced: [String] = []
        for unit in Self.units(of: output) {
            let text = Self.clean(unit.joined(separator: "\n"), scratch: scratch,
                                  locationFile: program.locationFile, notebookPath: notebookPath)
            let header = unit[0]
            if let line = Self.line(in: header, file: program.locationFile),
               let span = program.span(notebookLine: line) {
                placed[span.index, default: []].append(text)
            } else if let line = Self.line(in: header, file: mainFile),
                      let span = program.span(programLine: line) {
                placed[span.index, default: []].append(text)
            } else {
                unplaced.append(text)
            }
        }
        if !unplaced.isEmpty, let first = program.spans.first {
            // Link errors and the like: show them on the first block that
            // already failed, or the first block, so the render fails visibly.
            let target = program.spans.first { placed[$0.index] != nil } ?? first
            placed[target.index, default: []] += unplaced
        }
        byBlock = placed.mapValues { $0.joined(separator: "\n") }
    }

    private enum Severity: String { case error, warning, note, remark }

    /// Errors, each with the notes and source excerpt lines that follow it.
    /// Warnings (and their notes) are dropped: next to an error they are
    /// noise, and a program that compiles shows none.
    private static func units(of output: String) -> [[String]] {
        var units: [[String]] = []
        var current: [String]?
        var keepingCurrent = false
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            switch severity(of: line) {
            case .error?:
                if let current, keepingCurrent { units.append(current) }
                current = [line]; keepingCurrent = true
            case .warning?, .remark?:
                if let current, keepingCurrent { units.append(current) }
                current = [line]; keepingCurrent = false
            case .note?, nil:
                if line.isEmpty && current == nil { continue }
                if current == nil { current = [line]; keepingCurrent = true } else { current!.append(line) }
            }
        }
        if let current, keepingCurrent { units.append(current) }
        return units.map { unit in
            var unit = unit
            while unit.count > 1, unit.last?.trimmingCharacters(in: .whitespaces) == "" { unit.removeLast() }
            return unit
        }
    }

    /// The severity of a diagnostic header: `FILE:LINE:COL: error: …`,
    /// `TOOL: error: …` (the linker) or `error: …`. A source excerpt line that
    /// happens to contain ": error: " has spaces before it, and no
    /// `:LINE:COL` position.
    private static func severity(of line: String) -> Severity? {
        for severity in [Severity.error, .warning, .note, .remark] {
            let tag = "\(severity.rawValue): "
            if line.hasPrefix(tag) { return severity }
            guard let range = line.range(of: ": " + tag) else { continue }
            let origin = line[..<range.lowerBound]
            if !origin.contains(where: \.isWhitespace) || hasPosition(origin) { return severity }
        }
        return nil
    }

    /// Whether `origin` ends in `:LINE:COL`.
    private static func hasPosition(_ origin: Substring) -> Bool {
        let parts = origin.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return false }
        return parts.suffix(2).allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// LINE from a header `file:LINE:COL: …`.
    private static func line(in header: String, file: String) -> Int? {
        let prefix = file + ":"
        guard header.hasPrefix(prefix) else { return nil }
        return Int(header.dropFirst(prefix.count).prefix { $0.isNumber })
    }

    /// Removes the temporary directory from paths and shows the notebook path
    /// as the user wrote it.
    static func clean(_ text: String, scratch: String, locationFile: String,
                      notebookPath: String) -> String {
        var text = text.replacingOccurrences(of: scratch + "/", with: "")
        if locationFile != notebookPath {
            text = text.replacingOccurrences(of: locationFile, with: notebookPath)
        }
        return text
    }
}
