/// MathML reduced to a canonical token list for comparison: attributes
/// sorted, entities decoded, whitespace-only text dropped and text trimmed
/// (so "up to attribute order and whitespace" is literal).
enum MathMLCanon {
    enum Token: Equatable, Sendable, CustomStringConvertible {
        case open(String, [String: String])
        case close(String)
        case text(String)
        var description: String {
            switch self {
            case .open(let name, let attributes):
                name + attributes.keys.sorted().map { " \($0)=\"\(attributes[$0]!)\"" }.joined()
            case .close(let name): "/" + name
            case .text(let s): "'\(s)'"
            }
        }
    }

    static func tokens(_ xml: String) -> [Token] {
        var out: [Token] = []
        var rest = Substring(xml)
        while !rest.isEmpty {
            if rest.first == "<" {
                guard let end = rest.firstIndex(of: ">") else { break }
                let inner = rest[rest.index(after: rest.startIndex)..<end]
                rest = rest[rest.index(after: end)...]
                if inner.first == "/" { out.append(.close(String(inner.dropFirst()))); continue }
                let selfClosing = inner.last == "/"
                let body = selfClosing ? inner.dropLast() : inner
                let name = String(body.prefix(while: { !$0.isWhitespace }))
                var attributes: [String: String] = [:]
                var a = body.dropFirst(name.count)
                while let eq = a.firstIndex(of: "=") {
                    let key = a[..<eq].trimmingCharacters(in: " \n\t")
                    let afterEq = a[a.index(after: eq)...].drop(while: { $0 == " " })
                    guard let q = afterEq.first, q == "\"" || q == "'" else { break }
                    let valueStart = afterEq.index(after: afterEq.startIndex)
                    guard let close = afterEq[valueStart...].firstIndex(of: q) else { break }
                    attributes[key] = decode(String(afterEq[valueStart..<close]))
                    a = afterEq[afterEq.index(after: close)...]
                }
                out.append(.open(name, attributes))
                if selfClosing { out.append(.close(name)) }
            } else {
                let end = rest.firstIndex(of: "<") ?? rest.endIndex
                let text = decode(String(rest[..<end])).trimmingCharacters(in: " \n\t")
                if !text.isEmpty { out.append(.text(text)) }
                rest = rest[end...]
            }
        }
        return out
    }

    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else {
                    out += "&\(entity);"
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let s = drop(while: { set.contains($0) })
        return String(s.reversed().drop(while: { set.contains($0) }).reversed())
    }
}
