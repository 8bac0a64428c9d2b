import ArgumentParser
import CommandOptions
import Foundation
import Notebook
import Regression
import Outcome
import Records
import Runner

/// `optnb render`: notebooks in, self-contained HTML reports out.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run notebooks and write their HTML reports.",
        discussion: """
            Each notebook's Swift blocks are compiled into one program, run, and the report is \
            written to OUTPUT/<name>.html with every reported number in OUTPUT/<name>.results.json. \
            A folder renders every .md file in it and writes OUTPUT/index.html. A notebook is a \
            program: its Swift blocks run with your permissions and can read, write and delete \
            any file you can and use the network. Render only notebooks you trust, or use \
            --sandbox. Exits with status 1 \
            when a notebook fails (bad Markdown, a compile error, a trap, a time-out or a failed \
            expectation) and 2 when the Swift toolchain is missing. Compiler warnings about a \
            notebook's code are printed after its progress line and shown in its report; they do \
            not change the exit status unless --warnings-as-errors is given.
            """
    )

    @Argument(help: "Notebook files (.md) or folders of them.")
    var paths: [String]

    @OptionGroup var settings: RenderSettings

    func validate() throws { try settings.validate() }

    func run() throws {
        installInterruptHandler()
        do {
            let failed = try renderAll(try NotebookInputs(paths), settings: settings)
            if failed > 0 { throw ExitCode.failure }
        } catch let failure as CommandFailure {
            printError("optnb render: \(failure.message)")
            throw ExitCode(failure.status)
        }
    }
}

/// Options that `render` and `check` share.
struct RenderSettings: ParsableArguments {
    @Option(name: .long, help: "Folder the reports are written to.")
    var output: String = "output"

    @Flag(name: .long, help: "Compile and run every notebook even when a cached result is valid.")
    var noCache = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(TimeoutOption.help))
    var timeout: Double = 120

    @Option(name: .long, parsing: .unconditional,
            help: "Bytes of each block's standard output, and of its standard error, kept in the report (default 1000000; the rest is dropped and the report says how much).")
    var maxOutput: Int = BoundedOutput.defaultLimit

    @Option(name: .long, parsing: .unconditional,
            help: "Bytes of records (numbers, tables, plots) a notebook's program may send, JSON-encoded (default 50000000); the record that would pass it stops the program at its line.")
    var maxResults: Int = RunnerConfiguration.defaultResultsLimit

    @Flag(name: .long, help: "Write a failing notebook's report anyway, with the failure shown in place; the exit status is still 1.")
    var keepGoing = false

    @Flag(name: .long, help: "Run each notebook's program in a bubblewrap sandbox: no network, the file system read-only except its own temporary folder, the home folder hidden. Fails if the sandbox cannot be set up.")
    var sandbox = false

    @Flag(name: .long, help: "Keep raw HTML from notebooks in reports (left out by default: only use it for notebooks you trust).")
    var unsafeHTML = false

    @Flag(name: .long, help: "Fail a notebook whose code draws a compiler warning, as if the warning were an error.")
    var warningsAsErrors = false

    @Option(name: .long, help: "The Swift compiler to build notebook programs with (default: $OPTNB_SWIFTC, else swiftc on PATH).")
    var swiftc: String?

    @Option(name: .long, help: "Threads each sweep runs its points on (default: cores ÷ jobs, at least 1, so jobs × threads ≤ cores); results are identical for every count.")
    var threads: Int?

    @Option(name: .long, help: "Render up to N notebooks at once (default: cores ÷ --threads if given, else one per core and at most one per notebook, so jobs × threads ≤ cores); output is the same as one at a time.")
    var jobs: Int?

    @Option(name: .long, help: "Render only shard I of N (e.g. 2/3) of the notebooks named, split the same way by every shard; writes no index (see optnb merge).")
    var shard: String?

    func validate() throws {
        try TimeoutOption.validate(timeout)
        guard maxOutput >= 1_000 else {
            throw ValidationError("--max-output must be at least 1000 bytes, got \(maxOutput).")
        }
        guard maxResults >= 10_000 else {
            throw ValidationError("--max-results must be at least 10000 bytes, got \(maxResults).")
        }
        guard !output.isEmpty else { throw ValidationError("--output needs a folder name.") }
        if let threads, threads < 1 {
            throw ValidationError("--threads must be a positive number of threads, got \(threads); leave it out for cores ÷ jobs.")
        }
        if let shard { _ = try Shard.parse(shard) }
        if let jobs, jobs < 1 {
            throw ValidationError("--jobs must be at least 1, got \(jobs); leave it out for one per core (cores ÷ --threads with --threads).")
        }
    }

    var renderer: Renderer { renderer(sandbox: nil) }

    /// The renderer, running programs in `sandbox` (found by `renderAll`
    /// when --sandbox is given) with `threads` per sweep (nil: --threads).
    func renderer(sandbox: Sandbox?, threads: Int? = nil) -> Renderer {
        Renderer(
            output: URL(fileURLWithPath: output),
            runner: {
                var runner = RunnerConfiguration(swiftc: swiftc, useCache: !noCache,
                                                 timeout: .milliseconds(Int64((timeout * 1000).rounded())))
                runner.outputLimit = maxOutput
                runner.resultsLimit = maxResults
                runner.sandbox = sandbox
                runner.threads = threads ?? self.threads
                return runner
            }(),
            unsafeHTML: unsafeHTML, warningsAsErrors: warningsAsErrors)
    }
}

