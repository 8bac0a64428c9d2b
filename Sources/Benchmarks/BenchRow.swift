import Foundation

/// The element type a benchmark runs its library optimizers on.
public enum BenchDType: String, CaseIterable, Sendable {
    /// `Float` and `Double`: torch's `float32` and `float64`.
    case float32, float64

    /// Bytes per scalar.
    public var bytes: Int { self == .float32 ? 4 : 8 }
}

/// Whose code a row measures: the library optimizer (`SGD`, `Adam`, …) or
/// the study's manual step function (`adamStep`, …).
public enum Implementation: String, Codable, Sendable, CaseIterable {
    /// `library`: the library optimizer's `step()`; `manual`: the study's
    /// hand-written step function, on `[Double]`, one thread.
    case library, manual
}

/// One measured (optimizer, implementation, dtype, size, threads) cell.
///
/// Times are per `step()`. Throughput is taken from the median:
/// `elementsPerSecond = size / medianSeconds`, and
/// `gbPerSecond = bytesPerElement · size / medianSeconds / 10⁹`, where
/// `bytesPerElement` is the traffic the update cannot avoid
/// (`BenchOptimizer.arraysMoved` × scalar size).
public struct BenchRow: Codable, Sendable, Equatable {
    /// The optimizer's command-line name (`"sgd-momentum"`).
    public let optimizer: String
    /// Library or manual.
    public let implementation: Implementation
    /// The scalar type's name (`"float32"`).
    public let dtype: String
    /// Elements in the tensor.
    public let size: Int
    /// Threads the step could use (1 for manual steps).
    public let threads: Int
    /// `"ieee"` or `"torch"` for a library optimizer that takes a square
    /// root; `nil` otherwise, and absent from the JSON.
    public let squareRoot: String?
    /// Timed samples; each sample times `stepsPerSample` consecutive steps.
    public let repetitions: Int
    /// Steps timed together in one sample, so that a sample lasts long enough to time.
    public let stepsPerSample: Int
    /// The fastest sample's seconds per step.
    public let minSeconds: Double
    /// The median sample's seconds per step.
    public let medianSeconds: Double
    /// The slowest sample's seconds per step.
    public let maxSeconds: Double
    /// `size / medianSeconds`.
    public let elementsPerSecond: Double
    /// Bytes one element's update must read and write (`BenchOptimizer.arraysMoved` × scalar size).
    public let bytesPerElement: Int
    /// `bytesPerElement · size / medianSeconds / 10⁹`.
    public let gbPerSecond: Double
    /// The one-thread row's median over this row's, when the same run
    /// measured one thread and another count (samples alternate between
    /// thread counts); `nil` otherwise, and absent from the JSON.
    public private(set) var speedupOverOneThread: Double?

    init(
        optimizer: BenchOptimizer, implementation: Implementation, dtype: BenchDType, size: Int,
        threads: Int, stepsPerSample: Int, secondsPerStep: [Double], squareRoot: BenchSquareRoot? = nil
    ) {
        let sorted = secondsPerStep.sorted()
        let median = Self.median(sorted)
        self.optimizer = optimizer.name
        self.implementation = implementation
        self.dtype = dtype.rawValue
        self.size = size
        self.threads = threads
        self.squareRoot = squareRoot?.rawValue
        self.repetitions = sorted.count
        self.stepsPerSample = stepsPerSample
        self.minSeconds = sorted.first ?? .nan
        self.medianSeconds = median
        self.maxSeconds = sorted.last ?? .nan
        self.elementsPerSecond = Double(size) / median
        self.bytesPerElement = optimizer.arraysMoved * dtype.bytes
        self.gbPerSecond = Double(bytesPerElement * size) / median / 1e9
    }

    /// This row with its speed-up over `oneThread`, a row of the same
    /// optimizer and size measured on one thread.
    func comparedWith(oneThread: BenchRow) -> BenchRow {
        var row = self
        row.speedupOverOneThread = oneThread.medianSeconds / medianSeconds
        return row
    }

    /// The middle value of sorted samples (mean of the two middle ones for
    /// an even count); NaN for none.
    static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

extension [BenchRow] {
    /// One JSON array, one object per row, snake_case keys
    /// (`median_seconds`, `elements_per_second`, …), keys sorted so the
    /// output is stable.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
