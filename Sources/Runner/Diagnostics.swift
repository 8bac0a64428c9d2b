import Foundation
import Outcome

/// swiftc's output for a notebook program, split by block.
///
/// The program is compiled with `-diagnostic-style llvm`, so each diagnostic
/// is a header `FILE:LINE:COL: error: message` (or `warning:`, `note:`)
/// followed by the source line, a caret and perhaps a fix-it line. Thanks to
/// `#sourceLocation`, FILE is the notebook path for code inside blocks;
/// anything else (the generated framing, the linker) is placed by its line
/// in `main.swift` when it has one.
///
/// This is the one place swiftc's text is parsed: each diagnostic, with the
/// notes and excerpt lines that follow it, becomes a `Diagnostic`, and
/// nothing downstream reads the text again. Errors go to `errorsByBlock`;
/// warnings on a block's own lines go to `warningsByBlock`, and every other
/// warning (on the framing optnb generates, or with no place at all) is
/// ours, not the notebook's, and goes to `framingWarnings`, which no one
/// shows. Remarks are dropped.
struct CompileDiagnostics {
    /// Block index → the errors belonging to it.
    var errorsByBlock: [Int: [Diagnostic]]
    /// Block index → the warnings on its code, in notebook line order.
    var warningsByBlock: [Int: [Diagnostic]]
    /// Warnings outside every block. A plain notebook must produce none, so
    /// that the generated framing stays warning-free.
    var framingWarnings: [Diagnostic]

    /// - Parameters:
    ///   - output: swiftc's combined output.
    ///   - program: the program that was compiled.
    ///   - mainFile: the path of `main.swift` as given to swiftc.
    ///   - scratch: the temporary directory, removed from the text.
    ///   - notebookPath: what to show instead of `program.locationFile`.
    init(output: String, program: NotebookProgram, mainFile: String, scratch: String,
         notebookPath: String) {
        var errors: [Int: [Diagnostic]] = [:]
        var unplaced: [Diagnostic] = []
        var warnings: [Int: [(position: Position, diagnostic: Diagnostic)]] = [:]
        var framing: [Diagnostic] = []
        for unit in Self.units(of: output) {
            let diagnostic = Self.diagnostic(unit).cleaned {
                Self.clean($0, scratch: scratch, locationFile: program.locationFile,
                           notebookPath: notebookPath)
            }
            let place = Self.place(unit.lines[0], program: program, mainFile: mainFile)
            switch (unit.severity, place) {
            case (.error, .code(let index, _)), (.error, .framing(let index)):
                errors[index, default: []].append(diagnostic)
            case (.error, .nowhere):
                unplaced.append(diagnostic)
            case (.warning, .code(let index, let position)):
                warnings[index, default: []].append((position, diagnostic))
            case (.warning, _):
                framing.append(diagnostic)
            case (.note, _), (.remark, _):
                break
            }
        }
        if !unplaced.isEmpty, let first = program.spans.first {
            // Link errors and the like: show them on the first block that
            // already failed, or the first block, so the render fails visibly.
            let target = program.spans.first { errors[$0.index] != nil } ?? first
            errors[target.index, default: []] += unplaced
        }
        errorsByBlock = errors
        // swiftc reports type-checking warnings before flow-analysis ones
        // ("will never be executed"); a reader wants them in line order.
        // `sorted` is stable, so warnings at one position keep swiftc's order.
        warningsByBlock = warnings.mapValues { list in
            list.sorted { $0.position < $1.position }.map(\.diagnostic)
        }
        framingWarnings = framing
    }

    /// A notebook line and column; columns count from 1.
    struct Position: Comparable {
        var line: Int
        var column: Int
        static func < (a: Position, b: Position) -> Bool {
            (a.line, a.column) < (b.line, b.column)
        }
    }

    /// Where a unit's header points.
    private enum Place {
        /// A line of block `index`'s own code.
        case code(index: Int, Position)
        /// The framing optnb writes around block `index`.
        case framing(index: Int)
        /// Outside every block, or no position at all (the linker).
        case nowhere
    }

    private static func place(_ header: String, program: NotebookProgram,
                              mainFile: String) -> Place {
        if let position = position(in: header, file: program.locationFile),
           let span = program.span(notebookLine: position.line) {
            return .code(index: span.index, position)
        }
        if let position = position(in: header, file: mainFile),
           let span = program.span(programLine: position.line) {
            return .framing(index: span.index)
        }
        return .nowhere
    }