/// Renders every input, printing a progress line per notebook on stderr.
/// Returns how many failed; stops at the first failure unless `keepGoing`.
/// `problem` also sees every error and warning printed, with its notebook
/// and level (for `optnb check --format github`).
@discardableResult
func renderAll(_ inputs: NotebookInputs, settings: RenderSettings,
               problem: (Diagnostic, _ notebook: String) -> Void = { _, _ in },
               after: (NotebookRender) throws -> Void = { _ in }) throws -> Int {
    var sandbox: Sandbox?
    if settings.sandbox {
        do { sandbox = try Sandbox.locate(environment: ProcessInfo.processInfo.environment) } catch let error as SandboxError {
            throw CommandFailure(error.message, status: 2)
        }
    }
    // Every notebook named, not only this shard's, in reading order: the
    // order of the render, of the shards' split and of the index.
    let reading = ReadingOrder(inputs)
    var ordered = inputs
    ordered.notebooks = reading.notebooks
    try ordered.refuseClashes(output: settings.renderer.output)
    let sharding = try settings.sharding(ordered, renderer: settings.renderer)
    let inputs = sharding?.inputs ?? ordered
    let parallelism = Parallelism(jobs: settings.jobs, threads: settings.threads,
                                  notebooks: inputs.notebooks.count)
    let renderer = {
        var renderer = settings.renderer(sandbox: sandbox, threads: parallelism.threads)
        renderer.order = reading
        return renderer
    }()
    var written: [NotebookRender] = []
    var failed = 0
    let clock = ContinuousClock()
    func report(_ d: Diagnostic, of notebook: String) {
        printError(d.text)
        problem(d, notebook)
    }
    // Each notebook's sweeps report to their own progress display, on the
    // thread that evaluates it; the display is finished before its verdict.
    let evaluate = { @Sendable (path: String) in
        let progress = SweepProgressDisplay(notebook: path)
        defer { progress.finish() }
        return try renderer.watchingSweeps(progress).evaluate(path)
    }
    let queue = startOrder(inputs.notebooks, jobs: parallelism.jobs,
                           seconds: parallelism.jobs > 1 ? previousSeconds(inputs.notebooks, renderer: renderer) : [:])
    try forEachEvaluated(queue, jobs: parallelism.jobs, evaluate: evaluate) {
        path, start, result in
        let render: NotebookRender
        do {
            render = try result.get()
        } catch let error as NotebookError {
            report(Diagnostic(file: error.path, line: error.position.line, column: error.position.column,
                              severity: .error, message: error.message), of: error.path)
            failed += 1
            return settings.keepGoing
        } catch let error as UnreadableNotebook {
            report(Diagnostic(file: error.path, severity: .error, message: error.reason), of: error.path)
            failed += 1
            return settings.keepGoing
        } catch let error as ToolchainError {
            throw CommandFailure(error.message, status: 2)
        } catch let error as RunnerIOError {
            throw CommandFailure(error.description, status: 2)
        }
        if let notice = render.run.cacheNotice {
            report(Diagnostic(file: nil, severity: .warning, message: notice), of: render.path)
        }
        for d in render.problems { report(d, of: render.path) }
        let writes = !render.failed || settings.keepGoing
        if writes { try renderer.write(render); written.append(render) }
        printError(progressLine(render, seconds: (clock.now - start).totalSeconds, wrote: writes,
                                report: renderer.reportURL(render.name).relativePath))
        // After the verdict: warnings never change it, so they follow it.
        // The program's warnings about the run (a damaged sweep cache
        // entry, recomputed) come last: they are about this machine's
        // cache, not the notebook, so the report does not show them.
        for warning in render.warnings + render.run.runWarnings { report(warning, of: render.path) }
        try after(render)
        if render.failed {
            failed += 1
            return settings.keepGoing
        }
        return true
    }
    // Finished in any order with --jobs; the index lists them in reading order.
    let order = Dictionary(inputs.notebooks.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    written.sort { order[$0.path, default: 0] < order[$1.path, default: 0] }
    if let sharding {
        try writeShardManifest(written, shard: sharding.shard, plan: sharding.plan, output: renderer.output)
    } else if inputs.writesIndex, !written.isEmpty {
        try renderer.writeIndex(written)
    }
    return failed
}

private func progressLine(_ r: NotebookRender, seconds: Double, wrote: Bool, report: String) -> String {
    let how = r.run.cacheHit
        ? "cached"
        : "compiled \(formatSeconds(r.run.compileSeconds)), ran \(formatSeconds(r.run.runSeconds))"
            + sweepNote(r.run.sweeps)
    let count = r.warnings.count
    let verdict = (r.failed ? "FAILED" : "ok")
        + (count == 0 ? "" : " with \(count) compiler warning\(count == 1 ? "" : "s")")
    let target = wrote ? " → \(report)" : " (report not written; --keep-going writes it)"
    return "\(r.path): \(verdict) in \(formatSeconds(seconds)) (\(how))\(target)"
}
