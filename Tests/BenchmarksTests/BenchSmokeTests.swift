@testable import Benchmarks
import Foundation
import Testing

@Suite("optnb bench logic")
struct BenchSmokeTests {
    @Test("a tiny run measures every optimizer, library and manual, with positive times")
    func tinyRun() throws {
        let plan = BenchPlan(sizes: [10], dtype: .float32, threads: [1], repetitions: 1)
        let rows = try runBench(plan)
        #expect(rows.count == 2 * BenchOptimizer.allCases.count)
        for optimizer in BenchOptimizer.allCases {
            let mine = rows.filter { $0.optimizer == optimizer.name }
            #expect(mine.map(\.implementation) == [.library, .manual], "\(optimizer.name)")
        }
        for row in rows {
            #expect(row.minSeconds > 0 && row.minSeconds <= row.medianSeconds && row.medianSeconds <= row.maxSeconds)
            #expect(row.repetitions == 1 && row.size == 10)
            // Identities of the definitions.
            #expect(abs(row.elementsPerSecond * row.medianSeconds - 10) <= 1e-9)
            #expect(abs(row.gbPerSecond * 1e9 * row.medianSeconds - Double(10 * row.bytesPerElement)) <= 1e-6)
        }
        // Manual rules run on [Double] on one thread.
        #expect(rows.filter { $0.implementation == .manual }.allSatisfy { $0.dtype == "float64" && $0.threads == 1 })
        #expect(rows.filter { $0.implementation == .library }.allSatisfy { $0.dtype == "float32" })
    }

