import Testing
@testable import Sweeps
import Optimizers
import Reporting

/// A small minibatch study: 2 optimizers × 3 learning rates × 3 seeds of
/// Linear(4 → 1) on a seeded split, each returning a held-out loss, the
/// last batch loss and its loss curve.
private func study(threads: Int) throws -> SweepResult {
    try sweep("study", axes: [
        SweepAxis("optimizer", ["SGD", "Adam"]),
        .logGrid("lr", from: 1e-3, to: 1e-1, count: 3),
        .seeds(3),
    ], threads: threads) { p in
        let data = Dataset<Double>.scaledFeatures(samples: 96, scales: [0.1, 1, 3, 10], seed: p.seed("data"))
        let (train, heldOut) = data.split(heldOut: 32, seed: p.seed("split"))
        let model = Linear<Double>(inFeatures: 4, outFeatures: 1, seed: p.seed("init"))
        let optimizer: any Optimizer<Double> = p.label("optimizer") == "SGD"
            ? try SGD(model.parameters, lr: p.double("lr"), momentum: 0.9)
            : try Adam(model.parameters, lr: p.double("lr"))
        let losses = trainMinibatches(model, on: train, optimizer: optimizer, steps: 40, batchSize: 16,
                                      seed: p.seed("batches"))
        return SweepMetrics(["held-out loss": model.loss(on: heldOut), "last batch loss": losses.last!],
                            curve: losses)
    }
}

@Suite struct SweepDeterminismTests {
    @Test func resultsAreBitwiseEqualOnOneTwoAndThreeThreads() throws {
        let runs = try [1, 2, 3].map { try study(threads: $0) }
        let bits = runs.map { r in r.values.map { $0.map(\.bitPattern) } }
        let curves = runs.map { r in r.curves.map { $0!.map(\.bitPattern) } }
        #expect(bits[0] == bits[1] && bits[0] == bits[2])
        #expect(curves[0] == curves[1] && curves[0] == curves[2])
        #expect(runs[0].values.count == 18 && runs[0].metrics == ["held-out loss", "last batch loss"])
        // Some learning rate diverges for SGD with momentum on scale-10 features,
        // or none does; either way the finite values are not all the same.
        #expect(Set(runs[0].values.map { $0[0] }).count > 1)
    }

    @Test func aPointsSeedComesFromItsSeedCoordinateOnly() {
        let axes = [SweepAxis("optimizer", ["SGD", "Adam"]), SweepAxis("lr", [0.1, 0.01]), SweepAxis.seeds(2)]
        let points = (0..<8).map { SweepPoint(index: $0, axes: axes) }
        // Row-major: index 5 is optimizer 1, lr 0, seed 1.
        #expect(points[5].coordinates == [1, 0, 1] && points[5].description == "optimizer=Adam, lr=0.1, seed=1")
        // Common random numbers: every configuration sees the same seed per seed value.
        #expect(Set(points.filter { $0.coordinates[2] == 0 }.map(\.seed)).count == 1)
        #expect(points[0].seed != points[1].seed)
        #expect(points[0].seed("data") != points[0].seed("init"))
        // Without a seed axis, every coordinate feeds the seed.
        let plain = (0..<4).map { SweepPoint(index: $0, axes: Array(axes.prefix(2))).seed }
        #expect(Set(plain).count == 4)
    }

    @Test func logGridEndsAreExactAndLabelsDistinct() {
        let grid = SweepAxis.logGrid("lr", from: 1e-4, to: 1, count: 9)
        #expect(grid.numbers!.first == 1e-4 && grid.numbers!.last == 1 && grid.numbers![4] == 0.01)
        #expect(grid.labels == ["0.0001", "0.000316", "0.001", "0.00316", "0.01", "0.0316", "0.1", "0.316", "1"])
    }
}

@Suite struct SweepStatisticsTests {
    @Test func divergedRunsCountAsWorseThanEveryFiniteRun() {
        #expect(OrderStatistics.median([3, .nan, 1]) == 3)
        #expect(OrderStatistics.median([3, .nan, .infinity, 1]) == .infinity)
        #expect(OrderStatistics.median([1, 2, 3, 4]) == 2.5)
        let s = SweepResult.stats([1, 2, 3, 4, .nan], .interquartile)
        // numpy: percentile([1,2,3,4,inf], [25, 50, 75]) = 2, 3, 4.
        #expect(s.lower == 2 && s.median == 3 && s.upper == 4 && s.diverged == 1)
        #expect(SweepResult.stats([1, 2, .nan], .minMax).upper == .infinity)
    }