    private enum Severity: String { case error, warning, note, remark }

    /// One diagnostic and the lines that follow it up to the next header
    /// that is not a note.
    private struct Unit {
        var severity: Severity
        var lines: [String]
    }

    /// A unit as a `Diagnostic`: its header, the lines up to its first
    /// note as the excerpt, and each note with the lines that follow it.
    /// Printed again (`Diagnostic.text`) it gives back the unit's lines.
    /// Text before the first header (which a well-formed output does not
    /// have) becomes an error without a place whose message is that text.
    private static func diagnostic(_ unit: Unit) -> Diagnostic {
        var groups: [[String]] = []
        for (i, line) in unit.lines.enumerated() {
            if i == 0 || severity(of: line) == .note { groups.append([line]) }
            else { groups[groups.count - 1].append(line) }
        }
        func make(_ lines: [String], _ severity: Severity) -> Diagnostic {
            let kind: Diagnostic.Severity = switch severity {
                case .error: .error
                case .warning: .warning
                case .note, .remark: .note
            }
            guard let header = Header(lines[0], severity: severity) else {
                return Diagnostic(file: nil, severity: kind, message: lines[0],
                                  excerpt: Array(lines.dropFirst()))
            }
            return Diagnostic(file: header.origin, line: header.line, column: header.column,
                              severity: kind, message: header.message,
                              excerpt: Array(lines.dropFirst()))
        }
        var diagnostic = make(groups[0], unit.severity)
        diagnostic.notes = groups.dropFirst().map { make($0, .note) }
        return diagnostic
    }

    /// `ORIGIN: severity: message`, ORIGIN being `FILE:LINE:COL`, `FILE:LINE`,
    /// a tool's name or nothing.
    private struct Header {
        var origin: String?
        var line: Int?
        var column: Int?
        var message: String

        init?(_ line: String, severity: Severity) {
            let tag = "\(severity.rawValue): "
            if line.hasPrefix(tag) {
                message = String(line.dropFirst(tag.count))
                return
            }
            guard let range = line.range(of: ": " + tag) else { return nil }
            message = String(line[range.upperBound...])
            var parts = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            // Up to two trailing numbers are the line and column.
            var numbers: [Int] = []
            while numbers.count < 2, parts.count > 1, let n = Int(parts.last!), parts.last!.allSatisfy(\.isNumber) {
                numbers.insert(n, at: 0)
                parts.removeLast()
            }
            origin = parts.joined(separator: ":")
            self.line = numbers.first
            column = numbers.count == 2 ? numbers[1] : nil
        }
    }

    /// The output cut into units. Text before the first header (which a
    /// well-formed output does not have) counts as an error, so a compile
    /// failure never loses its explanation.
    private static func units(of output: String) -> [Unit] {
        var units: [Unit] = []
        var current: Unit?
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            switch severity(of: line) {
            case let severity? where severity != .note:
                if let current { units.append(current) }
                current = Unit(severity: severity, lines: [line])
            default:
                if line.isEmpty && current == nil { continue }
                if current == nil { current = Unit(severity: .error, lines: [line]) }
                else { current!.lines.append(line) }
            }
        }
        if let current { units.append(current) }
        return units.map { unit in
            var unit = unit
            while unit.lines.count > 1, unit.lines.last?.trimmingCharacters(in: .whitespaces) == "" {
                unit.lines.removeLast()
            }
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

    /// LINE and COL from a header `file:LINE:COL: …` (COL 0 when missing).
    private static func position(in header: String, file: String) -> Position? {
        let prefix = file + ":"
        guard header.hasPrefix(prefix) else { return nil }
        let rest = header.dropFirst(prefix.count)
        guard let line = Int(rest.prefix { $0.isNumber }) else { return nil }
        let afterLine = rest.drop { $0.isNumber }
        let column = afterLine.first == ":" ? Int(afterLine.dropFirst().prefix { $0.isNumber }) : nil
        return Position(line: line, column: column ?? 0)
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

extension Diagnostic {
    /// The diagnostic with `transform` applied to every string in it (its
    /// file, message, excerpt and notes): how the scratch directory and the
    /// escaped notebook path are replaced by what the user knows.
    func cleaned(_ transform: (String) -> String) -> Diagnostic {
        var d = self
        d.file = file.map(transform)
        d.message = transform(message)
        d.excerpt = excerpt.map(transform)
        d.notes = notes.map { $0.cleaned(transform) }
        return d
    }
}
