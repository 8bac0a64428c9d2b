/// Writes `MathNode`s as MathML Core, in the element shapes texmath uses.
/// All text is escaped; nothing from the formula reaches the page raw.
struct MathMLWriter {
    let display: Bool
    private var out = ""

    init(display: Bool) { self.display = display }

    mutating func math(_ nodes: [MathNode], tex: String) -> String {
        out = "<math display=\"\(display ? "block" : "inline")\" xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics>"
        row(nodes)
        out += "<annotation encoding=\"application/x-tex\">"
        escape(tex)
        out += "</annotation></semantics></math>"
        return out
    }

    /// One node as itself, several in an `<mrow>`.
    private mutating func row(_ nodes: [MathNode]) {
        if nodes.count == 1 { write(nodes[0]); return }
        out += "<mrow>"
        for n in nodes { write(n) }
        out += "</mrow>"
    }

    private mutating func token(_ tag: String, _ text: String, _ attributes: String = "") {
        out += "<\(tag)\(attributes)>"
        escape(text)
        out += "</\(tag)>"
    }

    private mutating func write(_ node: MathNode) {
        switch node {
        case .identifier(let s): token("mi", s)
        case .number(let s): token("mn", s)
        case .symbol(let s, let fence):
            if let fence { token("mo", s, " stretchy=\"false\" form=\"\(fence.rawValue)\"") }
            else { token("mo", s) }
        case .op(let s, _): token("mo", s)
        case .text(let s, let variant): token("mtext", s, " mathvariant=\"\(variant)\"")
        case .space(let width): out += "<mspace width=\"\(width)\"></mspace>"
        case .group(let items): row(items)
        case .frac(let a, let b, let style):
            if let style { out += "<mstyle displaystyle=\"\(style)\">" }
            out += "<mfrac>"; write(a); write(b); out += "</mfrac>"
            if style != nil { out += "</mstyle>" }
        case .sqrt(let a): out += "<msqrt>"; write(a); out += "</msqrt>"
        case .root(let a, let index): out += "<mroot>"; write(a); write(index); out += "</mroot>"
        case .scripts(let base, let sub, let sup, let under):
            let tag = switch (sub != nil, sup != nil) {
            case (true, true): under ? "munderover" : "msubsup"
            case (true, false): under ? "munder" : "msub"
            default: under ? "mover" : "msup"
            }
            out += "<\(tag)>"; write(base)
            if let sub { write(sub) }
            if let sup { write(sup) }
            out += "</\(tag)>"
        case .accent(let base, let accent):
            out += "<mover>"; write(base); token("mo", accent, " accent=\"true\""); out += "</mover>"
        case .delimited(let open, let close, let items):
            out += "<mrow>"
            if let open { token("mo", open, " stretchy=\"true\" form=\"prefix\"") }
            for n in items { write(n) }
            if let close { token("mo", close, " stretchy=\"true\" form=\"postfix\"") }
            out += "</mrow>"
        case .fenced(let open, let close, let items):
            out += "<mrow>"
            token("mo", open, " stretchy=\"false\" form=\"prefix\"")
            for n in items { write(n) }
            token("mo", close, " stretchy=\"false\" form=\"postfix\"")
            out += "</mrow>"
        case .sized(let s, let size, let fence):
            token("mo", s, " minsize=\"\(size)\" maxsize=\"\(size)\" stretchy=\"false\" form=\"\(fence.rawValue)\"")
        case .table(let rows, let aligns):
            out += "<mtable>"
            for r in rows {
                out += "<mtr>"
                for (k, cell) in r.enumerated() {
                    out += "<mtd columnalign=\"\(aligns[k])\">"
                    for n in cell { write(n) }
                    out += "</mtd>"
                }
                out += "</mtr>"
            }
            out += "</mtable>"
        case .styled(let variant, let items):
            out += "<mstyle mathvariant=\"\(variant)\">"
            for n in items { write(n) }
            out += "</mstyle>"
        }
    }

    private mutating func escape(_ s: String) {
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
    }
}
