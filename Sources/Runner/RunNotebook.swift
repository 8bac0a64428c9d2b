import Foundation
import Notebook
import Outcome
import Records

/// Compiles and runs the evaluated experiment blocks of `document` as one
/// program (see `NotebookProgram`), or reuses a cached outcome of the very
/// same program, library build and compiler.
///
/// Compile errors, traps, non-zero exits and time-outs are reported in the
/// outcome, block by block; the render decides what they mean. Warnings on
/// a block's code are kept with it (`BlockOutcome.compilerWarnings`) and, as
/// part of the outcome, cached with it.
///
/// - Throws: `ToolchainError` when swiftc or the built library is missing,
///   `RunnerIOError` when a file cannot be written or the program started.
public func runNotebook(_ document: Document,
                        configuration: RunnerConfiguration = RunnerConfiguration()) throws
    -> RunResult {
    var run = try NotebookRun(document: document, configuration: configuration)
    if run.program.spans.isEmpty { return run.result(run.assembler.notRun()) }
    if configuration.useCache {
        switch run.cache.lookup(run.key) {
        case .hit(let cached): return run.result(cached, hit: true)
        case .damaged(let notice): run.cacheNotice = notice
        case .absent: break
        }
    }

    let scratch = try TemporaryDirectory(prefix: "optnb-run")
    defer { scratch.remove() }
    let clock = ContinuousClock()
    let start = clock.now
    let executable = scratch.path + "/notebook"
    // A variable used before its block ran compiles, and reads as zero: a
    // second type-check finds it, beside the compile. It costs about half
    // a compile's CPU, which parallel jobs pay in wall time, so it runs only
    // when the syntactic scan cannot rule such a use out (the study: never).
    let code = run.portable.experiments.filter(\.eval).map(\.code).joined(separator: "\n")
    let orderCheck = DeclarationOrderScan.mayUseBeforeDeclaration(code)
        ? DeclarationOrder.start(run.program, compiler: run.compiler, library: run.library, flags: run.flags,
                                 scratch: scratch.path, environment: configuration.environment)
        : nil
    // The program and everything cached name the notebook by a placeholder
    // (`PortableNotebook`); `run.result` puts the path back.
    let portable = run.portable
    let compiled = try compile(run.program, notebookPath: portable.path, compiler: run.compiler,
                               library: run.library, flags: run.flags, scratch: scratch.path,
                               executable: executable, environment: configuration.environment)
    let misordered = try orderCheck?.wait() ?? ""
    let compileSeconds = (clock.now - start).totalSeconds
    guard compiled.status == .exited(0) else {
        let outcome = AuthoringNotes.annotate(run.assembler.compileFailure(compiled.diagnostics),
                                              document: portable)
        try run.cache.store(outcome, for: run.key)
        return run.result(outcome, compile: compileSeconds)
    }
    if !misordered.isEmpty {
        let outcome = run.assembler.compileFailure(CompileDiagnostics(
            output: misordered, program: run.program, mainFile: scratch.path + "/main.swift",
            scratch: scratch.path, notebookPath: portable.path))
        try run.cache.store(outcome, for: run.key)
        return run.result(outcome, compile: compileSeconds)
    }

    let (ran, runSeconds, sweeps, warnings) = try run.execute(executable, scratch: scratch.path)
    let outcome = run.assembler.withWarnings(ran, from: compiled.diagnostics)
    if ProgramOutcome.isCacheable(outcome) {
        try run.cache.store(outcome, for: run.key)
    }
    return run.result(outcome, compile: compileSeconds, run: runSeconds, sweeps: sweeps,
                      warnings: warnings)
}

/// One notebook on its way through `runNotebook`: its program, the tools and
/// library it is built with, and the cache key all of them decide.
private struct NotebookRun {
    /// The notebook as given: its folder is where the program runs.
    var document: Document
    /// The notebook as the program and the cache see it (`PortableNotebook`).
    var portable: Document
    var configuration: RunnerConfiguration
    var program: NotebookProgram
    var assembler: ProgramOutcome
    var compiler: Compiler
    var library: LibraryBuild
    var cache: Cache
    var flags: [String]
    var compilerVersion: String
    var key: String
    /// The files the notebook declares with `input("…")`, read before the run.
    var inputs: InputFiles
    /// Set when the cache held a damaged entry under `key` (see `Cache.lookup`).
    var cacheNotice: String?

