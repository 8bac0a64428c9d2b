// swift-tools-version:6.0
import PackageDescription

// Data flows one way: notebook text -> Notebook values -> program (Runner) ->
// records the program writes (Records) -> outcome (Outcome) -> HTML
// (HTMLPages) -> files. Only `Notebook` sees cmark; `Optimizers` sees no files
// and no C. A notebook program links Optimizers, Records and Reporting and
// nothing else; every other module lives on the host side of the process
// boundary. ARCHITECTURE.md draws the map.

// Debug builds index no system module (issue 18; scripts/first-build
// --modules measures per module). SwiftPM indexes while it builds in
// debug, and into a fresh clone's empty index store every compile job that
// starts before another has finished writes the index of the standard
// library, Foundation and Glibc again: 1.1 s of Records' 2.3 s of CPU,
// 3.8 s of Optimizers' 10 s, 1.3 s of Runner's 4.3 s (one compile each,
// fresh store). The package's own files are still indexed, which costs next
// to nothing; SourceKit-LSP reads system modules' interfaces.
// (-no-emit-module-separately would save the job that emits each module's
// interface, Optimizers 5.1 -> 4.1 s CPU, but SwiftPM then starts dependent
// modules before the interface exists and the build fails.)
let debugBuild: [SwiftSetting] = [.unsafeFlags(["-index-ignore-system-modules"], .when(configuration: .debug))]

// The optimizers' elementwise loops are bound by vector square roots and
// divisions. On x86_64 they are compiled for AVX2, which does each of those
// on 8 float32 lanes in the time SSE2 takes for 4: measured on one core,
// NAdam float32 goes from ~700 to ~1,100 million elements/s in cache. No FMA
// is enabled, so no multiply-add is fused and results stay bit-exact. AVX2
// needs a 2013-or-later x86 CPU (Intel Haswell, AMD Zen or newer); set
// OPTNB_PORTABLE=1 when building to target baseline x86-64 instead.
let optimizersSettings: [SwiftSetting] = {
    // Debug: two compile jobs, one per core (see oneJobPerModule below); the
    // driver's default made three for its 56 files (at most 25 a job).
    let debug = debugBuild + [.unsafeFlags(["-driver-batch-count", "2"], .when(configuration: .debug))]
    #if arch(x86_64)
    if Context.environment["OPTNB_PORTABLE"] == nil {
        return [.unsafeFlags(["-Xcc", "-mavx2"])] + debug
    }
    #endif
    return debug
}()

