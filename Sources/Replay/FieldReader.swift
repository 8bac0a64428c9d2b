/// A JSON value with its path in the file, so every complaint names the
/// field (`steps[3].gradients[1]`) it is about.
struct Field {
    let value: JSONValue
    let path: String
    let file: String

    func fail(_ message: String) -> TrajectoryError {
        TrajectoryError(file: file, field: path.isEmpty ? nil : path, message: message)
    }

    private func mismatch(_ expected: String) -> TrajectoryError {
        fail("expected \(expected), found \(value.kind)")
    }

    func child(_ key: String, _ value: JSONValue) -> Field {
        Field(value: value, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    func number() throws(TrajectoryError) -> Double {
        guard case .number(let x) = value else { throw mismatch("a number") }
        return x
    }

    func finiteNumber() throws(TrajectoryError) -> Double {
        let x = try number()
        guard x.isFinite else { throw fail("expected a finite number, found \(x)") }
        return x
    }

    /// A non-negative integer written as a JSON number (`3` or `3.0`).
    func count() throws(TrajectoryError) -> Int {
        let x = try number()
        guard x >= 0, x <= 1e9, x == x.rounded() else {
            throw fail("expected a non-negative integer, found \(x)")
        }
        return Int(x)
    }

    func string() throws(TrajectoryError) -> String {
        guard case .string(let s) = value else { throw mismatch("a string") }
        return s
    }

    func bool() throws(TrajectoryError) -> Bool {
        guard case .bool(let b) = value else { throw mismatch("a boolean") }
        return b
    }

    func array() throws(TrajectoryError) -> [Field] {
        guard case .array(let items) = value else { throw mismatch("an array") }
        return items.enumerated().map { i, v in Field(value: v, path: "\(path)[\(i)]", file: file) }
    }

    /// An array of numbers with exactly `count` entries when given.
    func numbers(count expected: Int? = nil) throws(TrajectoryError) -> [Double] {
        guard case .array(let items) = value else { throw mismatch("an array of numbers") }
        if let expected, items.count != expected {
            throw fail("expected \(expected) number\(expected == 1 ? "" : "s"), found \(items.count)")
        }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .number(let x) = item else {
                throw Field(value: item, path: "\(path)[\(i)]", file: file).mismatch("a number")
            }
            out.append(x)
        }
        return out
    }

    /// The object's fields, refusing any key outside `allowed`.
    func object(allowed: Set<String>) throws(TrajectoryError) -> Object {
        guard case .object(let fields) = value else { throw mismatch("an object") }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw child(unknown, fields[unknown]!).fail(
                "unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
        return Object(field: self, fields: fields)
    }

    struct Object {
        let field: Field
        let fields: [String: JSONValue]

        func optional(_ key: String) -> Field? {
            fields[key].map { field.child(key, $0) }
        }

        func required(_ key: String) throws(TrajectoryError) -> Field {
            guard let f = optional(key) else { throw field.child(key, .null).fail("missing") }
            return f
        }
    }
}
