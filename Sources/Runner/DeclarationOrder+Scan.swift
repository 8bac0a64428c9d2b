/// A syntactic pass that shows, for most notebooks, that the declaration-
/// order type-check (`DeclarationOrder`) has nothing to find, so that the
/// second `swiftc -typecheck` need not run beside the compile.
///
/// That check reports a name used at a point before the top-level
/// declaration it resolves to. So it can report nothing unless some name
/// declared at top level (brace depth 0 of the blocks) occurs as a plain
/// reference before its last top-level declaration, without an enclosing
/// closure's parameter or earlier local of that name in between. The scan
/// looks for exactly that and errs on the side of "it may": every name it
/// cannot place is a reference, every name a top-level binding might bind
/// is a declaration (`if let`, `guard let`, `let (a, b)`, `let a = 1, b = 2`),
/// interpolations are code, only closure parameters and whole-statement
/// `let`/`var`s shadow (committed after their initializer, cleared at each
/// `case` of a switch), and `#if`, macros, custom operators or braces that
/// do not balance give up. A wrong "may" costs one type-check; a wrong
/// "cannot" would let a misordered notebook through, so the tests hold the
/// scan to swiftc's own answer.
///
/// Measured on the study: 8 of 9 notebooks need no second type-check.
enum DeclarationOrderScan {
    /// false when no top-level name of `code` (all evaluated blocks, in
    /// order) can be used before its declaration; true when it may be.
    static func mayUseBeforeDeclaration(_ code: String) -> Bool {
        suspect(code) != nil
    }

    /// The first name the scan cannot rule out ("" when it gave up on the
    /// code's shape), or nil.
    static func suspect(_ code: String) -> String? {
        guard let tokens = Lexer.tokens(code) else { return "" }
        return Scan(tokens).suspect()
    }

    enum Token: Equatable {
        case name(String)
        case symbol(Character)
        case newline
    }

