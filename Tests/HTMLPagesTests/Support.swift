import Foundation
import Notebook
import Records
@testable import HTMLPages

func at(_ line: Int) -> SourcePosition { SourcePosition(line: line, column: 1) }

func experiment(_ index: Int, _ id: String, line: Int, echo: Bool = true, eval: Bool = true,
                code: String = "let x = 1\nprint(x)") -> Block {
    Block(.experiment(ExperimentBlock(index: index, id: id, echo: echo, eval: eval, code: code,
                                      fenceLine: line, codeLine: line + 1)), at: at(line))
}

func document(_ blocks: [Block], title: String? = "Test notebook") -> Document {
    Document(path: "notebooks/test.md", title: title, blocks: blocks)
}

/// Renders `blocks` with no outcome and default options.
func render(_ blocks: [Block], options: ReportOptions = ReportOptions()) -> String {
    renderReport(document(blocks), outcome: nil, options: options)
}

/// Problems with the nesting of tags in `html`: unclosed or mismatched
/// elements, or a `<` that starts no tag. Void elements, `/>`, comments and
/// `<!DOCTYPE>` need no closing; `<style>` content is skipped as raw text.
func tagBalanceProblems(_ html: String) -> [String] {
    let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input",
                             "link", "meta", "source", "track", "wbr"]
    let b = Array(html.utf8)
    var stack: [String] = []
    var problems: [String] = []
    var i = 0
    func find(_ s: String, from: Int) -> Int? {
        let t = Array(s.utf8)
        var j = from
        while j + t.count <= b.count {
            if b[j...].starts(with: t) { return j }
            j += 1
        }
        return nil
    }
    while i < b.count {
        guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
        if b[i...].starts(with: Array("<!--".utf8)) {
            i = (find("-->", from: i).map { $0 + 3 }) ?? b.count
            continue
        }
        guard let close = find(">", from: i) else { problems.append("unterminated tag at byte \(i)"); break }
        var inner = String(decoding: b[(i + 1)..<close], as: UTF8.self)
        i = close + 1
        if inner.hasPrefix("!") { continue }
        let closing = inner.hasPrefix("/")
        if closing { inner.removeFirst() }
        let name = String(inner.prefix { $0.isLetter || $0.isNumber }).lowercased()
        if name.isEmpty { problems.append("stray '<' before byte \(close)"); continue }
        if closing {
            if stack.last == name { stack.removeLast() } else {
                problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
                return problems
            }
        } else if !inner.hasSuffix("/") && !void.contains(name) {
            stack.append(name)
            if name == "style", let end = find("</style", from: i) { i = end }
        }
    }
    if !stack.isEmpty { problems.append("unclosed: \(stack.joined(separator: " > "))") }
    return problems
}

/// Values of the numeric SVG attributes (coordinates, sizes, path data).
func svgGeometryValues(_ svg: String) -> [String] {
    let names = ["d", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "viewBox"]
    var out: [String] = []
    for name in names {
        var rest = Substring(svg)
        let key = " \(name)=\""
        while let r = rest.range(of: key) {
            let after = rest[r.upperBound...]
            guard let q = after.firstIndex(of: "\"") else { break }
            out.append(String(after[..<q]))
            rest = after[q...]
        }
    }
    return out
}

/// True when every geometry value is numbers and path commands only (no
/// "nan", "inf", exponents).
func geometryIsClean(_ svg: String) -> Bool {
    let allowed = Set("0123456789.- MLhVH%")
    return svgGeometryValues(svg).allSatisfy { $0.allSatisfy(allowed.contains) }
}

/// The `d` of the first path with class `s1` (the first series).
func firstSeriesPath(_ svg: String) -> String? {
    guard let r = svg.range(of: "<path class=\"s1\"") else { return nil }
    let tail = svg[r.upperBound...]
    guard let d = tail.range(of: " d=\"") else { return nil }
    let value = tail[d.upperBound...]
    return value.firstIndex(of: "\"").map { String(value[..<$0]) }
}

func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}
