/// Heading anchors: slugs that stay the same as long as the heading text
/// does, and are unique within one notebook.
///
/// Slug rule, per Unicode scalar of the heading's plain text:
/// - ASCII letters and digits are kept, lowercased;
/// - other letters and numbers (Unicode alphabetic, or general category
///   Nd / Nl / No) are kept, lowercased by Unicode's full lowercase
///   mapping (`É` → `é`, `Σ` → `σ`), so non-Latin headings keep readable
///   anchors; combining marks right after a kept scalar are kept with it;
/// - everything else (spaces, punctuation including `_`, symbols, emoji)
///   separates words; runs of separators become one `-`, and none is left
///   at either end.
/// The slug is cut at `maxSlugScalars` scalars; empty slugs become
/// `section`. The n-th repeat of a slug `s` (n ≥ 2) gets `s-n`, skipping
/// any `s-n` already taken by an earlier heading.
struct AnchorSet {
    static let maxSlugScalars = 80
    private var used: Set<String> = []
    /// Where the search for a free `base-n` resumes, so a notebook with
    /// thousands of equal headings stays linear.
    private var nextSuffix: [String: Int] = [:]

    /// The anchor for the next heading with this plain text.
    mutating func claim(_ text: String) -> String {
        let base = AnchorSet.slug(text)
        var candidate = base
        var n = nextSuffix[base] ?? 2
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        nextSuffix[base] = n
        used.insert(candidate)
        return candidate
    }

    static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var separatorPending = false
        var lastKept = false
        var count = 0
        for scalar in text.unicodeScalars {
            if isKept(scalar) {
                let dash = separatorPending && count > 0
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                count += (dash ? 1 : 0) + lower.count
                if count > maxSlugScalars { break }
                if dash { out.append("-") }
                out.append(contentsOf: lower)
                separatorPending = false
                lastKept = true
            } else if lastKept, isMark(scalar) {
                count += 1
                if count > maxSlugScalars { break }
                out.append(scalar)
            } else {
                separatorPending = true
                lastKept = false
            }
        }
        return out.isEmpty ? "section" : String(out)
    }

    private static func isKept(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            return ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
        }
        switch s.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return s.properties.isAlphabetic && !isMark(s)
        }
    }

    private static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}

/// The text a reader sees in inline content: code spans and image alt text
/// included, raw HTML left out, line breaks read as spaces.
public func plainText(_ inlines: [Inline]) -> String {
    var out = ""
    func add(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .text(let s), .code(let s): out += s
            case .emphasis(let inner), .strong(let inner): add(inner)
            case .link(_, _, let inner), .image(_, _, let inner): add(inner)
            case .softBreak, .lineBreak: out += " "
            case .html: break
            case .math(let m): out += m.tex
            case .reference(let label, _): out += "@" + label
            }
        }
    }
    add(inlines)  // depth bounded by MarkdownNode.maxDepth
    return out
}
