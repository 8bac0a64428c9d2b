/// Reads torch keyword arguments for one scheduler, checking each one's type
/// and remembering which names the scheduler takes, so that anything left
/// over is reported by name.
struct OptionReader {
    let scheduler: String
    private var remaining: [String: ScheduleOption]
    private var known: [String] = []

    init(scheduler: String, options: [String: ScheduleOption]) {
        self.scheduler = scheduler
        remaining = options
    }

    private mutating func take(_ key: String) -> ScheduleOption? {
        known.append(key)
        return remaining.removeValue(forKey: key)
    }

    /// A number; `fallback` is torch's default, `nil` when torch requires the option.
    mutating func number(_ key: String, default fallback: Double? = nil) throws(InvalidOption) -> Double {
        switch take(key) {
        case nil:
            guard let fallback else { throw missing(key) }
            return fallback
        case .number(let value): return value
        case let other?: throw mistyped(key, other, "a number")
        }
    }

    /// A whole number (torch's `int`).
    mutating func integer(_ key: String, default fallback: Int? = nil) throws(InvalidOption) -> Int {
        switch take(key) {
        case nil:
            guard let fallback else { throw missing(key) }
            return fallback
        case .number(let value):
            guard let whole = wholeNumber(value) else { throw mistyped(key, .number(value), "an integer") }
            return whole
        case let other?: throw mistyped(key, other, "an integer")
        }
    }

    /// A whole number or `None` (absent means `None`).
    mutating func optionalInteger(_ key: String) throws(InvalidOption) -> Int? {
        switch take(key) {
        case nil, .none?: return nil
        case .number(let value)?:
            guard let whole = wholeNumber(value) else { throw mistyped(key, .number(value), "an integer or null") }
            return whole
        case let other?: throw mistyped(key, other, "an integer or null")
        }
    }

    /// A required list of whole numbers.
    mutating func integers(_ key: String) throws(InvalidOption) -> [Int] {
        switch take(key) {
        case nil: throw missing(key)
        case .numbers(let values):
            var wholes: [Int] = []
            for value in values {
                guard let whole = wholeNumber(value) else { throw mistyped(key, .numbers(values), "a list of integers") }
                wholes.append(whole)
            }
            return wholes
        case let other?: throw mistyped(key, other, "a list of integers")
        }
    }

    mutating func flag(_ key: String, default fallback: Bool) throws(InvalidOption) -> Bool {
        switch take(key) {
        case nil: return fallback
        case .flag(let value): return value
        case let other?: throw mistyped(key, other, "true or false")
        }
    }

    /// One of torch's strings for an option with a fixed set of values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, default fallback: Choice
    ) throws(InvalidOption) -> Choice where Choice.RawValue == String {
        let names = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        switch take(key) {
        case nil: return fallback
        case .text(let name):
            guard let choice = Choice(rawValue: name) else {
                throw InvalidOption(option: key, value: "\"\(name)\"", reason: "unknown \(key); torch takes \(names)")
            }
            return choice
        case let other?: throw mistyped(key, other, "one of \(names)")
        }
    }

    /// A string among `names`, or `nil` when absent.
    mutating func choiceText(_ key: String, among names: [String]) throws(InvalidOption) -> String? {
        switch take(key) {
        case nil: return nil
        case .text(let name) where names.contains(name): return name
        case let other?: throw mistyped(key, other, "one of " + names.map { "\"\($0)\"" }.joined(separator: ", "))
        }
    }

    /// torch's "float or list" per parameter group: the probe optimizer has
    /// one group, so a number or a one-element list.
    mutating func perGroupNumber(_ key: String, default fallback: Double? = nil) throws(InvalidOption) -> Double {
        switch take(key) {
        case nil:
            guard let fallback else { throw missing(key) }
            return fallback
        case .number(let value)?: return value
        case .numbers(let values)? where values.count == 1: return values[0]
        case let other?: throw mistyped(key, other, "a number (or a list of one: the optimizer has one parameter group)")
        }
    }

    /// An option that only a Python function could fill: absent or null.
    mutating func requireNone(_ key: String) throws(InvalidOption) {
        switch take(key) {
        case nil, .none?: return
        case let other?: throw mistyped(key, other, "null (a Python function cannot come from a file)")
        }
    }

    /// torch's `last_epoch`, which only the default -1 (start afresh) may take.
    mutating func startAfresh() throws(InvalidOption) {
        guard let epoch = try optionalInteger("last_epoch"), epoch != -1 else { return }
        throw InvalidOption(
            option: "last_epoch", value: "\(epoch)",
            reason: "resuming a schedule is not supported; replay it from the start (last_epoch -1)")
    }

    /// Refuses options that `scheduler` does not take.
    func finish() throws(InvalidOption) {
        guard let key = remaining.keys.sorted().first, let value = remaining[key] else { return }
        throw InvalidOption(
            option: key, value: value.description,
            reason: "\(scheduler) has no option \(key); its options are " + known.joined(separator: ", "))
    }

    private func missing(_ key: String) -> InvalidOption {
        InvalidOption(option: key, value: "missing", reason: "\(scheduler) needs \(key)")
    }

    private func mistyped(_ key: String, _ value: ScheduleOption, _ expected: String) -> InvalidOption {
        InvalidOption(option: key, value: value.description, reason: "\(scheduler) takes \(expected) for \(key)")
    }
}

/// `value` as an `Int` when it is a whole number that a Double holds exactly.
func wholeNumber(_ value: Double) -> Int? {
    guard value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
    return Int(value)
}