    @Test("JSON is one array of objects with the documented keys")
    func json() throws {
        let plan = BenchPlan(optimizers: [.adam, .sgdMomentum], sizes: [7], dtype: .float64, threads: [2], repetitions: 2)
        let text = try runBench(plan).json()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 4)
        let keys: Set = [
            "optimizer", "implementation", "dtype", "size", "threads", "min_seconds", "median_seconds",
            "max_seconds", "elements_per_second", "gb_per_second", "bytes_per_element",
        ]
        for object in parsed {
            #expect(keys.isSubset(of: Set(object.keys)), "\(object.keys.sorted())")
            #expect((object["median_seconds"] as? Double ?? 0) > 0)
        }
        let first = try #require(parsed.first)
        #expect(first["optimizer"] as? String == "adam")
        #expect(first["implementation"] as? String == "library")
        #expect(first["dtype"] as? String == "float64")
        #expect(first["threads"] as? Int == 2)
        #expect(first["size"] as? Int == 7)
    }

    @Test("--square-root is recorded on the rows of optimizers that take a root, and only there")
    func squareRootRows() throws {
        let plan = BenchPlan(
            optimizers: [.adam, .sgd, .adagrad], sizes: [9], threads: [1], repetitions: 1,
            implementations: [.library, .manual], squareRoot: .torch)
        let rows = try runBench(plan)
        let library = rows.filter { $0.implementation == .library }
        #expect(library.map(\.optimizer) == ["adam", "sgd", "adagrad"])
        #expect(library.map(\.squareRoot) == ["torch", nil, "torch"])
        #expect(rows.filter { $0.implementation == .manual }.allSatisfy { $0.squareRoot == nil })
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(try rows.json().utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["square_root"] as? String } == rows.map(\.squareRoot))
        #expect(BenchOptimizer.allCases.filter(\.takesSquareRoot).map(\.name)
            == ["adagrad", "rmsprop", "adam", "adamw", "nadam", "radam", "adadelta"])
    }

    @Test("a plan with a size, thread count or repetition count that cannot run is refused, naming it")
    func refusals() {
        #expect(throws: InvalidBenchPlan(description: "size 0 is not a tensor size: give a positive number of elements")) {
            try runBench(BenchPlan(sizes: [10, 0]))
        }
        #expect(throws: InvalidBenchPlan(description: "threads -1 cannot run anything: give 1 or more")) {
            try runBench(BenchPlan(sizes: [10], threads: [1, -1]))
        }
        #expect(throws: InvalidBenchPlan(description: "no implementation given: give library, manual or both")) {
            try runBench(BenchPlan(sizes: [10], implementations: []))
        }
        #expect(throws: InvalidBenchPlan(description: "threads 2 is given twice: give each thread count once")) {
            try runBench(BenchPlan(sizes: [10], threads: [2, 1, 2]))
        }
        #expect(throws: InvalidBenchPlan(description: "no thread count given: give at least one, such as 1")) {
            try runBench(BenchPlan(sizes: [10], threads: []))
        }
        #expect(throws: InvalidBenchPlan(description: "repetitions 0 measures nothing: give 1 or more")) {
            try runBench(BenchPlan(sizes: [10], repetitions: 0))
        }
    }

    @Test("bytes per element: what each update must read and write")
    func bytes() {
        // Adam: reads θ, g, m, v and writes θ, m, v; 4 bytes each in float32.
        #expect(BenchOptimizer.adam.arraysMoved * BenchDType.float32.bytes == 28)
        // SGD with momentum: reads θ, g, b and writes θ, b; 8 bytes in float64.
        #expect(BenchOptimizer.sgdMomentum.arraysMoved * BenchDType.float64.bytes == 40)
        // Plain SGD: reads θ, g and writes θ.
        #expect(BenchOptimizer.sgd.arraysMoved == 3)
        // Rprop: reads θ, g, the previous g and the step sizes; writes all but g.
        #expect(BenchOptimizer.rprop.arraysMoved == 7)
        // ASGD before t0: reads θ, g; writes θ and the average (a copy of θ).
        #expect(BenchOptimizer.asgd.arraysMoved == 4)
    }

    @Test("several thread counts: one library row each, sharing the samples' schedule, with speed-ups over one thread")
    func threadCounts() throws {
        let plan = BenchPlan(optimizers: [.adam, .rprop], sizes: [3 * 65_536], threads: [2, 1], repetitions: 3)
        let rows = try runBench(plan)
        #expect(rows.map(\.threads) == [2, 1, 1, 2, 1, 1])
        #expect(rows.map(\.implementation) == [.library, .library, .manual, .library, .library, .manual])
        for row in rows where row.implementation == .library {
            let one = try #require(rows.first { $0.optimizer == row.optimizer && $0.threads == 1 })
            let speedup = try #require(row.speedupOverOneThread)
            // Identity: the ratio of the two medians; exactly 1 for the one-thread row itself.
            #expect(speedup == one.medianSeconds / row.medianSeconds)
            if row.threads == 1 { #expect(speedup == 1) }
        }
        #expect(rows.filter { $0.implementation == .manual }.allSatisfy { $0.speedupOverOneThread == nil })
        // Without a one-thread row there is nothing to compare with.
        let alone = try runBench(BenchPlan(optimizers: [.sgd], sizes: [10], threads: [2], repetitions: 1))
        #expect(alone.allSatisfy { $0.speedupOverOneThread == nil })
        #expect(try !alone.json().contains("speedup"))
        let oneOnly = try runBench(BenchPlan(optimizers: [.sgd], sizes: [10], threads: [1], repetitions: 1))
        #expect(oneOnly.allSatisfy { $0.speedupOverOneThread == nil })
        // Only the implementations asked for.
        let manualOnly = try runBench(BenchPlan(optimizers: [.sgd, .adam], sizes: [10], repetitions: 1, implementations: [.manual]))
        #expect(manualOnly.map(\.implementation) == [.manual, .manual])
        let libraryOnly = try runBench(BenchPlan(optimizers: [.sgd, .adam], sizes: [10], repetitions: 1, implementations: [.library]))
        #expect(libraryOnly.map(\.implementation) == [.library, .library])
    }

    @Test("the command-line names are the documented ones, in one list")
    func names() {
        #expect(
            BenchOptimizer.allCases.map(\.name)
                == [
                    "sgd", "sgd-momentum", "sgd-nesterov", "adagrad", "rmsprop", "adam", "adamw", "nadam",
                    "adamax", "radam", "adadelta", "rprop", "asgd",
                ])
        #expect(BenchOptimizer(rawValue: "Adam") == nil)
        #expect(BenchOptimizer.knownNames.hasPrefix("sgd, sgd-momentum, "))
    }

    @Test("table cells: fixed decimals and time units, by hand")
    func table() {
        #expect(BenchTable.fixed(1.25, digits: 1) == "1.3")
        #expect(BenchTable.fixed(0.05, digits: 2) == "0.05")
        #expect(BenchTable.fixed(-3, digits: 0) == "-3")
        #expect(BenchTable.duration(2.5e-3) == "2.50 ms")
        #expect(BenchTable.duration(1.5e-5) == "15.0 µs")
        #expect(BenchTable.duration(.nan) == "nan")
    }
}
