import ArgumentParser
import Benchmarks
import Optimizers

/// `optnb bench`: times one step of each optimizer, library and manual.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time optimizer steps on large tensors.",
        discussion: """
            For each optimizer and size: untimed warm-up steps, then timed samples; prints min, median \
            and max seconds per step, million elements per second and GB/s, where the bytes are \
            what the update must read and write (Adam float32: 28 per element). Manual rows are \
            the study's step functions, which run on [Double] only: they are always float64 and \
            one thread, whatever --dtype and --threads say. Build with -c release for meaningful \
            figures.
            """
    )

    @Option(
        name: .customLong("optimizer"),
        help: "An optimizer to time (repeatable; default: all of \(BenchOptimizer.knownNames)).")
    var optimizerNames: [String] = []

    @Option(name: .customLong("size"), help: "Elements in the tensor (repeatable; default: 1000, 100000, 10000000).")
    var sizes: [Int] = []

    @Option(help: "Element type of the library optimizers' tensors.")
    var dtype: BenchDType = .float32

    @Option(
        help: """
            Threads each library step may use (repeatable: samples alternate between the counts, \
            and with 1 among them each row shows its speed-up over 1 thread; default: every processor).
            """)
    var threads: [Int] = []

    @Option(
        name: .customLong("implementation"),
        help: "Which code to time (repeatable: library, manual; default: both).")
    var implementations: [Implementation] = []

    @Option(
        name: .customLong("square-root"),
        help: """
            The square root of the library optimizers that take one: ieee (correctly rounded, the default) \
            or torch (MKL's root on the recorded torch host, which replay uses for bit-exact results).
            """)
    var squareRoot: BenchSquareRoot = .ieee

    @Option(help: "Timed samples per optimizer, size and thread count, after untimed warm-up steps.")
    var repetitions: Int = 15

    @Flag(help: "Print one JSON array with one object per row instead of a table.")
    var json = false

    func validate() throws {
        for name in optimizerNames where BenchOptimizer(rawValue: name) == nil {
            throw ValidationError(
                "Unknown optimizer '\(name)'. Use one of: \(BenchOptimizer.knownNames).")
        }
        // The plan's own check; its messages start with the setting's name,
        // which is the option's name here.
        do { try plan.check() } catch { throw ValidationError("--" + error.description + ".") }
    }

    /// What the options ask for, with the defaults filled in.
    var plan: BenchPlan {
        var plan = BenchPlan(
            dtype: dtype, threads: threads.isEmpty ? [defaultOptimizerThreads] : threads,
            repetitions: repetitions,
            implementations: implementations.isEmpty ? Set(Implementation.allCases) : Set(implementations),
            squareRoot: squareRoot)
        if !optimizerNames.isEmpty { plan.optimizers = optimizerNames.compactMap(BenchOptimizer.init(rawValue:)) }
        if !sizes.isEmpty { plan.sizes = sizes }
        return plan
    }

    func run() throws {
        if json {
            print(try runBench(plan).json())
            return
        }
        print(BenchTable.header)
        _ = try runBench(plan) { print(BenchTable.line($0)) }
    }
}

extension BenchDType: ExpressibleByArgument {}
extension Implementation: ExpressibleByArgument {}
extension BenchSquareRoot: ExpressibleByArgument {}
