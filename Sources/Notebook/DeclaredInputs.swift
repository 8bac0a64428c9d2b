import Foundation

/// A data file a notebook reads through `input("…")` (Reporting): optnb
/// hashes its content into the render cache's key, so changing the file
/// re-runs the notebook, and `optnb preview` watches it.
///
/// The inputs are found in the blocks' text before anything runs: the
/// argument of every `input(` call that is a plain string literal. That,
/// not a record of the files an earlier run opened, because the key must
/// be known before the run it decides whether to skip, a missing file can
/// then be refused at its notebook line before compiling, and preview knows
/// what to watch from the text alone. An `input` call whose argument is not
/// a plain literal (a variable, an interpolation) fails when it runs,
/// saying so: every file `input` reads is tracked.
public struct DeclaredInput: Equatable, Hashable, Sendable {
    /// As written in the literal: relative to the notebook's folder, or absolute.
    public var path: String
    /// Where the literal starts in the notebook.
    public var position: SourcePosition
    /// The experiment block it is in.
    public var blockIndex: Int
}

extension Document {
    /// Every `input("…")` of the evaluated blocks, in notebook order.
    public var declaredInputs: [DeclaredInput] {
        experiments.filter(\.eval).flatMap { block in
            InputScanner.literals(in: block.code).map {
                DeclaredInput(path: $0.path,
                              position: SourcePosition(line: block.codeLine + $0.line - 1, column: $0.column),
                              blockIndex: block.index)
            }
        }
    }

    /// The files the notebook declares as inputs, each once, as paths a
    /// process started where optnb was can open (relative ones joined to the
    /// notebook's folder as given): what `optnb preview` watches.
    public var inputFiles: [String] {
        var seen = Set<String>()
        return declaredInputs.map { resolveInput($0.path) }.filter { seen.insert($0).inserted }
    }

    /// `path` from an `input("…")` of this notebook, relative to the
    /// notebook's folder unless absolute.
    public func resolveInput(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (self.path as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : folder + "/" + path
    }
}

/// Finds `input("literal")` calls in Swift code, skipping comments and
/// other string literals.
enum InputScanner {
    struct Found: Equatable { var path: String; var line: Int; var column: Int }

    static func literals(in code: String) -> [Found] {
        let s = Array(code.unicodeScalars)
        var found: [Found] = []
        var i = 0, line = 1, column = 1
        func advance(_ n: Int = 1) {
            for _ in 0..<n where i < s.count {
                if s[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        func at(_ text: String, _ k: Int) -> Bool {
            let t = Array(text.unicodeScalars)
            return k + t.count <= s.count && Array(s[k..<(k + t.count)]) == t
        }
        func isIdentifier(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
        }
        // After `input`: `(`, a plain literal, `)`; consumes only what matched.
        func literalArgument() -> String? {
            var k = i
            func skipSpaces() { while k < s.count, s[k] == " " || s[k] == "\t" { k += 1 } }
            skipSpaces()
            guard k < s.count, s[k] == "(" else { return nil }
            k += 1; skipSpaces()
            guard k < s.count, s[k] == "\"", !at("\"\"\"", k) else { return nil }
            k += 1
            var text = ""
            while k < s.count, s[k] != "\"", s[k] != "\n" {
                if s[k] == "\\" {
                    guard k + 1 < s.count else { return nil }
                    switch s[k + 1] {
                    case "\\": text += "\\"
                    case "\"": text += "\""
                    case "'": text += "'"
                    case "t": text += "\t"
                    default: return nil  // \( interpolation, \u{…}: not a plain literal
                    }
                    k += 2
                } else {
                    text.unicodeScalars.append(s[k]); k += 1
                }
            }
            guard k < s.count, s[k] == "\"" else { return nil }
            k += 1; skipSpaces()
            guard k < s.count, s[k] == ")" else { return nil }
            advance(k + 1 - i)
            return text
        }

        // A string literal of any kind, from its opening quote or `#`.
        func skipString() {
            var hashes = 0
            while i + hashes < s.count, s[i + hashes] == "#" { hashes += 1 }
            guard i + hashes < s.count, s[i + hashes] == "\"" else { advance(max(hashes, 1)); return }
            advance(hashes)
            let multiline = at("\"\"\"", i)
            advance(multiline ? 3 : 1)
            let close = (multiline ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
            while i < s.count {
                if hashes == 0, s[i] == "\\" { advance(2); continue }
                if at(close, i) { advance(close.unicodeScalars.count); return }
                if !multiline, s[i] == "\n" { return }
                advance()
            }
        }

        while i < s.count {
            if at("//", i) {
                while i < s.count, s[i] != "\n" { advance() }
            } else if at("/*", i) {
                var depth = 0
                repeat {
                    if at("/*", i) { depth += 1; advance(2) } else if at("*/", i) { depth -= 1; advance(2) } else { advance() }
                } while depth > 0 && i < s.count
            } else if s[i] == "\"" || s[i] == "#" {
                skipString()
            } else if at("input", i), i == 0 || (!isIdentifier(s[i - 1]) && s[i - 1] != "."),
                      i + 5 == s.count || !isIdentifier(s[i + 5]) {
                let (startLine, startColumn) = (line, column)
                advance(5)
                if let path = literalArgument() {
                    found.append(Found(path: path, line: startLine, column: startColumn))
                }
            } else {
                advance()
            }
        }
        return found
    }
}