// `swift package generate-documentation` (API docs for Optimizers and
// Reporting, see README) comes from swift-docc-plugin, added only when
// OPTNB_DOCS is set: as a dependency it is never built by `swift build`, but
// resolving it (cloning the plugin and swift-docc-symbolkit) made a fresh
// clone's first build 9 s slower (resolve 13.6 → 22.5 s, cold cache; 3.4 →
// 5.2 s warm), and the two README commands must not pay for docs.
let documentationPlugin: [Package.Dependency] =
    Context.environment["OPTNB_DOCS"] == nil
    ? [] : [.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0")]

// A fresh clone's first debug build (issue 18; scripts/first-build times
// it): each module but Optimizers is compiled by one frontend job instead of
// one per core. SwiftPM's debug default splits every module into as many
// batch jobs as there are cores, plus the job that emits its interface, and
// each of them loads the standard library and Foundation and reads the
// other files' declarations again; for optnb's small modules that repeated
// work was a large share of their CPU. Modules still build in parallel with
// each other, and an edit still recompiles only the files it affects.
// Optimizers, the largest module and the one the notebook modules wait
// for, keeps a batch per core, and so does optnb, the last module built,
// which nothing else runs beside. Release builds are whole-module already.
let oneJobPerModule: [SwiftSetting] =
    [.unsafeFlags(["-driver-batch-count", "1"], .when(configuration: .debug))] + debugBuild

let package = Package(
    name: "optnb",
    products: [
        .executable(name: "optnb", targets: ["optnb"]),
        // `optnb preview`'s server, its own product so that building optnb
        // (`swift run optnb render …`) never compiles the HTTP library.
        .executable(name: "optnb-preview", targets: ["OptnbPreview"]),
        .library(name: "Optimizers", targets: ["Optimizers"]),
        .library(name: "Sweeps", targets: ["Sweeps"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Preview's server: of the mirror's servers the cheapest to build, 17.7 s of
        // CPU against swift-nio's 67 s (hummingbird adds more on top of swift-nio);
        // scripts/server-build-cost measures them.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ] + documentationPlugin,
    targets: [
        // torch-exact optimizers, manual steps, Linear, data, RNG.
        .target(name: "Optimizers", swiftSettings: optimizersSettings),
        // The record types a notebook program writes and optnb decodes: both
        // sides of the process boundary use them, so they depend on nothing.
        .target(name: "Records", swiftSettings: oneJobPerModule),
        // The API notebook code calls (scalar, table, plot, compare, expect…):
        // linked into notebook programs only.
        .target(name: "Reporting", dependencies: ["Optimizers", "Records"], swiftSettings: oneJobPerModule),
        // Host side, at the bottom: what running a notebook gave, block by
        // block. Changing it never invalidates a cached notebook program.
        .target(name: "Outcome", dependencies: ["Records"], swiftSettings: oneJobPerModule),
        // Sweeps over seeds and hyperparameters on a pool of threads, with
        // the per-sweep cache and progress channel; notebook programs link it.
        .target(name: "Sweeps", dependencies: ["Optimizers", "Records", "Reporting"], swiftSettings: oneJobPerModule),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // TeX math to MathML Core at render time: pure Swift, no dependencies.
        .target(name: "TeXMath", swiftSettings: oneJobPerModule),
        .target(name: "Notebook", dependencies: ["CCmark", "TeXMath"], swiftSettings: oneJobPerModule),
        // SHA-256 for cache keys from OpenSSL's libcrypto, which every Linux
        // machine with Swift already has; Apple platforms use CryptoKit.
        // (swift-crypto compiled BoringSSL for it: ~42 s of a fresh build.)
        .systemLibrary(
            name: "CLibcrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The HTML pages: report, index, drift and agreement pages. Runs nothing.
        .target(name: "HTMLPages", dependencies: ["Notebook", "Records", "Outcome"], swiftSettings: oneJobPerModule),
        .target(
            name: "Runner",
            dependencies: [
                "Notebook", "Records", "Outcome",
                .target(name: "CLibcrypto", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: oneJobPerModule
        ),
        .target(name: "Replay", dependencies: ["Optimizers", "Records"], swiftSettings: oneJobPerModule),
        // Timing of the optimizers' steps for `optnb bench`: needs a clock and
        // JSON, which Optimizers keeps out of its API. Builds its optimizers
        // through Replay's torch catalog, as replay builds a recorded run's
        // (Replay adds only Records, which depends on nothing).
        .target(name: "Benchmarks", dependencies: ["Optimizers", "Replay"], swiftSettings: oneJobPerModule),
        // Results files, baselines and drift: what `optnb check` compares.
        .target(name: "Regression", dependencies: ["Records", "Outcome", "Notebook"], swiftSettings: oneJobPerModule),
        // Options two executables parse: `optnb preview`'s (optnb and
        // optnb-preview) and the one `--timeout` rule render shares with them.
        // ArgumentParser only, so optnb never builds the server to know them.
        .target(
            name: "CommandOptions",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: oneJobPerModule
        ),
        .executableTarget(
            name: "optnb",
            dependencies: [
                "Optimizers", "Records", "Outcome", "Notebook", "HTMLPages", "Runner", "CommandOptions",
                // Not imported: listed so that `swift run optnb` builds the
                // module notebook programs link against.
                "Reporting", "Sweeps", "Replay", "Regression", "Benchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: debugBuild + [.unsafeFlags(["-driver-batch-count", "2"], .when(configuration: .debug))]
        ),
        // Live preview: serves rendered reports on loopback, re-renders on
        // save (by running the optnb beside it), reloads the open page.
        .target(
            name: "Preview",
            dependencies: [
                "Notebook",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: debugBuild
        ),
        .executableTarget(
            name: "OptnbPreview",
            dependencies: [
                "Preview", "CommandOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: debugBuild
        ),
        // Seeded fuzz input the robustness tests share (the library's SplitMix64).
        .target(name: "TestSupport", dependencies: ["Optimizers"], path: "Tests/TestSupport", swiftSettings: debugBuild),
        // Runs the built executable: render and check end to end.
        .testTarget(name: "optnbTests", dependencies: ["optnb", "Notebook"], swiftSettings: debugBuild),
        // Reads the torch recordings through Replay, the one reader of their format.
        .testTarget(name: "OptimizersTests", dependencies: ["Optimizers", "Replay"], swiftSettings: debugBuild),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Records"], swiftSettings: debugBuild),
        .testTarget(name: "OutcomeTests", dependencies: ["Outcome", "Records"], swiftSettings: debugBuild),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "TestSupport"], swiftSettings: debugBuild),
        .testTarget(name: "TeXMathTests", dependencies: ["TeXMath", "Notebook", "TestSupport"], swiftSettings: debugBuild),
        .testTarget(name: "HTMLPagesTests", dependencies: ["HTMLPages", "Notebook", "Records", "Outcome", "Reporting", "Optimizers", "TestSupport"], swiftSettings: debugBuild),
        .testTarget(name: "RunnerTests", dependencies: ["Runner", "Notebook", "Records", "Outcome", "Reporting"], swiftSettings: debugBuild),
        .testTarget(name: "RegressionTests", dependencies: ["Regression", "Records", "Outcome", "Notebook"], swiftSettings: debugBuild),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "Optimizers"], swiftSettings: debugBuild),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "Optimizers", "Records", "Reporting"], swiftSettings: debugBuild),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "Optimizers"], swiftSettings: debugBuild),
        .testTarget(name: "PreviewTests", dependencies: ["Preview"], swiftSettings: debugBuild),
        .testTarget(name: "CommandOptionsTests", dependencies: ["CommandOptions"], swiftSettings: debugBuild),
    ]
)
