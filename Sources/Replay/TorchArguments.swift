import Optimizers

/// Reads the torch keyword arguments of one optimizer or scheduler. Each read
/// names an option, declares the type torch takes and gives torch's default
/// (none where torch requires the option); `finish()` then refuses whatever
/// was not read. So each catalog entry is the one place that states its
/// class's options, their types and torch's defaults.
///
/// Errors are `InvalidOption`s naming the option, as torch refuses an
/// unknown or ill-typed keyword argument too.
public struct TorchArguments {
    /// torch's class name, for messages (`"StepLR"`, `"Adam"`).
    public let owner: String
    private var remaining: [String: TorchArgument]
    private var known: [String] = []
    /// Set when a read refused its option, so that `build` reports it as it stands.
    private var readFailed = false
    /// Every option read so far with the value used: the file's, or torch's
    /// default when it gave none.
    public private(set) var resolved: [String: TorchArgument] = [:]

    /// A reader of `given`, the keyword arguments of torch's class `owner`; nothing is read yet.
    public init(of owner: String, _ given: [String: TorchArgument]) {
        self.owner = owner
        remaining = given
    }

    /// Takes `key`: the given value converted, or `fallback` when absent (a
    /// missing option when `fallback` is nil); `record` is what `resolved` keeps.
    private mutating func read<T>(
        _ key: String, _ fallback: T?, expecting expected: String,
        _ convert: (TorchArgument) -> T?, record: (T) -> TorchArgument
    ) throws(InvalidOption) -> T {
        known.append(key)
        let value: T
        if let given = remaining.removeValue(forKey: key) {
            guard let converted = convert(given) else {
                readFailed = true
                throw InvalidOption(
                    option: key, value: given.description, reason: "\(owner) takes \(expected) for \(key)")
            }
            value = converted
        } else {
            guard let fallback else {
                readFailed = true
                throw InvalidOption(option: key, value: "missing", reason: "\(owner) needs \(key)")
            }
            value = fallback
        }
        resolved[key] = record(value)
        return value
    }

    /// A number; `fallback` is torch's default, `nil` when torch requires the option.
    public mutating func number(_ key: String, default fallback: Double? = nil) throws(InvalidOption) -> Double {
        try read(key, fallback, expecting: "a number", { if case .number(let x) = $0 { x } else { nil } },
                 record: TorchArgument.number)
    }

    /// A whole number (torch's `int`).
    public mutating func integer(_ key: String, default fallback: Int? = nil) throws(InvalidOption) -> Int {
        try read(key, fallback, expecting: "an integer", { if case .number(let x) = $0 { wholeNumber(x) } else { nil } },
                 record: { .number(Double($0)) })
    }

    /// A whole number or `None` (absent means `None`).
    public mutating func optionalInteger(_ key: String) throws(InvalidOption) -> Int? {
        try read(key, Int??.some(nil), expecting: "an integer or null", { argument -> Int?? in
            switch argument {
            case .none: .some(nil)
            case .number(let x): wholeNumber(x).map { .some($0) }
            default: nil
            }
        }, record: { $0.map { .number(Double($0)) } ?? TorchArgument.none })
    }

    /// A required list of whole numbers.
    public mutating func integers(_ key: String) throws(InvalidOption) -> [Int] {
        try read(key, nil, expecting: "a list of integers", { argument -> [Int]? in
            guard case .numbers(let xs) = argument else { return nil }
            let wholes = xs.compactMap(wholeNumber)
            return wholes.count == xs.count ? wholes : nil
        }, record: { .numbers($0.map(Double.init)) })
    }

    /// A boolean (`true`/`false`; `1` is not a flag), `fallback` when absent.
    public mutating func flag(_ key: String, default fallback: Bool) throws(InvalidOption) -> Bool {
        try read(key, fallback, expecting: "true or false", { if case .flag(let b) = $0 { b } else { nil } },
                 record: TorchArgument.flag)
    }

    /// A tuple of two numbers (`betas`, `etas`, `step_sizes`).
    public mutating func pair(
        _ key: String, default fallback: (Double, Double)
    ) throws(InvalidOption) -> (Double, Double) {
        try read(key, fallback, expecting: "a list of two numbers", { argument -> (Double, Double)? in
            guard case .numbers(let xs) = argument, xs.count == 2 else { return nil }
            return (xs[0], xs[1])
        }, record: { .numbers([$0.0, $0.1]) })
    }

    /// One of torch's strings for an option with a fixed set of values.
    public mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, default fallback: Choice
    ) throws(InvalidOption) -> Choice where Choice.RawValue == String {
        let names = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        return try read(key, fallback, expecting: "one of \(names)", { if case .text(let s) = $0 { Choice(rawValue: s) } else { nil } },
                        record: { .text($0.rawValue) })
    }

    /// A string among `names`, or `nil` when absent.
    public mutating func choiceText(_ key: String, among names: [String]) throws(InvalidOption) -> String? {
        let expected = "one of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        return try read(key, String??.some(nil), expecting: expected, { argument -> String?? in
            if case .text(let s) = argument, names.contains(s) { .some(s) } else { nil }
        }, record: { $0.map(TorchArgument.text) ?? TorchArgument.none })
    }

    /// torch's "float or list" per parameter group: replay's optimizers have
    /// one group, so a number or a one-element list.
    public mutating func perGroupNumber(_ key: String, default fallback: Double? = nil) throws(InvalidOption) -> Double {
        try read(key, fallback, expecting: "a number (or a list of one: the optimizer has one parameter group)", { argument in
            switch argument {
            case .number(let x): x
            case .numbers(let xs) where xs.count == 1: xs[0]
            default: nil
            }
        }, record: TorchArgument.number)
    }

    /// An option that only a Python function could fill: absent or null.
    public mutating func requireNone(_ key: String) throws(InvalidOption) {
        try read(key, (), expecting: "null (a Python function cannot come from a file)",
                 { if case .none = $0 { () } else { nil } }, record: { TorchArgument.none })
    }

    /// What `make` builds from the options it reads, once the options it did
    /// not read are refused (`finish`). The one construction path of both
    /// catalogs: an entry is its class's initializer with each argument read
    /// in place, in torch's order. As in torch, an unknown keyword argument
    /// is reported before a value the class refuses; an ill-typed or missing
    /// option is reported as soon as it is read.
    public mutating func build<T>(
        _ make: (inout TorchArguments) throws(InvalidOption) -> T
    ) throws(InvalidOption) -> T {
        let made: Result<T, InvalidOption>
        do {
            made = .success(try make(&self))
        } catch {
            if readFailed { throw error }
            made = .failure(error)
        }
        try finish()
        return try made.get()
    }

    /// Refuses the options that were not read, naming the first and the ones
    /// `owner` takes.
    public func finish() throws(InvalidOption) {
        guard let key = remaining.keys.sorted().first, let value = remaining[key] else { return }
        throw InvalidOption(
            option: key, value: value.description,
            reason: "\(owner) has no option \(key); its options are " + known.joined(separator: ", "))
    }
}
