/// The commands the reader knows. Anything else is an error naming the
/// command, so a typo never reaches the page as raw TeX.
extension Reader {
    /// A command at `pos` (which is `\`).
    mutating func readCommand() throws(TeXError) -> MathNode? {
        let start = pos
        let name = peekCommand()
        guard !name.isEmpty else {
            throw TeXError(offset: start, message: "'\\' at the end of the formula; write \\backslash for the character")
        }
        pos += 1 + name.utf8.count
        if let (c, kind) = Symbols.table[name] {
            switch kind {
            case .identifier: return .identifier(c)
            case .symbol: return .symbol(c)
            case .open: return .symbol(c, fence: .prefix)
            case .close: return .symbol(c, fence: .postfix)
            case .bigOp: return .op(c, limits: true)
            case .bigOpNoLimits: return .op(c, limits: false)
            }
        }
        if Symbols.limitFunctions.contains(name) { return .op(name, limits: true) }
        if Symbols.functions.contains(name) { return .op(name, limits: false) }
        if let width = Symbols.spaces[name] { return .space(width) }
        if let accent = Symbols.accents[name] {
            return .accent(try readArgument(for: name), accent)
        }
        if let variant = Symbols.fonts[name] {
            return .styled(variant, Reader.restyle(try readArgument(for: name), variant))
        }
        if let variant = Symbols.textFonts[name] {
            return try readText(variant: variant, command: name)
        }
        if let size = Symbols.bigSizes[name.hasSuffix("l") || name.hasSuffix("r") || name.hasSuffix("m")
                                       ? String(name.dropLast()) : name] {
            return try readSized(command: name, size: size)
        }
        switch name {
        case "$", "%", "&", "#", "_":
            return .identifier(name)
        case "backslash":
            return .symbol("\\")
        case "frac", "dfrac", "tfrac", "cfrac":
            let num = try readArgument(for: name)
            let den = try readArgument(for: name)
            let style: Bool? = name == "dfrac" || name == "cfrac" ? true : name == "tfrac" ? false : nil
            return .frac(num, den, displayStyle: style)
        case "sqrt":
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "[") {
                let index = try readBracketed(for: name)
                return .root(try readArgument(for: name), index: index)
            }
            return .sqrt(try readArgument(for: name))
        case "operatorname":
            var starred = false
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "*") { pos += 1; starred = true }
            let word = try readRawArgument(for: name)
            return .op(word, limits: starred)
        case "left":
            return try readLeftRight(start: start)
        case "begin":
            return try readEnvironment(start: start)
        case "label", "tag":
            let value = try readRawArgument(for: name)
            if name == "label" {
                if label != nil { throw TeXError(offset: start, message: "a second \\label in one formula; keep one") }
                label = value
            } else {
                if tag != nil { throw TeXError(offset: start, message: "a second \\tag in one formula; keep one") }
                tag = value
            }
            return nil
        case "nonumber", "notag", "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits":
            return nil
        case "hspace":
            return .space(try readLength(for: name))
        default:
            throw TeXError(offset: start, message: "unknown command \\\(name)")
        }
    }

    /// The letters and digits of a font command's argument, mapped to the
    /// variant's characters.
    static func restyle(_ node: MathNode, _ variant: String) -> [MathNode] {
        func map(_ n: MathNode) -> MathNode {
            switch n {
            case .identifier(let s): return .identifier(Variants.map(s, variant))
            case .number(let s): return .number(Variants.map(s, variant))
            case .group(let items): return .group(items.map(map))
            case .scripts(let b, let sub, let sup, let under):
                return .scripts(map(b), sub: sub, sup: sup, under: under)
            case .accent(let b, let a): return .accent(map(b), a)
            default: return n
            }
        }
        if case .group(let items) = node { return items.map(map) }
        return [map(node)]
    }

    /// `\text{…}`: the raw text, with texmath's spaces at either end.
    mutating func readText(variant: String, command: String) throws(TeXError) -> MathNode {
        let raw = try readRawArgument(for: command, allowEscapes: true)
        var items: [MathNode] = []
        if raw.first == " " { items.append(.space("0.333em")) }
        items.append(.text(Variants.map(raw, variant == "normal" ? "" : variant), variant: variant))
        if raw.last == " " { items.append(.space("0.333em")) }
        return items.count == 1 ? items[0] : .group(items)
    }

    /// `{…}` read as plain text (for `\text`, `\label`, `\operatorname`):
    /// nested braces are kept; `\{ \} \$ \% \& \_ \#` are characters when
    /// `allowEscapes`; any other command is an error.
    mutating func readRawArgument(for command: String, allowEscapes: Bool = false) throws(TeXError) -> String {
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "{") else {
            throw TeXError(offset: pos, message: "\\\(command) needs an argument in braces here")
        }
        let open = pos
        pos += 1
        var out: [UInt8] = []
        var level = 0
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "}") {
                if level == 0 { pos += 1; return String(decoding: out, as: UTF8.self) }
                level -= 1
            } else if c == UInt8(ascii: "{") {
                level += 1
            } else if c == UInt8(ascii: "\\") {
                let name = peekCommand()
                if allowEscapes, ["{", "}", "$", "%", "&", "_", "#", " "].contains(name) {
                    out += name.utf8
                    pos += 2
                    continue
                }
                throw TeXError(offset: pos, message: "\\\(name) inside \\\(command){…}; only text goes there")
            }
            out.append(c)
            pos += 1
        }
        throw TeXError(offset: open, message: "unbalanced braces: the '{' of \\\(command) is never closed")
    }

    /// `[…]` after `\sqrt`.
    mutating func readBracketed(for command: String) throws(TeXError) -> MathNode {
        let open = pos
        pos += 1
        try enter(at: open)
        defer { depth -= 1 }
        var items: [MathNode] = []
        while true {
            skipSpace()
            guard pos < bytes.count else {
                throw TeXError(offset: open, message: "the '[' of \\\(command) is never closed")
            }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; break }
            if bytes[pos] == UInt8(ascii: "}") || bytes[pos] == UInt8(ascii: "&") { throw stray() }
            guard let atom = try readAtom() else { continue }
            items.append(try readScripts(on: atom))
        }
        return .group(items)
    }

    /// `\hspace{…}` with a length in em, ex, pt, mm, cm or in, as em.
    mutating func readLength(for command: String) throws(TeXError) -> String {
        let at = pos
        let raw = try readRawArgument(for: command).filter { $0 != " " }
        let units: [(String, Double)] = [("em", 1), ("ex", 0.43), ("pt", 0.1), ("mm", 0.2845), ("cm", 2.845), ("in", 7.227)]
        for (unit, ems) in units where raw.hasSuffix(unit) {
            if let value = Double(raw.dropLast(2)), value.isFinite, abs(value) < 1000 {
                let em = (value * ems * 1000).rounded() / 1000
                return "\(em)em"
            }
        }
        throw TeXError(offset: at, message: "\\\(command) needs a length such as 1em, 5mm or 10pt")
    }

    /// The delimiter after `\left`, `\right`, `\big…`: nil for `.`.
    mutating func readDelimiter(for command: String) throws(TeXError) -> String? {
        skipSpace()
        guard pos < bytes.count else {
            throw TeXError(offset: pos, message: "\\\(command) needs a delimiter such as ( [ | . here")
        }
        let at = pos
        let c = bytes[pos]
        if c == UInt8(ascii: "\\") {
            let name = peekCommand()
            pos += 1 + name.utf8.count
            if name == "|" { return "∥" }
            if let (s, kind) = Symbols.table[name], kind == .open || kind == .close || name == "vert" || name == "Vert" {
                return s
            }
            if name == "vert" { return "|" }
            if name == "Vert" { return "∥" }
            throw TeXError(offset: at, message: "\\\(name) is not a delimiter for \\\(command); use ( ) [ ] | \\| \\{ \\} \\langle \\rangle or .")
        }
        pos += 1
        switch c {
        case UInt8(ascii: "."): return nil
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"),
             UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            let s = String(UnicodeScalar(c))
            return s == "<" ? "⟨" : s == ">" ? "⟩" : s
        default:
            throw TeXError(offset: at, message: "'\(UnicodeScalar(c))' is not a delimiter for \\\(command); use ( ) [ ] | \\| \\{ \\} \\langle \\rangle or .")
        }
    }

    /// `\left X … \right Y`.
    mutating func readLeftRight(start: Int) throws(TeXError) -> MathNode {
        let open = try readDelimiter(for: "left")
        try enter(at: start)
        defer { depth -= 1 }
        var inner = try readList(inEnvironment: false)
        while pos < bytes.count, peekCommand() == "middle", bytes[pos] == UInt8(ascii: "\\") {
            pos += "\\middle".utf8.count
            let bar = try readDelimiter(for: "middle") ?? ""
            inner.append(.symbol(bar))
            inner += try readList(inEnvironment: false)
        }
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\\"), peekCommand() == "right" else {
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                throw TeXError(offset: pos, message: "\\left at offset \(start) is closed by '}' before its \\right")
            }
            if pos < bytes.count { throw stray() }
            throw TeXError(offset: start, message: "\\left without a matching \\right")
        }
        pos += "\\right".utf8.count
        let close = try readDelimiter(for: "right")
        return .delimited(open: open, close: close, inner)
    }

    /// `\big(` and friends.
    mutating func readSized(command: String, size: String) throws(TeXError) -> MathNode {
        let at = pos
        guard let d = try readDelimiter(for: command) else { return .space("0em") }
        let fence: MathNode.Fence
        if command.hasSuffix("l") { fence = .prefix }
        else if command.hasSuffix("r") { fence = .postfix }
        else { fence = ["(", "[", "{", "⟨", "⌊", "⌈", "|", "∥"].contains(d) ? .prefix : .postfix }
        _ = at
        return .sized(d, size: size, fence: fence)
    }
}
