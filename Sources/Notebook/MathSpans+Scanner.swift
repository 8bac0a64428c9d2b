extension MathSpans {
    struct Span {
        var start: Int, contentStart: Int, contentEnd: Int, end: Int
        var display: Bool
    }

    /// Walks the notebook's bytes for dollar spans, skipping code blocks
    /// (by line), code spans and backslash escapes.
    struct Scanner {
        let bytes: [UInt8]
        let skipLines: Set<Int>
        var i = 0
        /// Byte offset where each line starts.
        let lineStarts: [Int]

        init(bytes: [UInt8], skipLines: Set<Int>) {
            self.bytes = bytes; self.skipLines = skipLines
            var starts = [0]
            var k = 0
            while k < bytes.count {
                if bytes[k] == UInt8(ascii: "\n") { starts.append(k + 1) }
                else if bytes[k] == UInt8(ascii: "\r") {
                    if k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: "\n") { k += 1 }
                    starts.append(k + 1)
                }
                k += 1
            }
            lineStarts = starts
        }

        func line(of offset: Int) -> Int {
            var lo = 0, hi = lineStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
            }
            return lo + 1
        }

        /// 1-based line and byte column, as cmark counts them.
        func position(of offset: Int) -> SourcePosition {
            let l = line(of: offset)
            return SourcePosition(line: l, column: offset - lineStarts[l - 1] + 1)
        }

        private func isBlank(from a: Int, to b: Int) -> Bool {
            bytes[a..<b].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x3E }  // spaces, tabs, quote markers
        }

        /// True when the bytes between `a` and `b` cross a blank line.
        private func crossesBlankLine(_ a: Int, _ b: Int) -> Bool {
            var k = a
            while k < b {
                if bytes[k] == UInt8(ascii: "\n") || bytes[k] == UInt8(ascii: "\r") {
                    var e = k + 1
                    if bytes[k] == UInt8(ascii: "\r"), e < bytes.count, bytes[e] == UInt8(ascii: "\n") { e += 1 }
                    var n = e
                    while n < bytes.count, bytes[n] != UInt8(ascii: "\n"), bytes[n] != UInt8(ascii: "\r") { n += 1 }
                    if isBlank(from: e, to: n) { return true }
                    k = e
                    continue
                }
                k += 1
            }
            return false
        }

        private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

        mutating func nextSpan() -> Span? {
            while i < bytes.count {
                if skipLines.contains(line(of: i)) {
                    let l = line(of: i)
                    i = l < lineStarts.count ? lineStarts[l] : bytes.count
                    continue
                }
                let c = bytes[i]
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "`") { skipCodeSpan(); continue }
                guard c == UInt8(ascii: "$") else { i += 1; continue }
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "$") {
                    if let span = display(at: i) { i = span.end; return span }
                    i += 2
                    continue
                }
                if let span = inline(at: i) { i = span.end; return span }
                i += 1
            }
            return nil
        }

        /// A backtick run opens a code span only if a run of the same
        /// length closes it before a blank line; otherwise it is literal.
        private mutating func skipCodeSpan() {
            var n = i
            while n < bytes.count, bytes[n] == UInt8(ascii: "`") { n += 1 }
            let run = n - i
            var k = n
            while k < bytes.count {
                if bytes[k] == UInt8(ascii: "`") {
                    var e = k
                    while e < bytes.count, bytes[e] == UInt8(ascii: "`") { e += 1 }
                    if e - k == run {
                        if crossesBlankLine(n, k) { break }
                        i = e
                        return
                    }
                    k = e
                    continue
                }
                k += 1
            }
            i = n
        }

        private func inline(at start: Int) -> Span? {
            let content = start + 1
            guard content < bytes.count, !isSpace(bytes[content]) else { return nil }
            var k = content
            while k < bytes.count {
                let c = bytes[k]
                if c == UInt8(ascii: "\\") { k += 2; continue }
                // A code span wins over math (math has no use for backticks).
                if c == UInt8(ascii: "`") { return nil }
                if c == UInt8(ascii: "$") {
                    let closes = !isSpace(bytes[k - 1])
                        && !(k + 1 < bytes.count && bytes[k + 1] >= UInt8(ascii: "0") && bytes[k + 1] <= UInt8(ascii: "9"))
                    if closes {
                        if crossesBlankLine(content, k) { return nil }
                        return Span(start: start, contentStart: content, contentEnd: k, end: k + 1, display: false)
                    }
                }
                k += 1
            }
            return nil
        }

        private func display(at start: Int) -> Span? {
            let content = start + 2
            var k = content
            while k + 1 < bytes.count {
                if bytes[k] == UInt8(ascii: "\\") { k += 2; continue }
                if bytes[k] == UInt8(ascii: "$"), bytes[k + 1] == UInt8(ascii: "$") {
                    if k == content || crossesBlankLine(content, k) { return nil }
                    return Span(start: start, contentStart: content, contentEnd: k, end: k + 2, display: true)
                }
                k += 1
            }
            return nil
        }

        /// The span's TeX: its content, minus each further line's leading
        /// whitespace and block-quote markers (when the span's first line is
        /// inside a quote), with the offset each byte came from.
        func tex(_ span: Span) -> (bytes: [UInt8], origins: [Int]) {
            var out: [UInt8] = [], origins: [Int] = []
            let quoted = bytes[lineStarts[line(of: span.start) - 1]..<span.start].contains(UInt8(ascii: ">"))
            var k = span.contentStart
            var atLineStart = false
            while k < span.contentEnd {
                let c = bytes[k]
                if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                    atLineStart = true
                    out.append(UInt8(ascii: " ")); origins.append(k)
                    k += 1
                    continue
                }
                if atLineStart && (c == 0x20 || c == 0x09 || (quoted && c == UInt8(ascii: ">"))) { k += 1; continue }
                atLineStart = false
                out.append(c); origins.append(k)
                k += 1
            }
            origins.append(span.contentEnd)
            return (out, origins)
        }

        /// For each line break inside the span: the break, the next line's
        /// container prefix, and a filler, so cmark sees the same lines.
        func lineKeepers(_ span: Span) -> [UInt8] {
            var out: [UInt8] = []
            var k = span.start
            while k < span.end {
                let c = bytes[k]
                if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                    out.append(c)
                    if c == UInt8(ascii: "\r"), k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: "\n") {
                        out.append(UInt8(ascii: "\n")); k += 1
                    }
                    k += 1
                    while k < span.end, bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == UInt8(ascii: ">") {
                        out.append(bytes[k]); k += 1
                    }
                    out += Array("\(MathSpans.filler)".utf8)
                    continue
                }
                k += 1
            }
            return out
        }
    }
}
