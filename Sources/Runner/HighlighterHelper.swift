/// The source of `optnb-highlight`, the helper that classifies Swift code
/// with swift-syntax's own parser (`SwiftParser`) and classifier
/// (`SwiftIDEUtils`), as the toolchain ships them in `usr/lib/swift/host`.
/// It is compiled on first use against those libraries and cached per
/// toolchain (see `SwiftHighlighter`), so optnb's own build never compiles
/// swift-syntax and notebook programs never link it.
///
/// Input (the file named by the only argument): for each listing, its
/// UTF-8 byte count on a line, then its bytes. Output: for each listing,
/// one `OFFSET LENGTH KIND` line per classified token (UTF-8 offsets, KIND
/// one of kw ty str num cm attr), then a line `.`.
let highlighterHelperSource = #"""
import Foundation
import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

func code(_ kind: SyntaxClassification) -> String? {
    switch kind {
    case .keyword, .ifConfigDirective: return "kw"
    case .type: return "ty"
    case .stringLiteral, .regexLiteral: return "str"
    case .integerLiteral, .floatLiteral: return "num"
    case .lineComment, .blockComment, .docLineComment, .docBlockComment: return "cm"
    case .attribute: return "attr"
    default: return nil
    }
}

let input = try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1]))
var bytes = [UInt8](input)
var i = 0
var out = ""
while i < bytes.count {
    var n = 0
    while i < bytes.count, bytes[i] != 10 { n = n * 10 + Int(bytes[i] - 48); i += 1 }
    i += 1
    let source = Array(bytes[i..<min(bytes.count, i + n)])
    i += n
    let tree = Parser.parse(source: String(decoding: source, as: UTF8.self))
    for c in tree.classifications {
        guard let k = code(c.kind) else { continue }
        out += "\(c.range.lowerBound.utf8Offset) \(c.range.length.utf8Length) \(k)\n"
    }
    out += ".\n"
}
FileHandle.standardOutput.write(Data(out.utf8))
"""#
