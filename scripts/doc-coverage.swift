// Counts public declarations without a `///` (or `/** */`) doc comment, per
// module. Run through scripts/doc-coverage; see there for the options.
//
// An honest parser, not grep: a small Swift lexer skips comments (nested
// block comments too), string literals (escapes, interpolations, multi-line
// and raw strings) and `#if` lines, then a scope walk finds declarations only
// where a declaration can stand (file scope, type and extension bodies, never
// a function body or closure). A declaration is public when it says `public`
// or `open`, or when it sits without an access modifier in a `public
// extension`, a public protocol, or is a `case` of a public enum; a member of
// a type that is not public is not public whatever it says. Enum cases count
// once per `case` keyword (one doc comment covers `case a, b`).
import Foundation

enum Token: Equatable {
    case word(String)       // identifiers and keywords
    case attribute(String)  // @name
    case punct(Character)
}

struct Lexed {
    var token: Token
    var line: Int
    var docBefore: Bool     // a doc comment stands between the previous token and this one
}

func lex(_ text: String) -> [Lexed] {
    let s = Array(text.unicodeScalars)
    var out: [Lexed] = []
    var i = 0, line = 1, doc = false
    func peek(_ k: Int) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }
    func isIdent(_ c: Unicode.Scalar) -> Bool {
        CharacterSet.alphanumerics.contains(c) || c == "_" || c.properties.isMath && c.value > 127
    }
    func emit(_ t: Token) { out.append(Lexed(token: t, line: line, docBefore: doc)); doc = false }

    // Skips a string literal starting at i (after any leading `#`s, counted in
    // `hashes`), including interpolations, which may hold further strings.
    func skipString(hashes: Int) {
        let multi = peek(0) == "\"" && peek(1) == "\"" && peek(2) == "\""
        i += multi ? 3 : 1
        while i < s.count {
            let c = s[i]
            if c == "\n" { line += 1; i += 1; continue }
            if c == "\\" {
                var k = 1, ok = true
                for _ in 0..<hashes { if peek(k) != "#" { ok = false; break }; k += 1 }
                if ok && peek(k) == "(" {
                    i += k + 1
                    skipInterpolation()
                    continue
                }
                i += ok ? k + 1 : 1
                continue
            }
            if c == "\"" {
                if multi {
                    if peek(1) == "\"" && peek(2) == "\"" {
                        var k = 3, n = 0
                        while n < hashes && peek(k) == "#" { k += 1; n += 1 }
                        if n == hashes { i += k; return }
                    }
                } else {
                    var k = 1, n = 0
                    while n < hashes && peek(k) == "#" { k += 1; n += 1 }
                    if n == hashes { i += k; return }
                }
            }
            i += 1
        }
    }
    // Inside `\( … )`: balanced parentheses; strings and comments inside skipped.
    func skipInterpolation() {
        var depth = 1
        while i < s.count && depth > 0 {
            let c = s[i]
            if c == "\n" { line += 1 }
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if c == "\"" { skipString(hashes: 0); continue }
            if c == "/" && peek(1) == "/" { while i < s.count && s[i] != "\n" { i += 1 }; continue }
            i += 1
        }
    }

    var atLineStart = true
    while i < s.count {
        let c = s[i]
        if c == "\n" { line += 1; i += 1; atLineStart = true; continue }
        if c == " " || c == "\t" || c == "\r" { i += 1; continue }
        let lineStart = atLineStart
        atLineStart = false
        if c == "/" && peek(1) == "/" {
            if peek(2) == "/" && peek(3) != "/" { doc = true }
            while i < s.count && s[i] != "\n" { i += 1 }
            continue
        }
        if c == "/" && peek(1) == "*" {
            if peek(2) == "*" && peek(3) != "/" && peek(3) != "*" { doc = true }
            var depth = 0
            repeat {
                if s[i] == "/" && peek(1) == "*" { depth += 1; i += 2; continue }
                if s[i] == "*" && peek(1) == "/" { depth -= 1; i += 2; continue }
                if s[i] == "\n" { line += 1 }
                i += 1
            } while i < s.count && depth > 0
            continue
        }
        if c == "#" {
            var k = 0
            while peek(k) == "#" { k += 1 }
            if peek(k) == "\"" { i += k; skipString(hashes: k); emit(.word("\"string\"")); continue }
            // `#if`, `#elseif`, `#else`, `#endif`, `#sourceLocation` …: skip the line.
            if lineStart, let n = peek(1), CharacterSet.letters.contains(n) {
                var j = i + 1, word = ""
                while j < s.count, isIdent(s[j]) { word.unicodeScalars.append(s[j]); j += 1 }
                if ["if", "elseif", "else", "endif"].contains(word) {
                    while i < s.count && s[i] != "\n" { i += 1 }
                    continue
                }
            }
            i += 1
            emit(.punct("#"))
            continue
        }
        if c == "\"" { skipString(hashes: 0); emit(.word("\"string\"")); continue }
        if c == "@" {
            var j = i + 1, word = ""
            while j < s.count, isIdent(s[j]) { word.unicodeScalars.append(s[j]); j += 1 }
            i = j
            emit(.attribute(word))
            continue
        }
        if c == "`" {
            var j = i + 1, word = ""
            while j < s.count, s[j] != "`" { word.unicodeScalars.append(s[j]); j += 1 }
            i = j + 1
            emit(.word("`" + word + "`"))   // backquoted: never a keyword
            continue
        }
        if isIdent(c) {
            var word = ""
            while i < s.count, isIdent(s[i]) { word.unicodeScalars.append(s[i]); i += 1 }
            emit(.word(word))
            continue
        }
        i += 1
        emit(.punct(Character(c)))
    }
    return out
}

