/// Refuses a notebook that is not UTF-8 text, at the line and column of its
/// first bad byte, so a binary file or a Latin-1 notebook is never rendered
/// as control characters and U+FFFD.
///
/// Bad: a byte sequence that is not well-formed UTF-8 (RFC 3629: no
/// overlong forms, surrogates or values above U+10FFFF), NUL, and C0
/// control characters other than tab, line feed, form feed and carriage
/// return, which no text editor writes. A leading byte-order mark is fine.
/// The column counts Unicode scalars from 1, as editors do.
///
/// `parseNotebook(bytes:)` itself stays lenient (it repairs what it cannot
/// read), so this check is the caller's: `optnb render` and `check` make it
/// before parsing.
public func checkNotebookText(_ bytes: [UInt8], path: String) throws(NotebookError) {
    var line = 1, column = 1
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    func refuse(_ what: String) -> NotebookError {
        NotebookError(path: path, position: SourcePosition(line: line, column: column),
                      message: "the notebook is not UTF-8 text: \(what); save it as UTF-8 (a binary file is not a notebook)")
    }
    while i < bytes.count {
        let b = bytes[i]
        if b < 0x80 {
            if b == 0x0A { line += 1; column = 1; i += 1; continue }
            if b == 0x0D {
                // CR LF and a lone CR both end a line, as in cmark.
                line += 1; column = 1
                i += (i + 1 < bytes.count && bytes[i + 1] == 0x0A) ? 2 : 1
                continue
            }
            if b < 0x20 && b != 0x09 && b != 0x0C || b == 0x7F {
                throw refuse(b == 0 ? "a NUL byte" : "control byte 0x\(hex(b))")
            }
            i += 1; column += 1; continue
        }
        let length: Int, low: UInt8, high: UInt8
        switch b {
        case 0xC2...0xDF: length = 2; low = 0x80; high = 0xBF
        case 0xE0: length = 3; low = 0xA0; high = 0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3; low = 0x80; high = 0xBF
        case 0xED: length = 3; low = 0x80; high = 0x9F
        case 0xF0: length = 4; low = 0x90; high = 0xBF
        case 0xF1...0xF3: length = 4; low = 0x80; high = 0xBF
        case 0xF4: length = 4; low = 0x80; high = 0x8F
        default: throw refuse("byte 0x\(hex(b)) starts no UTF-8 character")
        }
        guard i + length <= bytes.count else { throw refuse("byte 0x\(hex(b)) starts a character the file cuts short") }
        guard (low...high).contains(bytes[i + 1]),
              bytes[(i + 2)..<(i + length)].allSatisfy({ (0x80...0xBF).contains($0) })
        else { throw refuse("byte 0x\(hex(b)) is not followed by a valid UTF-8 continuation") }
        i += length; column += 1
    }
}

private func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
}
