/// The options of a `swift` fenced block, read from the words of its info
/// string after `swift`.
///
/// Grammar: words separated by spaces or tabs, each exactly `key=value`
/// (split at the first `=`), each key at most once:
/// - `id`: one or more of `A-Z a-z 0-9 _ -`;
/// - `echo`, `eval`, `fold`: `true` or `false`;
/// - `rtol`, `atol`: a non-negative finite number in Swift's `Double`
///   syntax (`1e-6`, `0.5`, `0x1p-20`); `-0` is read as `0`.
/// Anything else is an error whose message says what to write instead.
struct ExperimentOptions: Equatable {
    var id: String?
    var echo = true
    var eval = true
    var fold = false
    var rtol: Double?
    var atol: Double?

    static let knownKeys = ["id", "echo", "eval", "fold", "rtol", "atol"]

    /// Splits an info string into its first word and the option words.
    static func words(of info: String) -> [Substring] {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// - Throws: the message of the first bad word, without location; the
    ///   caller adds path, line and column.
    init(words: some Sequence<Substring>) throws(OptionError) {
        var seen: Set<Substring> = []
        for word in words {
            guard let eq = word.firstIndex(of: "="), eq != word.startIndex else {
                throw OptionError("option '\(word)' in swift block is not key=value; "
                    + "write options as key=value, e.g. id=adam-lr echo=false")
            }
            let key = word[..<eq]
            let value = word[word.index(after: eq)...]
            guard Self.knownKeys.contains(String(key)) else {
                throw OptionError("unknown option '\(key)' in swift block; "
                    + "known options: \(Self.knownKeys.joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else {
                throw OptionError("option '\(key)' given twice in swift block; keep one")
            }
            switch key {
            case "id":
                guard !value.isEmpty, value.unicodeScalars.allSatisfy(Self.isIDScalar) else {
                    throw OptionError("invalid id '\(value)' in swift block; "
                        + "use one or more of A-Z, a-z, 0-9, '_' and '-'")
                }
                id = String(value)
            case "echo": echo = try Self.bool(value, key: key)
            case "eval": eval = try Self.bool(value, key: key)
            case "fold": fold = try Self.bool(value, key: key)
            case "rtol": rtol = try Self.tolerance(value, key: key)
            default: atol = try Self.tolerance(value, key: key)
            }
        }
    }

    private static func isIDScalar(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
            || s == "_" || s == "-"
    }

    private static func bool(_ value: Substring, key: Substring) throws(OptionError) -> Bool {
        switch value {
        case "true": return true
        case "false": return false
        default:
            throw OptionError("invalid value '\(value)' for \(key) in swift block; "
                + "use \(key)=true or \(key)=false")
        }
    }

    private static func tolerance(_ value: Substring, key: Substring) throws(OptionError) -> Double {
        guard let x = Double(value), x.isFinite, x >= 0 else {
            throw OptionError("invalid value '\(value)' for \(key) in swift block; "
                + "use a non-negative finite number, e.g. \(key)=1e-6")
        }
        return x == 0 ? 0 : x  // -0 and 0 compare equal; store one of them
    }
}

/// A bad option word, before the caller locates it.
struct OptionError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
