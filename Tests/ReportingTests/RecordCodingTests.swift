import Foundation
import Testing
@testable import Reporting

@Suite("Records survive the results channel")
struct RecordCodingTests {
    static let specials: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.1, -Double.leastNormalMagnitude / 4, .greatestFiniteMagnitude]

    static let samples: [Record] = [
        .blockStart(BlockMarker(index: 2, id: "warm-up")),
        .blockEnd(BlockMarker(index: 2, id: "warm-up")),
        .scalar(ScalarValue(name: "loss", value: .nan, volatile: false,
                            source: SourceLine(file: "nb/x.md", line: 42))),
        .scalar(ScalarValue(name: "time", value: -.infinity, volatile: true)),
        .table(Table(name: "t", columns: ["name", "loss"],
                     rows: [["Adam", 0.5], [.text("line\nbreak \"q\""), .number(.infinity)]],
                     volatileColumns: ["loss"])),
        .plot(Plot(name: "p", title: "curves", yScale: .log,
                   series: [Series(label: "a", y: specials),
                            Series(label: "b", x: [1, 2], y: [.nan, -0.0])])),
        .plot(Plot(name: "path", title: "t", kind: .trajectory,
                   series: [Series(label: "gd", points: [(x: 1, y: 2), (x: .nan, y: 3)])],
                   contours: [Series(label: "1", x: [0, 1], y: [1, 0])])),
        .comparison(Comparison(name: "c", title: "c", libraryLabel: "SGD", manualLabel: "sgdStep",
                               steps: 2, libraryLoss: [1, .nan, .infinity],
                               manualLoss: [1, 0.5, -.infinity], maxAbsDifference: [0, .nan],
                               lossThreshold: nil, librarySecondsPerStep: 1e-7,
                               manualSecondsPerStep: 2e-7)),
        .expectation(Expectation(message: "m", passed: false, detail: "nan is not < 1")),
    ]

    /// Equality that treats NaN as equal to NaN and tells -0 from +0, which
    /// `==` on the records cannot.
    static func sameBits(_ a: Record, _ b: Record) throws -> Bool {
        // Re-encoding is exact for the strings; compare the numbers' bits.
        let ea = try String(decoding: Record.encoder().encode(a), as: UTF8.self)
        let eb = try String(decoding: Record.encoder().encode(b), as: UTF8.self)
        return ea == eb
    }

    @Test("every record kind round-trips through the encoder and decoder, NaN and ±inf included")
    func roundTrip() throws {
        for record in Self.samples {
            let data = try Record.encoder().encode(record)
            let back = try Record.decoder().decode(Record.self, from: data)
            #expect(try Self.sameBits(record, back))
            #expect(!data.contains(0x0A), "a record must fit on one line")
        }
    }

    @Test("special doubles keep their exact value, sign of zero included")
    func specialValues() throws {
        let record = Record.plot(Plot(name: "p", title: "", series: [Series(label: "s", y: Self.specials)]))
        let back = try Record.decoder().decode(Record.self, from: Record.encoder().encode(record))
        guard case .plot(let plot) = back else { Issue.record("decoded \(back)"); return }
        let y = plot.series[0].y
        #expect(y[0].isNaN)
        #expect(y[1] == .infinity && y[2] == -.infinity)
        #expect(y[3] == 0 && y[3].sign == .minus)
        #expect(y[4] == 0.1 && y[5] == -Double.leastNormalMagnitude / 4 && y[6] == .greatestFiniteMagnitude)
    }

    @Test("the channel writes one decodable line per record, in order")
    func channelWritesLines() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-channel-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let channel = ResultsChannel(path: path)
            #expect(channel.isConnected)
            for record in Self.samples { channel.send(record) }
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count == Self.samples.count)
        for (line, record) in zip(lines, Self.samples) {
            let back = try Record.decoder().decode(Record.self, from: Data(line.utf8))
            #expect(try Self.sameBits(back, record))
        }
    }

    @Test("without a results file, records are dropped and nothing fails")
    func unconnectedChannel() {
        let channel = ResultsChannel(path: nil)
        #expect(!channel.isConnected)
        channel.send(Self.samples[2])
        let unopenable = ResultsChannel(path: "/nonexistent-dir-optnb/results.jsonl")
        #expect(!unopenable.isConnected)
        unopenable.send(Self.samples[2])
    }

    @Test("cells can be written as literals and as mixed-type values")
    func cellLiterals() {
        let row: [Cell] = ["Adam", 0.125, 50]
        #expect(row == [.text("Adam"), .number(0.125), .number(50)])
        let name = "SGD"
        let steps = 7
        let loss: Float = 0.5
        let mixed: [any CellConvertible] = [name, steps, loss, Double.nan, name.dropFirst()]
        let cells = mixed.map(\.cell)
        #expect(cells[0] == .text("SGD") && cells[1] == .number(7) && cells[2] == .number(0.5))
        guard case .number(let n) = cells[3] else { Issue.record("NaN cell became \(cells[3])"); return }
        #expect(n.isNaN)
        #expect(cells[4] == .text("GD"))
    }
}