    /// Finds the compiler and the built library and computes the key.
    init(document: Document, configuration: RunnerConfiguration) throws {
        self.document = document
        self.configuration = configuration
        portable = PortableNotebook.document(document)
        program = NotebookProgram(document: portable)
        assembler = ProgramOutcome(document: portable, program: program)
        compiler = try Compiler.locate(configured: configuration.swiftc,
                                       environment: configuration.environment)
        library = try LibraryBuild.locate(binDirectory: configuration.binDirectory)
        cache = Cache(root: Cache.directory(configured: configuration.cacheDirectory,
                                            environment: configuration.environment))
        flags = compileFlags(optimize: configuration.optimize)
        // Blocks with eval=false are not in the program but are in the outcome.
        let blockList = document.experiments.map { "\($0.index) \($0.id) \($0.eval)" }
            .joined(separator: "\n")
        compilerVersion = try compiler.version(cache: cache, refresh: !configuration.useCache)
        inputs = try InputFiles(document)
        key = Cache.key(
            program: [blockList, runSettings(configuration), inputs.keyMaterial(), program.source]
                .joined(separator: "\n"),
            libraryDigest: try library.digest(), compilerVersion: compilerVersion, flags: flags)
    }

    func result(_ outcome: NotebookOutcome, hit: Bool = false, compile: Double = 0,
                run: Double = 0, sweeps: [SweepSummary] = [], warnings: [RunWarning] = []) -> RunResult {
        RunResult(outcome: outcome.relocated(from: portable.path, to: document.path),
                  cacheHit: hit, compileSeconds: compile, runSeconds: run, cacheKey: key,
                  compilerVersion: compilerVersion, sweeps: sweeps, cacheNotice: cacheNotice,
                  runWarnings: warnings.map {
                      Diagnostic(file: $0.source.map { $0.file == portable.path ? document.path : $0.file },
                                 line: $0.source?.line, severity: .warning, message: $0.message)
                  })
    }

    /// Runs the built program with its results channel, per-block output
    /// files and backtracer set up in `scratch`, and assembles the outcome;
    /// `seconds` is the program's wall time alone.
    func execute(_ executable: String, scratch: String) throws
        -> (NotebookOutcome, seconds: Double, sweeps: [SweepSummary], warnings: [RunWarning]) {
        let results = scratch + "/results.jsonl"
        let outputDirectory = scratch + "/output"
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory,
                                                    withIntermediateDirectories: false)
        } catch {
            throw RunnerIOError(path: outputDirectory, reason: error.localizedDescription)
        }
        var environment = configuration.environment
        environment["OPTNB_RESULTS"] = results
        environment["OPTNB_RESULTS_LIMIT"] = String(configuration.resultsLimit)
        let throwSites = scratch + "/throws.txt"
        environment["OPTNB_THROWS"] = throwSites
        environment["OPTNB_BLOCK_OUTPUT"] = outputDirectory
        environment["OPTNB_INPUTS"] = try inputs.snapshot(in: scratch)
        // On a crash the backtracer writes the crashed thread's frames, with
        // notebook lines from the line tables, as JSON to a file of ours.
        let backtraceFile = scratch + "/backtrace.json"
        environment["SWIFT_BACKTRACE"] = CrashBacktrace.settings(
            merging: configuration.environment["SWIFT_BACKTRACE"], outputTo: backtraceFile)
        let progressFile = scratch + "/progress.jsonl"
        environment.merge(SweepHooks.environment(
            configuration: configuration, cacheRoot: cache.root, progressFile: progressFile,
            keys: SweepHooks.blockKeys(portable, libraryDigest: try library.digest(),
                                       compilerVersion: compilerVersion, flags: flags,
                                       inputs: inputs))) { $1 }

        // Each block's stdout and stderr are FIFOs drained into bounded
        // buffers (`BoundedOutput`); the program prints only inside blocks,
        // so what it could write outside them is not stored.
        let capture = try BoundedOutput(directory: outputDirectory, blocks: program.spans.map(\.index),
                                        limit: configuration.outputLimit)
        let folder = workingDirectory(for: document, configuration: configuration)
        var command = (executable: executable, arguments: [String]())
        if let sandbox = configuration.sandbox {
            environment["TMPDIR"] = scratch
            command = (sandbox.bwrap,
                       sandbox.arguments(scratch: scratch, readable: folder.map { [$0] } ?? [],
                                         workingDirectory: folder, environment: environment) + [executable])
        }
        let clock = ContinuousClock()
        let start = clock.now
        let watcher = ProgressWatcher(path: progressFile, report: configuration.progress)
        defer { watcher.stop() }
        let termination: Termination
        do {
            termination = try ChildProcess(
                executable: command.executable, arguments: command.arguments, environment: environment,
                workingDirectory: folder, standardOutput: "/dev/null", standardError: "/dev/null",
                timeout: configuration.timeout
            ).run()
        } catch {
            capture.finish()
            throw error
        }
        capture.finish()
        let seconds = (clock.now - start).totalSeconds
        watcher.stop()

        var backtrace: CrashBacktrace?
        let crashed = { if case .signaled = termination { true } else { false } }()
        if crashed { backtrace = CrashBacktrace.read(backtraceFile) }
        let (sent, resultBytes) = ProgramOutcome.readRecords(results, limit: configuration.resultsLimit)
        // Warnings about the run are said once, by the caller; they are
        // not the notebook's results, so no outcome (and no cache entry,
        // report or results file) keeps them.
        let warnings = sent.compactMap { if case .warning(let w) = $0 { w } else { nil } }
        let records = sent.filter { if case .warning = $0 { false } else { true } }
        var assembler = assembler
        if crashed {
            assembler.thrownFrom = ThrowSite.topLevelLine(
                recordedIn: throwSites, executable: executable, compiler: compiler.path,
                notebookPath: portable.path, scratch: scratch)
        }
        let outcome = assembler.afterRun(
            records: records, termination: termination,
            outputDirectory: outputDirectory, timeout: configuration.timeout, backtrace: backtrace)
            .noting(sweepCrash: sweepCrashNote(signaled: crashed, threadName: backtrace?.threadName,
                                               progressFile: progressFile, notebookPath: portable.path))
            .locatingTopLevelErrors(notebookPath: portable.path)
        // The channel traps before passing the limit, so a longer file was
        // written around it: fail rather than report what was not read.
        let bounded = resultBytes > configuration.resultsLimit
            ? assembler.overflowingResults(outcome, bytes: resultBytes, limit: configuration.resultsLimit)
            : outcome
        return (bounded, seconds, sweepSummaries(progressFile), warnings)
    }
}

