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
    let program = NotebookProgram(document: document)
    let assembler = ProgramOutcome(document: document, program: program)
    let compiler = try Compiler.locate(configured: configuration.swiftc,
                                       environment: configuration.environment)
    let library = try LibraryBuild.locate(binDirectory: configuration.binDirectory)
    let cache = Cache(root: Cache.directory(configured: configuration.cacheDirectory,
                                            environment: configuration.environment))
    let flags = compileFlags(optimize: configuration.optimize)
    // Blocks with eval=false are not in the program but are in the outcome.
    let blockList = document.experiments.map { "\($0.index) \($0.id) \($0.eval)" }
        .joined(separator: "\n")
    let compilerVersion = try compiler.version(cache: cache, refresh: !configuration.useCache)
    let key = Cache.key(
        program: [blockList, runSettings(configuration), program.source].joined(separator: "\n"), libraryDigest: try library.digest(),
        compilerVersion: compilerVersion, flags: flags)

    func result(_ outcome: NotebookOutcome, hit: Bool = false, compile: Double = 0,
                run: Double = 0) -> RunResult {
        RunResult(outcome: outcome, cacheHit: hit, compileSeconds: compile, runSeconds: run,
                  cacheKey: key, compilerVersion: compilerVersion)
    }
    if program.spans.isEmpty { return result(assembler.notRun()) }
    if configuration.useCache, let cached = cache.outcome(key) {
        return result(cached, hit: true)
    }

    let scratch = try TemporaryDirectory(prefix: "optnb-run")
    defer { scratch.remove() }
    let executable = scratch.path + "/notebook"
    let clock = ContinuousClock()
    var start = clock.now
    let compiled = try compile(program, notebookPath: document.path, compiler: compiler,
                               library: library, flags: flags, scratch: scratch.path,
                               executable: executable, environment: configuration.environment)
    var compileSeconds = (clock.now - start).totalSeconds
    guard compiled.status == .exited(0) else {
        let outcome = assembler.compileFailure(compiled.diagnostics)
        try cache.store(outcome, for: key)
        return result(outcome, compile: compileSeconds)
    }
    // A variable used before its block ran compiles, and reads as zero.
    let misordered = try DeclarationOrder.check(
        program, compiler: compiler, library: library, flags: flags, scratch: scratch.path,
        environment: configuration.environment)
    compileSeconds = (clock.now - start).totalSeconds
    if !misordered.isEmpty {
        let outcome = assembler.compileFailure(CompileDiagnostics(
            output: misordered, program: program, mainFile: scratch.path + "/main.swift",
            scratch: scratch.path, notebookPath: document.path))
        try cache.store(outcome, for: key)
        return result(outcome, compile: compileSeconds)
    }

    let results = scratch.path + "/results.jsonl"
    let outputDirectory = scratch.path + "/output"
    do {
        try FileManager.default.createDirectory(atPath: outputDirectory,
                                                withIntermediateDirectories: false)
    } catch {
        throw RunnerIOError(path: outputDirectory, reason: error.localizedDescription)
    }
    var environment = configuration.environment
    environment["OPTNB_RESULTS"] = results
    environment["OPTNB_BLOCK_OUTPUT"] = outputDirectory
    // On a crash the backtracer writes the crashed thread's frames, with
    // notebook lines from the line tables, as JSON to a file of ours.
    let backtraceFile = scratch.path + "/backtrace.json"
    environment["SWIFT_BACKTRACE"] = CrashBacktrace.settings(
        merging: configuration.environment["SWIFT_BACKTRACE"], outputTo: backtraceFile)

    let capture = try BoundedOutput(directory: outputDirectory, blocks: program.spans.map(\.index),
                                    limit: configuration.outputLimit)
    start = clock.now
    // The program prints only inside blocks, into the FIFOs above; what
    // little it could write outside them is not shown, so not stored.
    let termination: Termination
    let folder = workingDirectory(for: document, configuration: configuration)
    var command = (executable: executable, arguments: [String]())
    if let sandbox = configuration.sandbox {
        environment["TMPDIR"] = scratch.path
        command = (sandbox.bwrap,
                   sandbox.arguments(scratch: scratch.path, readable: folder.map { [$0] } ?? [],
                                     workingDirectory: folder, environment: environment) + [executable])
    }
    do {
        termination = try ChildProcess(
            executable: command.executable, arguments: command.arguments, environment: environment,
            workingDirectory: folder,
            standardOutput: "/dev/null", standardError: "/dev/null",
            timeout: configuration.timeout
        ).run()
    } catch {
        capture.finish()
        throw error
    }
    capture.finish()
    let runSeconds = (clock.now - start).totalSeconds

    var backtrace: CrashBacktrace?
    if case .signaled = termination { backtrace = CrashBacktrace.read(backtraceFile) }
    let outcome = assembler.withWarnings(assembler.afterRun(
        records: ProgramOutcome.readRecords(results), termination: termination,
        outputDirectory: outputDirectory, timeout: configuration.timeout, backtrace: backtrace),
        from: compiled.diagnostics)
    if ProgramOutcome.isCacheable(outcome) {
        try cache.store(outcome, for: key)
    }
    return result(outcome, compile: compileSeconds, run: runSeconds)
}

/// Run settings that change an outcome, hence part of its cache key: the
/// output kept per block, and whether the program ran sandboxed.
private func runSettings(_ configuration: RunnerConfiguration) -> String {
    let sandboxed = configuration.sandbox == nil ? "no" : "yes"
    return "max-output \(configuration.outputLimit)\nsandbox \(sandboxed)"
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
