import Foundation
@testable import Optimizers
import Testing

/// `x.sum()` and `x.sum(0)` recorded from torch 2.15.0's CPU kernel
/// (Tests/Fixtures/torch-sum.json, from scripts/record_torch_sum.py: one
/// thread, ATEN_CPU_CAPABILITY=default), on matrices whose values span many
/// magnitudes, so the order of the additions shows in the last bits.
private struct RecordedSums: Decodable {
    struct Case: Decodable {
        let dtype: String
        let rows: Int
        let columns: Int
        let values: [String]
        let sum: String
        let columnSums: [String]

        enum CodingKeys: String, CodingKey {
            case dtype, rows, columns, values, sum
            case columnSums = "column_sums"
        }
    }

    let cases: [Case]

    static func load() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch-sum.json")
        return try JSONDecoder().decode(RecordedSums.self, from: Data(contentsOf: url)).cases
    }
}

private func check<S: OptimizerScalar, Bits: FixedWidthInteger>(
    _ c: RecordedSums.Case, _: S.Type, bits: Bits.Type, _ make: (Bits) -> S, _ pattern: (S) -> Bits
) throws -> (exact: Bool, plainDiffers: Bool) {
    let x = try c.values.map { try make(#require(Bits($0, radix: 16))) }
    let sum = try #require(Bits(c.sum, radix: 16))
    let columns = try c.columnSums.map { try #require(Bits($0, radix: 16)) }
    let got = x.withUnsafeBufferPointer(torchSum)
    let gotColumns = x.withUnsafeBufferPointer { torchColumnSums($0, rows: c.rows, columns: c.columns) }
    #expect(pattern(got) == sum, "\(c.dtype) \(c.rows)×\(c.columns): sum \(got), torch \(make(sum))")
    #expect(gotColumns.map(pattern) == columns, "\(c.dtype) \(c.rows)×\(c.columns): column sums")
    // A left-to-right sum, to show the recording tells the orders apart.
    let plain = x.reduce(0, +)
    return (pattern(got) == sum && gotColumns.map(pattern) == columns, pattern(plain) != sum)
}

@Suite("torch's order of additions in Tensor.sum")
struct TorchSumTests {
    @Test("torchSum and torchColumnSums give torch's bits for every recorded matrix, float32 and float64")
    func recorded() throws {
        let cases = try RecordedSums.load()
        #expect(cases.count == 16)
        var plainDiffers = 0
        for c in cases {
            let result =
                c.dtype == "float32"
                ? try check(c, Float.self, bits: UInt32.self, Float.init(bitPattern:), \.bitPattern)
                : try check(c, Double.self, bits: UInt64.self, Double.init(bitPattern:), \.bitPattern)
            if result.plainDiffers { plainDiffers += 1 }
        }
        // Summing left to right gives other bits for most of these matrices.
        #expect(plainDiffers >= cases.count / 2, "only \(plainDiffers) of \(cases.count) differ")
    }

    @Test("empty, single and signed-zero inputs: the sum is 0, the value, or +0 as torch's 0 + x gives")
    func edges() {
        #expect([Double]().withUnsafeBufferPointer(torchSum) == 0)
        #expect([2.5 as Float].withUnsafeBufferPointer(torchSum) == 2.5)
        #expect([-0.0 as Double].withUnsafeBufferPointer(torchSum).sign == .plus)
        #expect([Double.nan, 1].withUnsafeBufferPointer(torchSum).isNaN)
        #expect([1, 2, 3, 4, 5, 6].withUnsafeBufferPointer { torchColumnSums($0, rows: 2, columns: 3) } == [5, 7, 9] as [Double])
    }
}