    @Test func bestSettingIsTheLowestMedianAndQueriesSelectPoints() throws {
        let r = try sweep("q", axes: [SweepAxis("lr", [0.1, 0.01]), .seeds(3)], threads: 1) { p in
            ["loss": p.double("lr") * 10 + Double(p.int("seed"))]
        }
        #expect(r.values("loss", where: ["lr": 0.1]) == [1, 2, 3])
        #expect(r.median("loss", where: ["lr": "0.01"]) == 1.1)
        let best = r.best("loss")
        #expect(best.setting == ["lr": "0.01"] && best.median == 1.1)
    }
}

@Suite struct SweepBadInputTests {
    private func error(_ run: () throws -> SweepResult) -> String {
        do { _ = try run(); return "no error" } catch { return "\(error)" }
    }

    @Test func emptyAxisRepeatedNameAndRepeatedValueAreRefusedAtTheCallLine() {
        let line = #line + 1
        let empty = error { try sweep("s", axes: [SweepAxis("lr", [Double]())]) { _ in ["x": 1] } }
        #expect(empty.hasSuffix(":\(line): error: sweep 's': axis 'lr' has no values"))
        let twice = error { try sweep("s", axes: [.seeds(2), .seeds(2)]) { _ in ["x": 1] } }
        #expect(twice.contains("axis name 'seed' is used twice"))
        let value = error { try sweep("s", axes: [SweepAxis("opt", ["a", "a"])]) { _ in ["x": 1] } }
        #expect(value.contains("axis 'opt' has the value a twice"))
        #expect(error { try sweep("s", axes: []) { _ in ["x": 1] } }.contains("at least one axis"))
    }

    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    @Test func aThrowingPointIsNamedByItsCoordinates() {
        let message = error {
            try sweep("s", axes: [SweepAxis("lr", [0.1, 1]), .seeds(3)], threads: 2) { p in
                if p.double("lr") == 1 && p.int("seed") == 2 { throw Boom() }
                return ["x": 1]
            }
        }
        #expect(message.contains("sweep 's': point lr=1, seed=2 threw: boom"))
    }

    @Test func aMetricSomePointsLackIsRefused() {
        let message = error {
            try sweep("s", axes: [.seeds(3)], threads: 3) { p in
                p.int("seed") == 1 ? ["x": 1] : ["x": 1, "y": 2]
            }
        }
        #expect(message.contains("point seed=1 lacks 'y', which point seed=0 returns"))
        let curves = error {
            try sweep("s", axes: [.seeds(2)], threads: 1) { p in
                SweepMetrics(["x": 1], curve: Array(repeating: 0.0, count: 3 + p.int("seed")))
            }
        }
        #expect(curves.contains("curves of one length"))
    }

    @Test func metricsInAnotherOrderAreReadByName() throws {
        let r = try sweep("s", axes: [.seeds(2)], threads: 1) { p in
            p.int("seed") == 0 ? ["a": 1, "b": 2] : ["b": 4, "a": 3]
        }
        #expect(r.values == [[1, 2], [3, 4]])
    }
}