/// Run settings that change an outcome, hence part of its cache key: the
/// output kept per block, whether the program ran sandboxed, and a results
/// limit other than the default (left out at the default so that adding the
/// option kept every cached outcome valid).
private func runSettings(_ configuration: RunnerConfiguration) -> String {
    let sandboxed = configuration.sandbox == nil ? "no" : "yes"
    return "max-output \(configuration.outputLimit)\nsandbox \(sandboxed)"
        + (configuration.resultsLimit == RunnerConfiguration.defaultResultsLimit
           ? "" : "\nmax-results \(configuration.resultsLimit)")
}

/// The flags every notebook program is compiled with.
///
/// Swift 5 mode: in Swift 6 mode main.swift's globals are main-actor
/// isolated, and a class a notebook declares could not read them.
/// -Onone: on a 2-core machine a 25-line block compiles in ~0.25 s at
/// -Onone and ~0.55 s at -O, link ~0.23 s either way. The library objects
/// are as SwiftPM built them, so only the notebook's own loops run slower
/// (its 2×2000-step compare: 0.14 s vs 0.02 s). llvm style: one header per
/// diagnostic plus the code line, without the default style's excerpt
/// numbered by main.swift lines. SwiftPM's debug objects (built with
/// -enable-testing) link as they are. -gline-tables-only: line tables and
/// nothing else of the debug info, so the crash backtracer can name the
/// notebook line of every frame (`CrashBacktrace`). Its cost is within the
/// run-to-run spread: swiftc on adamw.md's program 0.71 → 0.73 s, on
/// overview.md's 1.16 → 1.15 s (medians of 10 interleaved runs each).
func compileFlags(optimize: Bool) -> [String] {
    ["-swift-version", "5", optimize ? "-O" : "-Onone", "-gline-tables-only",
     "-module-name", NotebookProgram.moduleName, "-diagnostic-style", "llvm"]
}

/// Writes `program` to `<scratch>/main.swift` and compiles and links it into
/// `executable`, returning swiftc's exit, its raw output and that output
/// split by block.
func compile(_ program: NotebookProgram, notebookPath: String, compiler: Compiler,
             library: LibraryBuild, flags: [String], scratch: String, executable: String,
             environment: [String: String])
    throws -> (status: Termination, output: String, diagnostics: CompileDiagnostics) {
    let mainFile = scratch + "/main.swift"
    do {
        try Data(program.source.utf8).write(to: URL(fileURLWithPath: mainFile))
    } catch {
        throw RunnerIOError(path: mainFile, reason: error.localizedDescription)
    }
    let compiled = try compiler.capture(
        arguments: flags + ["-I", library.modulesDirectory, mainFile] + library.objects
            + ["-o", executable],
        environment: environment)
    let diagnostics = CompileDiagnostics(
        output: compiled.text, program: program, mainFile: mainFile, scratch: scratch,
        notebookPath: notebookPath)
    return (compiled.status, compiled.text, diagnostics)
}

/// The configured directory, else the notebook's folder if it exists, else
/// nil (the current directory).
private func workingDirectory(for document: Document,
                              configuration: RunnerConfiguration) -> String? {
    if let configured = configuration.workingDirectory { return configured.path }
    let folder = URL(fileURLWithPath: document.path).deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
          isDirectory.boolValue else { return nil }
    return folder
}
