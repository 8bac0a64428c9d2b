import Foundation
import Optimizers
import Testing

/// torch.sqrt's results recorded from torch 2.15.0 on an AMD host
/// (Tests/Fixtures/torch-sqrt.json: random inputs over the whole exponent
/// range of each dtype, [1, 4) densely, and zeros, subnormals, the largest
/// values, ±∞, NaN and a negative number), as hexadecimal bit patterns.
private struct RecordedRoots: Decodable {
    let float32: [[String]]
    let float64: [[String]]

    static func load() throws -> RecordedRoots {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/torch-sqrt.json")
        return try JSONDecoder().decode(RecordedRoots.self, from: Data(contentsOf: url))
    }
}

private func pairs<T: FixedWidthInteger>(_ rows: [[String]], as: T.Type) throws -> [(T, T)] {
    try rows.map { row in
        let input = try #require(T(row[0], radix: 16)), output = try #require(T(row[1], radix: 16))
        return (input, output)
    }
}

@Suite("torch's square root (MKL's, not IEEE's)")
struct TorchSqrtTests {
    @Test("Float.torchSqrt gives torch's float32 bits for every recorded input")
    func float32() throws {
        let rows = try pairs(RecordedRoots.load().float32, as: UInt32.self)
        #expect(rows.count > 4000)
        var differFromIEEE = 0
        for (input, output) in rows {
            let x = Float(bitPattern: input), expected = Float(bitPattern: output)
            let got = Float.torchSqrt(x)
            #expect(got.bitPattern == output || (got.isNaN && expected.isNaN), "sqrt(\(x)): \(got), torch \(expected)")
            if x.squareRoot().bitPattern != output && !expected.isNaN { differFromIEEE += 1 }
        }
        // The recording is worth checking: torch's root is not IEEE's in
        // about one float32 case in six.
        #expect(differFromIEEE > rows.count / 10)
    }

    @Test("Double.torchSqrt gives torch's float64 bits for every recorded input")
    func float64() throws {
        let rows = try pairs(RecordedRoots.load().float64, as: UInt64.self)
        #expect(rows.count > 4000)
        var differFromIEEE = 0
        for (input, output) in rows {
            let x = Double(bitPattern: input), expected = Double(bitPattern: output)
            let got = Double.torchSqrt(x)
            #expect(got.bitPattern == output || (got.isNaN && expected.isNaN), "sqrt(\(x)): \(got), torch \(expected)")
            if x.squareRoot().bitPattern != output && !expected.isNaN { differFromIEEE += 1 }
        }
        #expect(differFromIEEE > 10)
    }

    @Test("special inputs take the IEEE root: ±0 keep their sign, negatives give NaN, ∞ stays")
    func specials() {
        #expect(Float.torchSqrt(-0.0).bitPattern == (-0.0 as Float).bitPattern)
        #expect(Double.torchSqrt(0) == 0 && Double.torchSqrt(.infinity) == .infinity)
        #expect(Float.torchSqrt(-1).isNaN && Double.torchSqrt(-.leastNonzeroMagnitude).isNaN)
        #expect(Float.torchSqrt(.nan).isNaN && Double.torchSqrt(.greatestFiniteMagnitude) == Double.greatestFiniteMagnitude.squareRoot())
        // Exact squares the estimate's refinement lands on exactly.
        #expect(Float.torchSqrt(4) == 2 && Double.torchSqrt(1) == 1)
    }
}
