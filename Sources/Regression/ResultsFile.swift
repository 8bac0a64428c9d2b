import Foundation
import Records

/// Every number a report shows, under stable keys, with the environment kept
/// apart: what `optnb render` writes as `<name>.results.json` and what a
/// committed baseline holds.
///
/// Keys are `block id / record name / …` (see `ResultsFile.init(outcome:)`),
/// so reordering blocks or adding one does not rename the others' numbers.
public struct ResultsFile: Codable, Equatable, Sendable {
    /// The format this version writes and reads.
    public static let format = "optnb-results/1"

    /// The file's format, `ResultsFile.format` for a file this version wrote.
    public var format: String
    /// The notebook's path as rendered, for messages.
    public var notebook: String
    /// optnb version, compiler version, platform: shown, never compared.
    public var environment: [String: String]
    /// Every reported number or series, by key (`block / record / …`).
    public var values: [String: ResultValue]
    /// Wall time of the notebook's last real compile and run, in seconds,
    /// written by `render` so `--shard` can balance shards by it. A timing:
    /// never compared, absent from baselines.
    public var seconds: Double?

    /// A file of the current format with no timing.
    public init(notebook: String, environment: [String: String], values: [String: ResultValue]) {
        self.format = Self.format
        self.notebook = notebook
        self.environment = environment
        self.values = values
    }
}

/// One reported number or series.
public struct ResultValue: Codable, Equatable, Sendable {
    /// A number or a series, written as `"value"` or `"series"`.
    public enum Content: Equatable, Sendable {
        /// One number.
        case number(Double)
        /// A curve or list of numbers, compared element by element.
        case series([Double])
    }
    /// The number or series.
    public var content: Content
    /// Wall times and the like: kept for the reader, never compared.
    public var volatile: Bool
    /// Notebook line that reported it, when known (for `--format github`).
    public var line: Int?
    /// The id of the block that reported it, whose tolerance applies; set
    /// when the value comes from an outcome. Not written to the file (the
    /// key starts with it), so nil for values read back from one.
    public var block: String?

    /// A value as given.
    public init(_ content: Content, volatile: Bool = false, line: Int? = nil, block: String? = nil) {
        self.content = content; self.volatile = volatile; self.line = line; self.block = block
    }

    private enum CodingKeys: String, CodingKey { case value, series, volatile, line }

    /// Reads `value` or `series` (one of them is required), `volatile` and `line`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let v = try c.decodeIfPresent(Double.self, forKey: .value) {
            content = .number(v)
        } else if let s = try c.decodeIfPresent([Double].self, forKey: .series) {
            content = .series(s)
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath, debugDescription: "a value needs \"value\" or \"series\""))
        }
        volatile = try c.decodeIfPresent(Bool.self, forKey: .volatile) ?? false
        line = try c.decodeIfPresent(Int.self, forKey: .line)
    }

    /// Writes `value` or `series`, `volatile` only when true, `line` when known; never `block`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch content {
        case .number(let v): try c.encode(v, forKey: .value)
        case .series(let s): try c.encode(s, forKey: .series)
        }
        if volatile { try c.encode(true, forKey: .volatile) }
        try c.encodeIfPresent(line, forKey: .line)
    }
}

/// A results or baseline file that could not be read, with the reason.
public struct ResultsFileError: Error, CustomStringConvertible, Sendable {
    /// The file's path as given.
    public var path: String
    /// Why it could not be read.
    public var reason: String
    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}

extension ResultsFile {
    /// Pretty, key-sorted JSON: baselines are committed, so diffs must read well.
    public func encoded() throws -> Data {
        let e = Record.encoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try e.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a results or baseline file; any defect is an error naming the file.
    public static func load(from url: URL) throws -> ResultsFile {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ResultsFileError(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let file: ResultsFile
        do { file = try Record.decoder().decode(ResultsFile.self, from: data) } catch let e as DecodingError {
            throw ResultsFileError(path: url.path, reason: "is not a valid results file: \(describe(e))")
        } catch {
            throw ResultsFileError(path: url.path, reason: "is not valid JSON (\(error.localizedDescription))")
        }
        guard file.format == format else {
            throw ResultsFileError(path: url.path, reason: "has format \"\(file.format)\"; expected \"\(format)\"")
        }
        return file
    }
}

/// A one-line account of a decoding failure: what was wrong, and where.
func describe(_ error: DecodingError) -> String {
    func path(_ p: [any CodingKey]) -> String {
        p.isEmpty ? "top level" : p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .dataCorrupted(let c):
        let under = (c.underlyingError as NSError?)?.localizedDescription
        return "\(c.debugDescription) at \(path(c.codingPath))" + (under.map { " (\($0))" } ?? "")
    case .keyNotFound(let k, let c): return "missing field \"\(k.stringValue)\" at \(path(c.codingPath))"
    case .typeMismatch(let t, let c): return "expected \(t) at \(path(c.codingPath))"
    case .valueNotFound(let t, let c): return "missing \(t) at \(path(c.codingPath))"
    @unknown default: return "\(error)"
    }
}
