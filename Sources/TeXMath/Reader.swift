/// Reads a TeX formula into `MathNode`s.
///
/// Recursive descent over the formula's UTF-8 bytes. Nesting (braces,
/// `\left`, environments, scripts) is capped at `maxDepth` so that no input
/// can exhaust the stack; every loop consumes at least one byte, so every
/// input ends.
struct Reader {
    static let maxDepth = 64

    let bytes: [UInt8]
    let display: Bool
    var pos = 0
    var depth = 0
    var label: String?
    var tag: String?

    init(_ tex: String, display: Bool) {
        self.bytes = Array(tex.utf8)
        self.display = display
    }

    /// The whole formula.
    mutating func readFormula() throws(TeXError) -> [MathNode] {
        let nodes = try readList(inEnvironment: false)
        if pos < bytes.count {
            // readList stops only at `}`, `&`, `\\`, `\right`, `\end` here.
            throw stray()
        }
        return nodes
    }

    // MARK: Lists

    /// Reads atoms until the end, `}`, `&`, `\\`, `\right` or `\end`
    /// (which the caller checks), pairing plain `( )`, `[ ]` and `| |`.
    mutating func readList(inEnvironment: Bool) throws(TeXError) -> [MathNode] {
        var items: [MathNode] = []
        while true {
            skipSpace()
            guard pos < bytes.count else { break }
            let c = bytes[pos]
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "&") { break }
            if c == UInt8(ascii: "\\") {
                let name = peekCommand()
                if name == "\\" || name == "right" || name == "end" || name == "middle" || name == "cr" { break }
            }
            if c == UInt8(ascii: "^") || c == UInt8(ascii: "_") {
                // A script with no base attaches to an empty group.
                items.append(try readScripts(on: .group([])))
                continue
            }
            if c == UInt8(ascii: "'") {
                pos += 1
                items.append(.identifier("′"))
                continue
            }
            guard var atom = try readAtom() else { continue }
            Reader.closeFence(&atom, in: &items)
            items.append(try readScripts(on: atom))
        }
        return items
    }

    /// Pairs a plain `)`, `]` or `|` with the nearest open `(`, `[` or `|`
    /// before it in the same list, as texmath does: the pair and what is
    /// between become one `.fenced` group (so a script after `)`
    /// applies to the whole). Neither paired nor unpaired fences stretch.
    static func closeFence(_ atom: inout MathNode, in items: inout [MathNode]) {
        guard case .symbol(let close, fence: .some) = atom, let open = opener[close] else { return }
        guard let k = items.lastIndex(of: .symbol(open, fence: .prefix)) else { return }
        let inner = Array(items[(k + 1)...])
        items.removeSubrange(k...)
        atom = .fenced(open: open, close: close, inner)
    }

    private static let opener: [String: String] = [")": "(", "]": "[", "|": "|"]

    // MARK: Atoms

    /// One atom, or nil for something that produces nothing (`\label`,
    /// `\displaystyle`).
    mutating func readAtom() throws(TeXError) -> MathNode? {
        let c = bytes[pos]
        let start = pos
        switch c {
        case UInt8(ascii: "{"):
            return .group(try readGroupBody())
        case UInt8(ascii: "\\"):
            return try readCommand()
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."):
            var end = pos
            var sawDot = false
            while end < bytes.count {
                let d = bytes[end]
                if d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") { end += 1; continue }
                if d == UInt8(ascii: "."), !sawDot, end + 1 < bytes.count,
                   bytes[end + 1] >= UInt8(ascii: "0"), bytes[end + 1] <= UInt8(ascii: "9") {
                    sawDot = true; end += 1; continue
                }
                break
            }
            if end == pos { pos += 1; return .identifier(".") }
            pos = end
            return .number(text(start, end))
        case UInt8(ascii: "("), UInt8(ascii: "["):
            pos += 1
            return .symbol(c == UInt8(ascii: "(") ? "(" : "[", fence: .prefix)
        case UInt8(ascii: ")"), UInt8(ascii: "]"):
            pos += 1
            return .symbol(c == UInt8(ascii: ")") ? ")" : "]", fence: .postfix)
        case UInt8(ascii: "|"):
            pos += 1
            return .symbol("|", fence: .prefix)
        case UInt8(ascii: "-"):
            pos += 1
            return .symbol("−")
        case UInt8(ascii: "/"):
            pos += 1
            return .identifier("/")
        case UInt8(ascii: "~"):
            pos += 1
            return .space("0.333em")
        case UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","),
             UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "?"):
            pos += 1
            return .symbol(String(UnicodeScalar(c)))
        case UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"):
            throw TeXError(offset: pos, message: "'\(UnicodeScalar(c))' is special in TeX; write \\\(UnicodeScalar(c)) for the character")
        default:
            let scalar = nextScalar()
            if scalar.properties.isAlphabetic {
                return .identifier(String(scalar))
            }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                throw TeXError(offset: start, message: "control character U+\(String(scalar.value, radix: 16, uppercase: true)) in formula")
            }
            return .symbol(String(scalar))
        }
    }

    /// `{ … }`: the braces' content. `pos` is at `{`.
    mutating func readGroupBody() throws(TeXError) -> [MathNode] {
        let open = pos
        pos += 1
        try enter(at: open)
        defer { depth -= 1 }
        let nodes = try readList(inEnvironment: false)
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "}") else {
            if pos < bytes.count { throw stray() }
            throw TeXError(offset: open, message: "unbalanced braces: this '{' is never closed")
        }
        pos += 1
        return nodes
    }

    /// A command's argument: a group or one token.
    mutating func readArgument(for command: String) throws(TeXError) -> MathNode {
        skipSpace()
        guard pos < bytes.count else {
            throw TeXError(offset: pos, message: "\\\(command) needs an argument here")
        }
        let c = bytes[pos]
        if c == UInt8(ascii: "{") { return .group(try readGroupBody()) }
        if c == UInt8(ascii: "}") || c == UInt8(ascii: "&") || c == UInt8(ascii: "^") || c == UInt8(ascii: "_") {
            throw TeXError(offset: pos, message: "\\\(command) needs an argument here")
        }
        if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
            // TeX takes one digit as an argument (\frac12).
            pos += 1
            return .number(String(UnicodeScalar(c)))
        }
        try enter(at: pos)
        defer { depth -= 1 }
        guard let atom = try readAtom() else {
            throw TeXError(offset: pos, message: "\\\(command) needs an argument here")
        }
        return atom
    }

    // MARK: Scripts

    /// `^` and `_` after `base` (in either order, at most one of each).
    mutating func readScripts(on base: MathNode) throws(TeXError) -> MathNode {
        var sub: MathNode?, sup: MathNode?
        var limits: Bool?
        while true {
            skipSpace()
            guard pos < bytes.count else { break }
            let c = bytes[pos]
            if c == UInt8(ascii: "\\") {
                let name = peekCommand()
                if name == "limits" || name == "nolimits" {
                    pos += 1 + name.utf8.count
                    limits = name == "limits"
                    continue
                }
                break
            }
            guard c == UInt8(ascii: "^") || c == UInt8(ascii: "_") else { break }
            let at = pos
            pos += 1
            let which = c == UInt8(ascii: "^") ? "superscript" : "subscript"
            if (c == UInt8(ascii: "^") ? sup : sub) != nil {
                throw TeXError(offset: at, message: "double \(which); group one of them in braces")
            }
            let arg = try readArgument(for: c == UInt8(ascii: "^") ? "^" : "_")
            if c == UInt8(ascii: "^") { sup = arg } else { sub = arg }
        }
        if sub == nil && sup == nil { return base }
        var under = false
        if case .op(_, let opLimits) = base { under = limits ?? (opLimits && display) }
        else if limits == true { under = true }
        return .scripts(base, sub: sub, sup: sup, under: under)
    }

    // MARK: Helpers

    mutating func enter(at offset: Int) throws(TeXError) {
        depth += 1
        if depth > Reader.maxDepth {
            throw TeXError(offset: offset, message: "formula nested more than \(Reader.maxDepth) levels deep")
        }
    }

    mutating func skipSpace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 || bytes[pos] == 0x0A || bytes[pos] == 0x0D {
            pos += 1
        }
    }

    /// The name of the command at `pos` (which is `\`), without moving.
    func peekCommand() -> String {
        var end = pos + 1
        guard end < bytes.count else { return "" }
        if Reader.isLetter(bytes[end]) {
            while end < bytes.count, Reader.isLetter(bytes[end]) { end += 1 }
            return text(pos + 1, end)
        }
        // A control symbol: one character (which may be multi-byte).
        var next = end + 1
        while next < bytes.count, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return text(end, next)
    }

    static func isLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    mutating func nextScalar() -> Unicode.Scalar {
        var end = pos + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let s = text(pos, end).unicodeScalars.first ?? "\u{FFFD}"
        pos = end
        return s
    }

    /// The error for a `}`, `&`, `\\`, `\right` or `\end` the list stopped at
    /// but nothing expected.
    func stray() -> TeXError {
        switch bytes[pos] {
        case UInt8(ascii: "}"):
            return TeXError(offset: pos, message: "unbalanced braces: '}' without a matching '{'")
        case UInt8(ascii: "&"):
            return TeXError(offset: pos, message: "'&' outside an environment; use \\begin{aligned} … \\end{aligned}, or \\& for the character")
        default:
            let name = peekCommand()
            switch name {
            case "right": return TeXError(offset: pos, message: "\\right without a matching \\left")
            case "middle": return TeXError(offset: pos, message: "\\middle outside \\left … \\right")
            case "end": return TeXError(offset: pos, message: "\\end without a matching \\begin")
            default: return TeXError(offset: pos, message: "line break \\\(name) outside an environment; use \\begin{aligned} … \\end{aligned}")
            }
        }
    }
}
