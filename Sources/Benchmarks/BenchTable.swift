/// A fixed-width text table of rows, for reading in a terminal.
public enum BenchTable {
    /// Column titles, aligned with `line(_:)`.
    public static let header = pad([
        "optimizer", "impl", "dtype", "size", "threads", "min", "median", "max", "Melem/s", "B/elem",
        "GB/s", "vs 1 thread",
    ])

    /// One row: times per step with a unit chosen per value, throughput from
    /// the median.
    public static func line(_ row: BenchRow) -> String {
        pad([
            row.optimizer, row.implementation.rawValue, row.dtype, "\(row.size)", "\(row.threads)",
            duration(row.minSeconds), duration(row.medianSeconds), duration(row.maxSeconds),
            fixed(row.elementsPerSecond / 1e6, digits: 1), "\(row.bytesPerElement)",
            fixed(row.gbPerSecond, digits: 2),
            row.speedupOverOneThread.map { fixed($0, digits: 2) + "×" } ?? "",
        ])
    }

    static let widths = [13, 8, 8, 9, 8, 10, 10, 10, 9, 7, 7, 12]

    static func pad(_ cells: [String]) -> String {
        zip(cells, widths).enumerated().map { i, pair in
            let (cell, width) = pair
            let fill = String(repeating: " ", count: max(0, width - cell.count))
            // Names read best left-aligned, numbers right-aligned.
            return i < 3 ? cell + fill : fill + cell
        }.joined(separator: " ")
    }

    /// Seconds as ns/µs/ms/s with three significant-ish digits.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds)" }
        if seconds < 1e-6 { return fixed(seconds * 1e9, digits: 1) + " ns" }
        if seconds < 1e-3 { return fixed(seconds * 1e6, digits: 1) + " µs" }
        if seconds < 1 { return fixed(seconds * 1e3, digits: 2) + " ms" }
        return fixed(seconds, digits: 3) + " s"
    }

    /// `value` with exactly `digits` decimals, without Foundation's
    /// `String(format:)`.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let (whole, fraction) = scaled.quotientAndRemainder(dividingBy: scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return sign + "\(whole)" }
        let fractionText = String(fraction)
        return sign + "\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
