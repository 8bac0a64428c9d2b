/// Addresses in `href` and `src`: which are allowed, and how they are
/// percent-encoded.
extension HTML {
    /// The URL to put in `href`/`src`, percent-encoded as cmark's
    /// `houdini_escape_href` does (see `percentEncodeHref`), or nil when it
    /// must not be a link.
    ///
    /// Kept: `http:`, `https:`, `mailto:`, scheme-less (relative paths,
    /// `//host`, `?query`, `#fragment`) and, when `allowDataImage`, `data:image/…`
    /// (images only: an `<img>` runs no script). Anything else (`javascript:`,
    /// `vbscript:`, `data:text/html`, unknown schemes) is refused. The scheme
    /// is read the way browsers read it: tabs and newlines anywhere are
    /// dropped and leading/trailing controls and spaces are trimmed, so
    /// `" java\tscript:"` is still seen as `javascript:`. Only a letter
    /// followed by letters, digits, `+`, `-` or `.` and then `:` is a scheme
    /// (RFC 3986 §3.1, as browsers parse it): `foo\):` is a relative path.
    public static func safeURL(_ url: String, allowDataImage: Bool = false) -> String? {
        let cleaned = String(String.UnicodeScalarView(url.unicodeScalars.filter {
            $0 != "\t" && $0 != "\n" && $0 != "\r"
        }))
        let trimmed = cleaned.unicodeScalars.drop { $0.value <= 0x20 }
        let core = String(String.UnicodeScalarView(trimmed.reversed().drop { $0.value <= 0x20 }.reversed()))
        guard let scheme = scheme(of: core) else { return percentEncodeHref(core) }
        switch scheme.lowercased() {
        case "http", "https", "mailto": return percentEncodeHref(core)
        case "data" where allowDataImage:
            let rest = core.dropFirst(scheme.count + 1)
            return rest.lowercased().hasPrefix("image/") ? percentEncodeHref(core) : nil
        default: return nil
        }
    }

    /// The scheme of `url` (without its colon), or nil when it has none by
    /// RFC 3986's grammar: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`.
    static func scheme(of url: String) -> Substring? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        guard let first = candidate.unicodeScalars.first, isASCIILetter(first),
              candidate.unicodeScalars.allSatisfy({
                  isASCIILetter($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "."
              })
        else { return nil }
        return candidate
    }

    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    /// cmark's `houdini_escape_href`: every UTF-8 byte outside
    /// ``-_.+!*'(),%#@?=;:/,+&$~`` and ASCII letters and digits becomes
    /// `%XX` (uppercase hex). Reserved characters are kept, on the
    /// assumption that they serve as separators, and `%` is kept so an
    /// already-encoded address is not encoded twice. `&` and `'` stay as
    /// they are here: `escapeAttribute` writes them as entities.
    public static func percentEncodeHref(_ url: String) -> String {
        var out = ""
        out.reserveCapacity(url.utf8.count)
        for byte in url.utf8 {
            if hrefSafe(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0xF)
            }
        }
        return out
    }

    /// A file name as one relative path segment: everything but RFC 3986's
    /// unreserved characters and a few harmless sub-delimiters is
    /// percent-encoded, so `#frag.html`, `a?b.html` or `c:d.html` still name
    /// the file and not a fragment, a query or a scheme.
    public static func pathSegment(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                 UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "@"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0xF)
            }
        }
        return out
    }

    private static func hexDigit(_ v: UInt8) -> String {
        String(Unicode.Scalar(v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "A") + v - 10))
    }

    /// cmark's HREF_SAFE table, with `&` and `'` added (see above).
    private static func hrefSafe(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*'(),%#@?=;:/&$~".utf8.contains(b)
        }
    }
}