    /// Names (identifiers and keywords), one-character symbols and line
    /// ends; string literals' text dropped, their interpolations kept as
    /// code. nil for what the scan does not follow.
    enum Lexer {
        static func tokens(_ code: String) -> [Token]? {
            let s = Array(code.unicodeScalars)
            var out: [Token] = []
            var i = 0
            enum Context { case code(parens: Int), string(hashes: Int, multiline: Bool) }
            var contexts: [Context] = [.code(parens: 0)]
            func at(_ text: String) -> Bool {
                let t = Array(text.unicodeScalars)
                return i + t.count <= s.count && Array(s[i..<(i + t.count)]) == t
            }
            func isNameScalar(_ c: Unicode.Scalar) -> Bool {
                c == "_" || c == "$" || c.properties.isAlphabetic || ("0"..."9").contains(c) || c.value > 0x7F
                    && !c.properties.isWhitespace && !c.properties.isMath && !c.properties.isDash
            }
            while i < s.count {
                switch contexts[contexts.count - 1] {
                case .code(let parens):
                    let c = s[i]
                    if at("//") {
                        while i < s.count && s[i] != "\n" { i += 1 }
                    } else if at("/*") {
                        var depth = 0
                        repeat {
                            if at("/*") { depth += 1; i += 2 } else if at("*/") { depth -= 1; i += 2 } else { i += 1 }
                        } while depth > 0 && i < s.count
                    } else if c == "#" || c == "\"" {
                        var hashes = 0
                        while i + hashes < s.count && s[i + hashes] == "#" { hashes += 1 }
                        if i + hashes < s.count, s[i + hashes] == "\"" {
                            i += hashes
                            let multiline = at("\"\"\"")
                            i += multiline ? 3 : 1
                            contexts.append(.string(hashes: hashes, multiline: multiline))
                        } else {
                            // `#if`, a macro, `#selector`…: only the plain
                            // literals are followed.
                            var j = i + 1, word = ""
                            while j < s.count, isNameScalar(s[j]) { word.unicodeScalars.append(s[j]); j += 1 }
                            guard ["line", "file", "filePath", "fileID", "function", "column",
                                   "available", "unavailable", "warning", "error"].contains(word) else { return nil }
                            i = j
                        }
                    } else if c == "`" {
                        var j = i + 1, word = ""
                        while j < s.count, s[j] != "`", s[j] != "\n" { word.unicodeScalars.append(s[j]); j += 1 }
                        guard j < s.count, s[j] == "`", !word.isEmpty else { return nil }
                        out.append(.name(word))
                        i = j + 1
                    } else if isNameScalar(c) {
                        var word = ""
                        while i < s.count, isNameScalar(s[i]) { word.unicodeScalars.append(s[i]); i += 1 }
                        // `$x` is x's projected value: a use of x.
                        if word.hasPrefix("$"), word.count > 1 { word.removeFirst() }
                        if word == "operator" || word == "macro" { return nil }
                        out.append(.name(word))
                    } else if c == "\n" {
                        out.append(.newline); i += 1
                    } else if c == " " || c == "\t" || c == "\r" {
                        i += 1
                    } else {
                        if c == "(" {
                            contexts[contexts.count - 1] = .code(parens: parens + 1)
                        } else if c == ")" {
                            if parens == 0 && contexts.count > 1 {
                                contexts.removeLast()  // the end of an interpolation
                                i += 1
                                continue
                            }
                            contexts[contexts.count - 1] = .code(parens: max(parens - 1, 0))
                        }
                        out.append(.symbol(Character(c)))
                        i += 1
                    }
                case .string(let hashes, let multiline):
                    let pounds = String(repeating: "#", count: hashes)
                    if at("\\" + pounds + "(") {
                        i += hashes + 2
                        contexts.append(.code(parens: 0))
                    } else if at("\\" + pounds) {
                        i += hashes + 2
                    } else if at((multiline ? "\"\"\"" : "\"") + pounds) {
                        i += (multiline ? 3 : 1) + hashes
                        contexts.removeLast()
                    } else if !multiline && s[i] == "\n" {
                        return nil
                    } else {
                        if s[i] == "\n" { out.append(.newline) }
                        i += 1
                    }
                }
            }
            return contexts.count == 1 ? out : nil
        }
    }
}

extension DeclarationOrderScan {
    /// The walk over the tokens: top-level declarations, references, and
    /// the names each enclosing brace group binds before a reference.
    struct Scan {
        let tokens: [Token]

        init(_ tokens: [Token]) { self.tokens = tokens }

        private struct Group {
            var open: Character          // "{", "(", "[" or " " for the top level
            var shadows: Set<String> = []
            /// Bound by a statement not yet ended: they shadow from its end.
            var pending: [String] = []
        }

        private static let declarations: Set<String> = ["func", "struct", "class", "enum", "actor", "protocol", "typealias"]
        private static let modifiers: Set<String> = ["lazy", "private", "fileprivate", "internal", "public",
                                                      "static", "weak", "unowned", "nonisolated", "guard", "in"]

