/// `\begin{…} … \end{…}`: rows split by `\\`, cells by `&`.
extension Reader {
    /// Column alignment of each environment (repeated across columns) and
    /// the fences around it.
    static let environments: [String: (aligns: [String], open: String?, close: String?)] = [
        "aligned": (["right", "left"], nil, nil), "align": (["right", "left"], nil, nil),
        "align*": (["right", "left"], nil, nil), "split": (["right", "left"], nil, nil),
        "alignedat": (["right", "left"], nil, nil),
        "gathered": (["center"], nil, nil), "gather": (["center"], nil, nil), "gather*": (["center"], nil, nil),
        "cases": (["left"], "{", nil),
        "matrix": (["center"], nil, nil), "smallmatrix": (["center"], nil, nil),
        "pmatrix": (["center"], "(", ")"), "bmatrix": (["center"], "[", "]"),
        "Bmatrix": (["center"], "{", "}"), "vmatrix": (["center"], "|", "|"), "Vmatrix": (["center"], "∥", "∥"),
        "array": (["center"], nil, nil),
    ]

    mutating func readEnvironment(start: Int) throws(TeXError) -> MathNode {
        let name = try readRawArgument(for: "begin")
        guard let spec = Reader.environments[name] else {
            throw TeXError(offset: start, message: "unknown environment \\begin{\(name)}; known: "
                + Reader.environments.keys.sorted().joined(separator: ", "))
        }
        var aligns = spec.aligns
        if name == "array" || name == "alignedat" {
            let columns = try readRawArgument(for: "begin{\(name)}")
            if name == "array" {
                aligns = columns.compactMap { c in
                    c == "l" ? "left" : c == "r" ? "right" : c == "c" ? "center" : nil
                }
                if aligns.isEmpty {
                    throw TeXError(offset: start, message: "\\begin{array} needs column letters l, c or r, e.g. {lcr}")
                }
            }
        }
        try enter(at: start)
        defer { depth -= 1 }
        var rows: [[[MathNode]]] = []
        var row: [[MathNode]] = []
        while true {
            row.append(try readList(inEnvironment: true))
            guard pos < bytes.count else {
                throw TeXError(offset: start, message: "\\begin{\(name)} without a matching \\end{\(name)}")
            }
            if bytes[pos] == UInt8(ascii: "&") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { throw stray() }
            let command = peekCommand()
            if command == "\\" || command == "cr" {
                pos += 1 + command.utf8.count
                skipSpace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "[") {
                    // `\\[2pt]`: extra space under the row, which MathML
                    // Core has no attribute for; skip it.
                    while pos < bytes.count, bytes[pos] != UInt8(ascii: "]") { pos += 1 }
                    if pos < bytes.count { pos += 1 }
                }
                rows.append(row)
                row = []
                continue
            }
            if command == "end" {
                let at = pos
                pos += "\\end".utf8.count
                let closing = try readRawArgument(for: "end")
                guard closing == name else {
                    throw TeXError(offset: at, message: "\\end{\(closing)} closes \\begin{\(name)}; write \\end{\(name)}")
                }
                if !(row.count == 1 && row[0].isEmpty) || rows.isEmpty { rows.append(row) }
                break
            }
            throw stray()
        }
        let width = rows.map(\.count).max() ?? 0
        let columnAligns = (0..<width).map { aligns[$0 % aligns.count] }
        let table = MathNode.table(rows, aligns: columnAligns)
        if spec.open != nil || spec.close != nil {
            return .delimited(open: spec.open, close: spec.close, [table])
        }
        return table
    }
}