let typeKeywords: Set = ["struct", "class", "enum", "protocol", "actor", "extension"]
let memberKeywords: Set = ["func", "init", "deinit", "subscript", "var", "let", "case",
                           "typealias", "associatedtype", "operator", "precedencegroup", "macro"]
let modifiers: Set = ["public", "open", "private", "fileprivate", "internal", "package",
                      "static", "final", "override", "mutating", "nonmutating", "convenience",
                      "required", "lazy", "weak", "unowned", "indirect", "dynamic", "optional",
                      "prefix", "postfix", "infix", "nonisolated", "consuming", "borrowing",
                      "distributed", "isolated"]
let accessWords: Set = ["public", "open", "private", "fileprivate", "internal", "package"]

struct Declaration { var file: String; var line: Int; var kind: String; var name: String; var documented: Bool }

struct Scope {
    var opaque: Bool            // a function body, closure, accessor: no declarations inside
    var kind: String            // struct, enum, protocol, extension, file
    var effectivePublic: Bool   // may members of this scope be public at all?
    var defaultPublic: Bool     // is a member without an access modifier public?
}

func declarations(in path: String) -> [Declaration] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write("doc-coverage: cannot read \(path)\n".data(using: .utf8)!)
        exit(2)
    }
    let t = lex(text)
    var found: [Declaration] = []
    var stack = [Scope(opaque: false, kind: "file", effectivePublic: true, defaultPublic: false)]
    var i = 0
    // The pending declaration whose `{` would open its body.
    var pendingBody: Scope? = nil
    var nesting = 0   // ( and [ depth inside a declaration header
    var prefixStart: Int? = nil
    var access: String? = nil

    func word(_ k: Int) -> String? { if k < t.count, case .word(let w) = t[k].token { return w }; return nil }

    while i < t.count {
        let tok = t[i].token
        let scope = stack[stack.count - 1]
        if case .punct(let p) = tok {
            switch p {
            case "(", "[": nesting += 1
            case ")", "]": nesting = max(0, nesting - 1)
            case "{":
                if nesting > 0 || scope.opaque {
                    stack.append(Scope(opaque: true, kind: "body", effectivePublic: false, defaultPublic: false))
                } else if let body = pendingBody {
                    stack.append(body)
                } else {
                    stack.append(Scope(opaque: true, kind: "body", effectivePublic: false, defaultPublic: false))
                }
                pendingBody = nil; prefixStart = nil; access = nil
            case "}":
                if stack.count > 1 { stack.removeLast() }
                pendingBody = nil; prefixStart = nil; access = nil; nesting = 0
            case ";":
                if nesting == 0 { pendingBody = nil; prefixStart = nil; access = nil }
            default: break
            }
            i += 1
            continue
        }
        if scope.opaque || nesting > 0 { i += 1; continue }
        if case .attribute = tok {
            if prefixStart == nil { prefixStart = i }
            i += 1
            if i < t.count, t[i].token == .punct("("), t[i].line == t[i - 1].line {
                var depth = 0
                repeat {
                    if t[i].token == .punct("(") { depth += 1 }
                    if t[i].token == .punct(")") { depth -= 1 }
                    i += 1
                } while i < t.count && depth > 0
            }
            continue
        }
        guard case .word(let w) = tok else { i += 1; continue }
        let afterDot = i > 0 && t[i - 1].token == .punct(".")
        if afterDot { i += 1; continue }
        let isClassModifier = w == "class" && ["func", "var", "subscript", "let"].contains(word(i + 1) ?? "")
        if modifiers.contains(w) || isClassModifier {
            // `private(set)` sets only the setter's access.
            let setterOnly = i + 1 < t.count && t[i + 1].token == .punct("(")
            if !setterOnly || !accessWords.contains(w) {
                if prefixStart == nil { prefixStart = i }
                if accessWords.contains(w) { access = w }
                i += 1
            } else {
                if prefixStart == nil { prefixStart = i }
                i += 4   // w ( set )
            }
            continue
        }
        // `extension`'s own modifier sets the default for its members.
        if typeKeywords.contains(w) || memberKeywords.contains(w) {
            let start = prefixStart ?? i
            let documented = (start...i).contains { t[$0].docBefore }
            let explicitPublic = access == "public" || access == "open"
            let isPublic: Bool
            if access != nil {
                isPublic = explicitPublic && scope.effectivePublic
            } else {
                isPublic = scope.effectivePublic && (scope.defaultPublic
                    || (w == "case" && scope.kind == "enum")
                    || (scope.kind == "protocol" && w != "extension"))
            }
            let name = word(i + 1) ?? (i + 1 < t.count ? "\(t[i + 1].token)" : "")
            if typeKeywords.contains(w) {
                if w == "extension" {
                    pendingBody = Scope(opaque: false, kind: "extension", effectivePublic: true,
                                        defaultPublic: explicitPublic)
                } else {
                    if isPublic { found.append(Declaration(file: path, line: t[i].line, kind: w, name: name, documented: documented)) }
                    pendingBody = Scope(opaque: false, kind: w, effectivePublic: isPublic,
                                        defaultPublic: w == "protocol" && isPublic)
                }
            } else {
                if isPublic && w != "deinit" {
                    let label = w == "init" || w == "subscript" ? w : name
                    found.append(Declaration(file: path, line: t[i].line, kind: w, name: label, documented: documented))
                }
                pendingBody = nil   // its `{`, if any, is a body
            }
            prefixStart = nil; access = nil
            i += 1
            continue
        }
        prefixStart = nil; access = nil
        i += 1
    }
    return found
}