/// One cache entry's path in a fresh folder, removed by `remove()`.
private struct ScratchEntry {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("optnb-sweep-cache-\(UInt64.random(in: 0...UInt64.max))")
    var path: String { directory.appendingPathComponent("k-0.sweep").path }
    var cache: SweepCache { SweepCache(path: path) }
    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct SweepCacheTests {
    @Test func anEntryReadsBackBitForBitAndAnotherShapeMisses() throws {
        let scratch = ScratchEntry(); defer { scratch.remove() }
        let cache = scratch.cache
        let axes = [SweepAxis("lr", [0.1, 1]), SweepAxis.seeds(2)]
        let payloadNaN = Double(bitPattern: 0x7ff8_0000_0000_1234)
        let entry = SweepCache.Entry(metrics: ["loss"], values: [[1], [payloadNaN], [.infinity], [-0.0]],
                                     curves: [[1, 2], [3, .nan], [5, 6], [7, 8]])
        #expect(cache.load(sweep: "s", axes: axes) == nil)
        cache.store(sweep: "s", axes: axes, entry)
        let back = try #require(cache.load(sweep: "s", axes: axes))
        #expect(back.values.map { $0.map(\.bitPattern) } == entry.values.map { $0.map(\.bitPattern) })
        #expect(back.curves.map { $0!.map(\.bitPattern) } == entry.curves.map { $0!.map(\.bitPattern) })
        #expect(cache.load(sweep: "other", axes: axes) == nil)
        #expect(cache.load(sweep: "s", axes: [SweepAxis("lr", [0.1, 1]), SweepAxis.seeds(3)]) == nil)
    }

    /// A value changed in place (same length, so the shape checks pass) is
    /// a miss: the sweep is recomputed rather than shown with the edit.
    @Test func anEntryEditedInPlaceMisses() throws {
        let scratch = ScratchEntry(); defer { scratch.remove() }
        let (path, cache) = (scratch.path, scratch.cache)
        let axes = [SweepAxis.seeds(2)]
        cache.store(sweep: "s", axes: axes, SweepCache.Entry(metrics: ["loss"], values: [[0.25], [0.5]], curves: [nil, nil]))
        #expect(cache.load(sweep: "s", axes: axes)?.values == [[0.25], [0.5]])
        var data = try #require(FileManager.default.contents(atPath: path))
        data[data.count - 1] ^= 0x01          // the last value's sign-and-exponent byte
        try data.write(to: URL(fileURLWithPath: path))
        #expect(cache.load(sweep: "s", axes: axes) == nil)
        // The header's own text is covered too: a renamed metric misses.
        cache.store(sweep: "s", axes: axes, SweepCache.Entry(metrics: ["loss"], values: [[0.25], [0.5]], curves: [nil, nil]))
        var renamed = try #require(FileManager.default.contents(atPath: path))
        let name = try #require(renamed.firstRange(of: Data("\"loss\"".utf8)))
        renamed[name.lowerBound + 4] = UInt8(ascii: "t")   // "loss" -> "lost", same length
        try renamed.write(to: URL(fileURLWithPath: path))
        #expect(cache.load(sweep: "s", axes: axes) == nil)
    }

    /// A damaged entry is said to be damaged once: it is removed, so the
    /// next look is a plain miss. Another sweep's entry and an older
    /// format's are plain misses, never damage.
    @Test func aDamagedEntryIsDamageOnceAndOtherEntriesAreMisses() throws {
        let scratch = ScratchEntry(); defer { scratch.remove() }
        let (path, cache) = (scratch.path, scratch.cache)
        let axes = [SweepAxis.seeds(2)]
        let entry = SweepCache.Entry(metrics: ["loss"], values: [[0.25], [0.5]], curves: [nil, [1, 2]])
        func kind(_ l: SweepCache.Lookup) -> String {
            switch l { case .hit: "hit"; case .miss: "miss"; case .damaged(let why): "damaged: \(why)" }
        }
        #expect(kind(cache.lookup(sweep: "s", axes: axes)) == "miss")
        cache.store(sweep: "s", axes: axes, entry)
        #expect(kind(cache.lookup(sweep: "other", axes: axes)) == "miss")
        #expect(kind(cache.lookup(sweep: "s", axes: [SweepAxis.seeds(3)])) == "miss")
        #expect(kind(cache.lookup(sweep: "s", axes: axes)) == "hit")

        let stored = try #require(FileManager.default.contents(atPath: path))
        var flipped = stored
        flipped[flipped.count - 1] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: path))
        #expect(kind(cache.lookup(sweep: "s", axes: axes)) == "damaged: its values do not match its checksum: edited")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(kind(cache.lookup(sweep: "s", axes: axes)) == "miss")

        try stored.prefix(stored.count - 8).write(to: URL(fileURLWithPath: path))
        #expect(kind(cache.lookup(sweep: "s", axes: axes)).hasPrefix("damaged: it holds 24 bytes of values where its header says 32"))
        try stored.prefix(20).write(to: URL(fileURLWithPath: path))
        #expect(kind(cache.lookup(sweep: "s", axes: axes)) == "damaged: its header does not read back: cut short or edited")

        // JSONEncoder writes "/" as "\\/".
        let newline = try #require(stored.firstIndex(of: 0x0A))
        let header = String(decoding: stored[..<newline], as: UTF8.self)
        try #require(header.contains(#""optnb-sweep\/2""#))
        let older = header.replacingOccurrences(of: #""optnb-sweep\/2""#, with: #""optnb-sweep\/1""#)
        try (Data(older.utf8) + stored[newline...]).write(to: URL(fileURLWithPath: path))
        #expect(kind(cache.lookup(sweep: "s", axes: axes)) == "miss")
    }

    /// A hit marks the entry used (its modification time, which `optnb
    /// cache prune` ages entries by).
    @Test func aHitMarksTheEntryUsed() throws {
        let scratch = ScratchEntry(); defer { scratch.remove() }
        let (path, cache) = (scratch.path, scratch.cache)
        let axes = [SweepAxis.seeds(2)]
        cache.store(sweep: "s", axes: axes, SweepCache.Entry(metrics: ["loss"], values: [[1], [2]], curves: [nil, nil]))
        let old = Date().addingTimeInterval(-30 * 86_400)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        func modified() throws -> Date {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        }
        _ = cache.lookup(sweep: "other", axes: axes)
        #expect(abs(try modified().timeIntervalSince(old)) < 1, "a miss is no use")
        #expect(cache.load(sweep: "s", axes: axes) != nil)
        #expect(Date().timeIntervalSince(try modified()) < 60)
    }
}

import Foundation