        func suspect() -> String? {
            var groups = [Group(open: " ")]
            var lastDeclaration: [String: Int] = [:]
            var references: [(name: String, at: Int)] = []
            /// Tokens that name what a declaration binds: not uses.
            var binding: Set<Int> = []
            /// A function's parameter names, for its body: the next `{` on
            /// the line its parameter list ends.
            var parameters: (names: [String], after: Int)?
            var braceDepth: Int { groups.filter { $0.open == "{" }.count }

            func significant(before k: Int) -> Token? {
                var j = k - 1
                while j >= 0, tokens[j] == .newline { j -= 1 }
                return j >= 0 ? tokens[j] : nil
            }
            func significant(after k: Int) -> (Token, Int)? {
                var j = k + 1
                while j < tokens.count, tokens[j] == .newline { j += 1 }
                return j < tokens.count ? (tokens[j], j) : nil
            }
            /// The names a binding starting at token `k` binds: one name,
            /// every name in a parenthesised tuple pattern, or for another
            /// pattern (`case let .some(x)`) every name up to its `=` or `:`.
            func bound(at k: Int) -> [(name: String, at: Int)] {
                guard k < tokens.count else { return [] }
                if case .name(let n) = tokens[k] { return [(n, k)] }
                guard tokens[k] == .symbol("(") else {
                    var names: [(String, Int)] = []
                    for j in k..<tokens.count {
                        let token = tokens[j]
                        if token == .symbol("=") || token == .symbol(":") || token == .newline || token == .symbol("{") { break }
                        if case .name(let n) = token { names.append((n, j)) }
                    }
                    return names
                }
                var depth = 0, names: [(String, Int)] = []
                for j in k..<tokens.count {
                    switch tokens[j] {
                    case .symbol("("): depth += 1
                    case .symbol(")"): depth -= 1; if depth == 0 { return names }
                    case .name(let n): names.append((n, j))
                    default: break
                    }
                }
                return names
            }
            /// A closure's parameters when the brace at `k` opens one:
            /// `{ a, b in` or `{ (a, b: T) -> U in`, after a capture list.
            func closureParameters(_ k: Int) -> [String] {
                var j = k + 1
                func skipNewlines() { while j < tokens.count, tokens[j] == .newline { j += 1 } }
                skipNewlines()
                if j < tokens.count, tokens[j] == .symbol("[") {
                    var depth = 0
                    repeat {
                        if tokens[j] == .symbol("[") { depth += 1 } else if tokens[j] == .symbol("]") { depth -= 1 }
                        j += 1
                    } while depth > 0 && j < tokens.count
                    skipNewlines()
                }
                var names: [String] = []
                if j < tokens.count, tokens[j] == .symbol("(") {
                    // Each element's first name; labels never appear here.
                    var depth = 0, expectName = true
                    while j < tokens.count {
                        switch tokens[j] {
                        case .symbol("("), .symbol("["), .symbol("<"): depth += 1
                        case .symbol(")"), .symbol("]"), .symbol(">"): depth -= 1
                        case .symbol(","): if depth == 1 { expectName = true }
                        case .name(let n): if expectName && depth == 1 { names.append(n); expectName = false }
                        default: break
                        }
                        j += 1
                        if depth == 0 { break }
                    }
                    // Then `throws`, `async`, `-> Type` up to `in` on the same line.
                    while j < tokens.count, tokens[j] != .name("in") {
                        if tokens[j] == .newline || tokens[j] == .symbol("{") || tokens[j] == .symbol("}") { return [] }
                        j += 1
                    }
                    return j < tokens.count ? names : []
                }
                while j + 1 < tokens.count, case .name(let n) = tokens[j] {
                    names.append(n)
                    if tokens[j + 1] == .name("in") { return names }
                    guard tokens[j + 1] == .symbol(",") else { return [] }
                    j += 2
                }
                return []
            }
            /// The internal names of the parameter list after `func`,
            /// `init` or `subscript` at `k` (each name followed by `:` in
            /// the list itself), and where the list ends.
            func functionParameters(_ k: Int) -> (names: [String], after: Int)? {
                var j = k + 1
                while j < tokens.count, tokens[j] != .symbol("(") {
                    if tokens[j] == .newline || tokens[j] == .symbol("{") { return nil }
                    j += 1
                }
                var depth = 0, names: [String] = []
                while j < tokens.count {
                    switch tokens[j] {
                    case .symbol("("), .symbol("["): depth += 1
                    case .symbol(")"), .symbol("]"):
                        depth -= 1
                        if depth == 0 { return (names, j) }
                    case .name(let n):
                        if depth == 1, j + 1 < tokens.count, tokens[j + 1] == .symbol(":") {
                            names.append(n); binding.insert(j)
                        }
                    default: break
                    }
                    j += 1
                }
                return nil
            }
            func commitPending(_ g: Int) {
                groups[g].shadows.formUnion(groups[g].pending)
                groups[g].pending = []
            }

            for (k, token) in tokens.enumerated() {
                let inner = groups.count - 1
                switch token {
                case .newline, .symbol(";"):
                    if let p = parameters, k > p.after, groups[inner].open != "(" { parameters = nil }
                    // A statement ends at a line end unless it goes on: an
                    // operator at the end of this line or the start of the next.
                    guard groups[inner].open == "{", !groups[inner].pending.isEmpty else { continue }
                    if token == .newline {
                        let before = significant(before: k), after = significant(after: k)?.0
                        let ended: Bool
                        switch before {
                        case .name?, .symbol(")")?, .symbol("]")?, .symbol("}")?: ended = true
                        default: ended = false
                        }
                        var continues = false
                        if case .symbol(let c)? = after, c != "{" && c != "}" && c != "(" && c != "[" && c != "@" { continues = true }
                        if !ended || continues { continue }
                    }
                    commitPending(inner)
                case .symbol(let c) where c == "{" || c == "(" || c == "[":
                    if c == "(", braceDepth == 0, groups[inner].open == " ", significant(before: k) == .symbol(",") {
                        for b in bound(at: k) { lastDeclaration[b.name] = k }  // `let a = 1, (b, c) = …`
                    }
                    var group = Group(open: c)
                    if c == "{" {
                        group.shadows = Set(closureParameters(k))
                        if let p = parameters, k > p.after { group.shadows.formUnion(p.names); parameters = nil }
                    }
                    groups.append(group)
                case .symbol(let c) where c == "}" || c == ")" || c == "]":
                    let open: Character = c == "}" ? "{" : c == ")" ? "(" : "["
                    guard groups.count > 1, groups[inner].open == open else { return "" }
                    groups.removeLast()
                case .symbol:
                    continue
                case .name(let n):
                    let before = significant(before: k)
                    let previous = k > 0 ? tokens[k - 1] : nil
                    if before == .symbol(".") || binding.contains(k) { continue }  // a member, a bound name
                    if n == "let" || n == "var" {
                        guard let (_, j) = significant(after: k) else { continue }
                        let bindings = bound(at: j)
                        binding.formUnion(bindings.map(\.at))
                        let names = bindings.map(\.name)
                        if braceDepth == 0 {
                            for name in names { lastDeclaration[name] = k }
                        } else if groups[inner].open == "{" {
                            // Only a whole statement's binding shadows (not an
                            // `if let`'s or a `case let`'s, scoped narrower).
                            switch previous {
                            case nil, .newline?, .symbol(";")?, .symbol("{")?: groups[inner].pending += names
                            case .name(let m)? where Self.modifiers.contains(m): groups[inner].pending += names
                            default: break
                            }
                        }
                        continue
                    }
                    if (n == "case" || n == "default"), groups[inner].open == "{",
                       previous == nil || previous == .newline || previous == .symbol("{") || previous == .symbol(";") {
                        // A switch's next case: the last case's locals end.
                        groups[inner].shadows = []
                        groups[inner].pending = []
                    }
                    if n == "func" || n == "init" || n == "subscript" {
                        parameters = functionParameters(k)
                    }
                    if Self.declarations.contains(n) {
                        if let (next, j) = significant(after: k), case .name(let declared) = next {
                            binding.insert(j)
                            if braceDepth == 0 { lastDeclaration[declared] = k }
                        }
                        continue
                    }
                    if braceDepth == 0, groups[inner].open == " ", before == .symbol(","),
                       let (next, _) = significant(after: k),
                       next == .symbol("=") || next == .symbol(":") || next == .symbol(",") {
                        lastDeclaration[n] = k  // `let a = 1, b = 2`, `var a, b: Int`: maybe a binding
                    }
                    // A label (`f(lr: 1)`, a tuple's or a parameter's name) is no use.
                    if groups[inner].open == "(", before == .symbol("(") || before == .symbol(","),
                       let (next, _) = significant(after: k), next == .symbol(":") { continue }
                    if groups.contains(where: { $0.shadows.contains(n) }) { continue }
                    references.append((n, k))
                }
            }
            guard groups.count == 1 else { return "" }
            return references.first { r in lastDeclaration[r.name].map { r.at < $0 } ?? false }?.name
        }
    }
}
