/// One torch keyword argument as a trajectory or schedule file gives it
/// (their `options` are torch's keyword arguments), for optimizers and
/// schedulers alike.
///
/// Its case is the JSON value's kind: `true`/`false` → `.flag`, numbers →
/// `.number` (JSON does not say whether `6` was an `int`; options torch takes
/// as integers must be whole numbers, and `1` is never `true`), strings →
/// `.text`, arrays of numbers → `.numbers` (a pair such as `betas` too),
/// `null` → `.none`. What type each option must have is declared where it
/// is read (`TorchArguments`).
public enum TorchArgument: Sendable, Equatable, CustomStringConvertible {
    /// A JSON number: torch's `float`, or its `int` when whole.
    case number(Double)
    /// `true` or `false`: torch's `bool`.
    case flag(Bool)
    /// A JSON string: one of torch's named choices (`"triangular2"`).
    case text(String)
    /// An array of numbers: a tuple (`betas`), a list (`milestones`) or a per-group list.
    case numbers([Double])
    /// Python's `None`.
    case none

    /// The value as it would appear in the JSON file.
    public var description: String {
        switch self {
        case .number(let value): wholeNumber(value).map(String.init) ?? "\(value)"
        case .flag(let value): "\(value)"
        case .text(let value): "\"\(value)\""
        case .numbers(let values): "[" + values.map { TorchArgument.number($0).description }.joined(separator: ", ") + "]"
        case .none: "null"
        }
    }
}

/// `value` as an `Int` when it is a whole number that a Double holds exactly.
func wholeNumber(_ value: Double) -> Int? {
    guard value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
    return Int(value)
}

/// A file's `options`: each torch keyword argument by the kind of its JSON
/// value, as `TorchArgument` documents.
func readArguments(_ field: Field) throws(TrajectoryError) -> [String: TorchArgument] {
    guard case .object(let fields) = field.value else {
        throw field.fail("expected an object, found \(field.value.kind)")
    }
    var options: [String: TorchArgument] = [:]
    for key in fields.keys.sorted() {
        let f = field.child(key, fields[key]!)
        switch f.value {
        case .null: options[key] = TorchArgument.none
        case .bool(let flag): options[key] = .flag(flag)
        case .number(let x): options[key] = .number(x)
        case .string(let text): options[key] = .text(text)
        case .array: options[key] = .numbers(try f.numbers())
        case .object: throw f.fail("expected a number, boolean, string, null or array of numbers, found an object")
        }
    }
    return options
}
