import ArgumentParser
import Foundation
import Notebook
import Outcome
import Regression
import HTMLPages
import Runner

/// `optnb check`: renders notebooks and compares every reported number with
/// the committed baseline.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fail when a rendered number drifts from its committed baseline.",
        discussion: """
            Renders each notebook (using the cache when valid), then compares its values with \
            baselines/<name>.json beside the notebook: |now − baseline| ≤ atol + rtol·|baseline|, \
            rtol 1e-9 and atol 1e-12 unless the notebook says otherwise (a block's rtol=/atol= \
            options, or <!-- optnb check rtol=… atol=… --> for the whole notebook). Timings are \
            never compared. Exits with status 1 on any drift, a missing baseline in CI, or a \
            failed render.
            """
    )

    @Argument(help: "Notebook files (.md) or folders of them.")
    var paths: [String] = ["notebooks"]

    @Flag(name: .long, help: "Write the new values as baselines after a deliberate change, listing what changed.")
    var update = false

    @Option(
        name: .long,
        help: "How results are printed: text; github for annotations at the notebook's line (render errors and warnings too); junit for JUnit XML on standard output (the render, each claim and each value a test case; the text goes to standard error).")
    var format: DriftFormat = .text

    @Option(name: .long, help: "Folder holding the baselines (default: a baselines folder beside each notebook).")
    var baselines: String?

    @OptionGroup var settings: RenderSettings

    func validate() throws { try settings.validate() }

    /// Human-readable lines: standard output, except with --format junit,
    /// where standard output is the XML alone.
    private func tell(_ text: String) {
        if format == .junit { printError(text) } else { say(text) }
    }

    func run() throws {
        installInterruptHandler()
        let inCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false
        var passed = 0, failed = 0
        // For --format junit: a suite per notebook, and the errors of those
        // whose render stopped before there was anything to compare.
        var suites: [JUnitSuite] = []
        var errors: [String: [Diagnostic]] = [:]
        let clock = ContinuousClock()
        var started = clock.now
        do {
            let inputs = try NotebookInputs(paths)
            let renderFailures = try renderAll(inputs, settings: settings, problem: { d, notebook in
                if d.severity == .error { errors[notebook, default: []].append(d) }
                guard format == .github else { return }
                tell(githubAnnotation(d, notebook: notebook, title: "optnb render"))
            }) { render in
                var suite = JUnitSuite(notebook: render.path)
                suite.cases.append(.render(notebook: render.path, errors: render.problems))
                for block in render.run.outcome.blocks {
                    for case .expectation(let e) in block.records { suite.cases.append(.claim(e)) }
                }
                defer {
                    suite.seconds = (clock.now - started).totalSeconds
                    started = clock.now
                    suites.append(suite)
                }
                if render.failed { return }
                if try compare(render, inCI: inCI, suite: &suite) { passed += 1 } else { failed += 1 }
            }
            failed += renderFailures
            // A notebook that could not be read or parsed has no render, only its errors.
            for notebook in inputs.notebooks where !suites.contains(where: { $0.notebook == notebook }) {
                guard let found = errors[notebook], !found.isEmpty else { continue }
                var suite = JUnitSuite(notebook: notebook)
                suite.cases.append(.render(notebook: notebook, errors: found))
                suites.append(suite)
            }
            // With --jobs, notebooks finish in any order; the suites follow
            // the notebooks' order, so the XML is the same on every run.
            let order = Dictionary(inputs.notebooks.enumerated().map { ($1, $0) },
                                   uniquingKeysWith: { first, _ in first })
            suites.sort { order[$0.notebook, default: .max] < order[$1.notebook, default: .max] }
        } catch let failure as CommandFailure {
            printError("optnb check: \(failure.message)")
            throw ExitCode(failure.status)
        }
        tell("\(passed) passed, \(failed) failed")
        if format == .junit { say(junitXML(suites), terminator: "") }
        if failed > 0 { throw ExitCode.failure }
    }

    /// Compares one rendered notebook with its baseline; true when it matches
    /// (or the baseline was written on purpose).
    private func compare(_ render: NotebookRender, inCI: Bool, suite: inout JUnitSuite) throws -> Bool {
        let url = baselineURL(for: render.path)
        let now = render.results
        let exists = FileManager.default.fileExists(atPath: url.path)
        if !exists {
            // In CI a missing baseline is a failure: creating it there would
            // make the check pass against whatever the run produced.
            if inCI && !update {
                let failure = "no baseline at \(url.relativePath); run `optnb check --update \(render.path)` and commit the file"
                tell("\(render.path): FAIL \(failure)")
                suite.cases.append(.baseline(failure: failure))
                return false
            }
            try writeAtomically(try now.encoded(), to: url)
            tell("\(render.path): created baseline \(url.relativePath) with \(now.values.count) values; commit it")
            return true
        }
        let baseline: ResultsFile
        do { baseline = try ResultsFile.load(from: url) } catch let error as ResultsFileError {
            if update {
                try writeAtomically(try now.encoded(), to: url)
                tell("\(render.path): replaced unreadable baseline (\(error.reason))")
                return true
            }
            let failure = "\(error.description); fix or delete it, or run optnb check --update"
            tell("\(render.path): FAIL \(failure)")
            suite.cases.append(.baseline(failure: failure))
            return false
        }
        let drifts = compareResults(baseline: baseline, now: now, tolerances: Tolerances(render.document))
        if update {
            if drifts.isEmpty && baseline.values.count == now.values.count {
                tell("\(render.path): baseline unchanged (\(now.values.count) values)")
            } else {
                try writeAtomically(try now.encoded(), to: url)
                tell("\(render.path): updated \(url.relativePath); \(drifts.count) values changed:")
                tell(formatDrift(drifts, notebook: render.path, format: .text))
            }
            return true
        }
        let compared = now.values.filter { !$0.value.volatile }.count
        let drifted = Dictionary(drifts.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for key in Set(baseline.values.keys).union(now.values.keys).sorted() {
            if let d = drifted[key] { suite.cases.append(.drift(d)); continue }
            guard let value = now.values[key], !value.volatile, baseline.values[key]?.volatile != true else { continue }
            suite.cases.append(.matched(key: key, line: value.line))
        }
        let driftPage = settings.renderer.output.appendingPathComponent("\(render.name).drift.html")
        guard !drifts.isEmpty else {
            // A drift page from an earlier failing check would now mislead.
            try? FileManager.default.removeItem(at: driftPage)
            tell("\(render.path): ok, \(compared) values match \(url.relativePath)")
            return true
        }
        let kinds = Dictionary(grouping: drifts, by: \.kind).mapValues(\.count)
        tell("\(render.path): FAIL \(drifts.count) of \(compared) values drifted "
              + "(\(kinds[.changed] ?? 0) changed, \(kinds[.missing] ?? 0) missing, \(kinds[.new] ?? 0) new)")
        tell(formatDrift(drifts, notebook: render.path, format: format))
        let page = renderDriftPage(
            notebook: render.path, title: render.document.title ?? render.name,
            reportHref: HTML.pathSegment(render.name + ".html"), items: drifts.map { driftItem($0, baseline, now) },
            options: ReportOptions(generationNote: generationNote(compilerVersion: render.run.compilerVersion)))
        try writeAtomically(Data(page.utf8), to: driftPage)
        tell("\(render.path): drift shown in \(driftPage.relativePath)")
        return false
    }

    /// A drift with the values behind it, for the drift page.
    private func driftItem(_ d: Drift, _ baseline: ResultsFile, _ now: ResultsFile) -> DriftItem {
        let b = baseline.values[d.key]?.content, n = now.values[d.key]?.content
        let values: DriftItem.Values
        switch (b, n) {
        case (.series(let x)?, .series(let y)?): values = .series(baseline: x, now: y)
        case (.series(let x)?, nil): values = .series(baseline: x, now: nil)
        case (nil, .series(let y)?): values = .series(baseline: nil, now: y)
        default: values = .numbers(baseline: d.baseline, now: d.now)
        }
        return DriftItem(key: d.key, kind: d.kind.rawValue, values: values, summary: sentence(d), line: d.line)
    }

    private func baselineURL(for notebook: String) -> URL {
        let name = NotebookInputs.reportName(notebook) + ".json"
        if let baselines { return URL(fileURLWithPath: baselines).appendingPathComponent(name) }
        return URL(fileURLWithPath: notebook).deletingLastPathComponent()
            .appendingPathComponent("baselines").appendingPathComponent(name)
    }
}

extension DriftFormat: ExpressibleByArgument {}