// MARK: - command line

var list = false
var roots: [String] = []
for a in CommandLine.arguments.dropFirst() {
    if a == "--list" { list = true } else if a == "-h" || a == "--help" {
        print("""
        usage: scripts/doc-coverage [--list] [PATH …]
        Counts public declarations without a doc comment per module (Sources/<Module>).
        PATH: modules' folders or single files (default: every module under Sources/).
        --list: also print each undocumented declaration as FILE:LINE: kind name.
        """)
        exit(0)
    } else { roots.append(a) }
}
let fm = FileManager.default
if roots.isEmpty {
    roots = ((try? fm.contentsOfDirectory(atPath: "Sources")) ?? []).sorted().map { "Sources/" + $0 }
}
var files: [String] = []
for r in roots {
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: r, isDirectory: &isDir) else {
        FileHandle.standardError.write("doc-coverage: no such file or folder: \(r)\n".data(using: .utf8)!)
        exit(2)
    }
    if isDir.boolValue {
        let e = fm.enumerator(atPath: r)
        while let f = e?.nextObject() as? String {
            if f.hasSuffix(".swift") { files.append(r + "/" + f) }
        }
    } else { files.append(r) }
}
func module(_ path: String) -> String {
    let parts = path.split(separator: "/")
    if let k = parts.firstIndex(of: "Sources"), k + 1 < parts.count { return String(parts[k + 1]) }
    return parts.dropLast().last.map(String.init) ?? path
}
var perModule: [String: (total: Int, missing: Int)] = [:]
var undocumented: [Declaration] = []
for f in files.sorted() {
    let ds = declarations(in: f)
    let m = module(f)
    var entry = perModule[m] ?? (0, 0)
    entry.total += ds.count
    entry.missing += ds.filter { !$0.documented }.count
    perModule[m] = entry
    undocumented += ds.filter { !$0.documented }
}
if list {
    for d in undocumented { print("\(d.file):\(d.line): \(d.kind) \(d.name)") }
    print("")
}
print("module".padding(toLength: 16, withPad: " ", startingAt: 0) + "  public  undocumented")
var total = 0, missing = 0
for (m, e) in perModule.sorted(by: { $0.key < $1.key }) where e.total > 0 {
    print(m.padding(toLength: 16, withPad: " ", startingAt: 0)
          + String(repeating: " ", count: max(0, 8 - "\(e.total)".count)) + "\(e.total)"
          + String(repeating: " ", count: max(0, 14 - "\(e.missing)".count)) + "\(e.missing)")
    total += e.total; missing += e.missing
}
print("total".padding(toLength: 16, withPad: " ", startingAt: 0)
      + String(repeating: " ", count: max(0, 8 - "\(total)".count)) + "\(total)"
      + String(repeating: " ", count: max(0, 14 - "\(missing)".count)) + "\(missing)")
