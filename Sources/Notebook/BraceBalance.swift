/// Where a Swift block's braces fail to balance, so the block is refused at
/// its own line before anything is compiled.
///
/// All blocks form one program, so an unclosed `{` in one block would
/// swallow the next (`if false {` … `}` in a later block) and the code in
/// between would silently never run: its `expect`s never checked, its
/// numbers never reported. A block must therefore be balanced on its own.
///
/// The scan knows what Swift puts braces in that are not code: `//` and
/// nested `/* */` comments, string literals (`"…"`, multi-line `"""…"""`,
/// raw `#"…"#` with any number of `#`), and the code inside interpolations
/// `\(…)`, which it scans as code. Regex literals `/…/` are not recognised
/// (a brace in one is rare and would be reported, never hidden).
public enum BraceBalance {
    /// A brace problem: `line` and `column` are 1-based within the code.
    public struct Problem: Equatable, Sendable {
        /// The brace's line, from 1.
        public var line: Int
        /// The brace's column, from 1.
        public var column: Int
        /// A `{` never closed (true) or a `}` that closes nothing (false).
        public var unclosed: Bool
    }

    /// The first `}` with no open `{` before it, else the innermost `{`
    /// still open at the end, else nil.
    public static func problem(in code: String) -> Problem? {
        let s = Array(code.unicodeScalars)
        var i = 0, line = 1, column = 1
        // Open `{` (line, column); interpolation depths on a separate stack.
        var braces: [(Int, Int)] = []
        enum Context { case code(parens: Int), string(hashes: Int, multiline: Bool) }
        var contexts: [Context] = [.code(parens: 0)]

        func advance(_ n: Int = 1) {
            for _ in 0..<n where i < s.count {
                if s[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        func at(_ text: String) -> Bool {
            let t = Array(text.unicodeScalars)
            return i + t.count <= s.count && Array(s[i..<(i + t.count)]) == t
        }

        while i < s.count {
            switch contexts[contexts.count - 1] {
            case .code(let parens):
                let c = s[i]
                if at("//") {
                    while i < s.count && s[i] != "\n" { advance() }
                } else if at("/*") {
                    var depth = 0
                    repeat {
                        if at("/*") { depth += 1; advance(2) }
                        else if at("*/") { depth -= 1; advance(2) }
                        else { advance() }
                    } while depth > 0 && i < s.count
                } else if c == "#" || c == "\"" {
                    var hashes = 0
                    while i + hashes < s.count && s[i + hashes] == "#" { hashes += 1 }
                    guard i + hashes < s.count, s[i + hashes] == "\"" else { advance(max(hashes, 1)); continue }
                    advance(hashes)
                    let multiline = at("\"\"\"")
                    advance(multiline ? 3 : 1)
                    contexts.append(.string(hashes: hashes, multiline: multiline))
                } else if c == "{" {
                    braces.append((line, column)); advance()
                } else if c == "}" {
                    if braces.popLast() == nil { return Problem(line: line, column: column, unclosed: false) }
                    advance()
                } else if c == "(" {
                    contexts[contexts.count - 1] = .code(parens: parens + 1); advance()
                } else if c == ")" {
                    if parens == 0 && contexts.count > 1 {
                        contexts.removeLast()  // the end of an interpolation
                    } else {
                        contexts[contexts.count - 1] = .code(parens: max(parens - 1, 0))
                    }
                    advance()
                } else {
                    advance()
                }
            case .string(let hashes, let multiline):
                let pounds = String(repeating: "#", count: hashes)
                if at("\\" + pounds + "(") {
                    advance(hashes + 2)
                    contexts.append(.code(parens: 0))
                } else if at("\\" + pounds) {
                    advance(hashes + 2)  // an escape: skip the escaped character
                } else if at((multiline ? "\"\"\"" : "\"") + pounds) {
                    advance((multiline ? 3 : 1) + hashes)
                    contexts.removeLast()
                } else if !multiline && s[i] == "\n" {
                    contexts.removeLast()  // an unterminated string: swiftc reports it
                } else {
                    advance()
                }
            }
        }
        if let open = braces.last { return Problem(line: open.0, column: open.1, unclosed: true) }
        return nil
    }
}
