import Foundation
import Notebook
import Outcome
import Records

/// Turns what a run left behind (the results file, the per-block output
/// files, how the process ended) into a `NotebookOutcome`.
struct ProgramOutcome {
    var document: Document
    var program: NotebookProgram
    /// After a crash: the notebook line of the top-level code's frame when
    /// the last error on the main thread was thrown (`ThrowSite`), which is
    /// where an error that reached the top level came through.
    var thrownFrom: Int? = nil

    /// Every experiment block, not run: the starting point of every outcome.
    func notRun() -> NotebookOutcome {
        NotebookOutcome(blocks: document.experiments.map {
            BlockOutcome(index: $0.index, id: $0.id, status: .notRun)
        })
    }

    /// Blocks with diagnostics get `.compileError`; the rest did not run.
    func compileFailure(_ diagnostics: CompileDiagnostics) -> NotebookOutcome {
        var outcome = notRun()
        for i in outcome.blocks.indices {
            if let errors = diagnostics.errorsByBlock[outcome.blocks[i].index] {
                outcome.blocks[i].status = .compileError(errors)
            }
        }
        return outcome
    }

    /// `outcome` with each block's compiler warnings attached, whatever
    /// became of the block when the program ran: they are about its code.
    func withWarnings(_ outcome: NotebookOutcome,
                      from diagnostics: CompileDiagnostics) -> NotebookOutcome {
        var outcome = outcome
        for i in outcome.blocks.indices {
            outcome.blocks[i].compilerWarnings =
                diagnostics.warningsByBlock[outcome.blocks[i].index] ?? []
        }
        return outcome
    }

    /// The outcome of a program that ran and ended with `termination`;
    /// `backtrace`, when the backtracer wrote one, places a crash at the
    /// notebook line it happened on.
    func afterRun(records: [Record], termination: Termination, outputDirectory: String,
                  timeout: Duration, backtrace: CrashBacktrace? = nil) -> NotebookOutcome {
        var outcome = notRun()
        let position = Dictionary(uniqueKeysWithValues:
            outcome.blocks.enumerated().map { ($1.index, $0) })
        var running: Int?      // position of the block started and not ended
        var lastStarted: Int?
        for record in records {
            switch record {
            case .blockStart(let start):
                guard let p = position[start.index] else { running = nil; continue }
                running = p; lastStarted = p
                outcome.blocks[p].status = .ok
                outcome.blocks[p].stdout = read("\(outputDirectory)/\(start.index).stdout")
                outcome.blocks[p].stderr = cleanStandardError(
                    read("\(outputDirectory)/\(start.index).stderr"))
            case .blockEnd:
                running = nil
            default:
                if let running { outcome.blocks[running].records.append(relocated(record)) }
            }
        }
        if termination == .exited(0) && running == nil { return outcome }
        // Something went wrong: blame the block that was running, or, if the
        // program died between blocks, the last one that started.
        guard let p = running ?? lastStarted ?? program.spans.first.flatMap({ position[$0.index] })
        else { return outcome }
        let block = outcome.blocks[p]
        switch termination {
        case .timedOut:
            outcome.blocks[p].status = .timedOut(seconds: timeout.totalSeconds)
        case .signaled(let signal):
            let crash = crashReport(block: block, fenceLine: fenceLine(of: block.index),
                                    signal: signal, afterEnd: running == nil && lastStarted != nil,
                                    backtrace: backtrace)
            outcome.blocks[p].status = .failed(crash.diagnostic)
            outcome.blocks[p].crashLine = crash.line
        case .exited(let status):
            let message = status == 0
                ? "block '\(block.id)' ended the program before reaching its end (exit status 0)"
                : "block '\(block.id)' exited with status \(status)"
            outcome.blocks[p].status = .failed(Diagnostic(
                file: document.path, line: fenceLine(of: block.index), severity: .error,
                message: message + trapSummary(block.stderr)))
        }
        return outcome
    }

    /// Whether `outcome` may be reused for the same program: it ran to its
    /// end or did not compile. Time-outs and crashes are worth a fresh try.
    static func isCacheable(_ outcome: NotebookOutcome) -> Bool {
        outcome.blocks.allSatisfy {
            switch $0.status {
            case .ok, .notRun, .compileError: true
            case .failed, .timedOut: false
            }
        }
    }

    private func fenceLine(of index: Int) -> Int {
        document.experiments.first { $0.index == index }?.fenceLine ?? 0
    }

    private func read(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The Swift runtime names the notebook in trap messages by `#fileID`,
    /// `notebook/<file name>:LINE`; show the path the user knows instead.
    /// Its "Current stack trace" lists addresses that say nothing about the
    /// notebook and change on every run, so it is dropped, and so is the
    /// runtime's note that it started the backtracer (`*** Signal 4:
    /// Backtracing from 0x… done ***`, framed by blank lines): the report
    /// itself went to a file, and its notebook frames are in the message.
    func cleanStandardError(_ text: String) -> String {
        let fileName = program.locationFile.split(separator: "/").last.map(String.init)
            ?? program.locationFile
        var text = text.replacingOccurrences(
            of: "\(NotebookProgram.moduleName)/\(fileName):", with: "\(program.locationFile):")
        if program.locationFile != document.path {
            text = text.replacingOccurrences(of: program.locationFile, with: document.path)
        }
        var kept: [Substring] = []
        var inTrace = false
        var afterNotice = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "Current stack trace:" { inTrace = true; continue }
            if inTrace, let first = line.first, first.isNumber { continue }
            inTrace = false
            if Self.isBacktracerNotice(line) {
                if kept.last == "" { kept.removeLast() }
                afterNotice = true
                continue
            }
            if afterNotice && line.isEmpty { afterNotice = false; continue }
            afterNotice = false
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// A record with its source file shown as the notebook path (they differ
    /// only when the path needed escaping; see `NotebookProgram.locationFile`).
    private func relocated(_ record: Record) -> Record {
        guard program.locationFile != document.path else { return record }
        func fix(_ s: SourceLine?) -> SourceLine? {
            guard var s, s.file == program.locationFile else { return s }
            s.file = document.path
            return s
        }
        switch record {
        case .scalar(var v): v.source = fix(v.source); return .scalar(v)
        case .table(var v): v.source = fix(v.source); return .table(v)
        case .plot(var v): v.source = fix(v.source); return .plot(v)
        case .comparison(var v): v.source = fix(v.source); return .comparison(v)
        case .expectation(var v): v.source = fix(v.source); return .expectation(v)
        case .sweep(var v): v.source = fix(v.source); return .sweep(v)
        case .sweepPlot(var v): v.source = fix(v.source); return .sweepPlot(v)
        case .warning(var v): v.source = fix(v.source); return .warning(v)
        case .blockStart, .blockEnd: return record
        }
    }

    static func describe(signal: Int32) -> String {
        switch signal {
        case SIGILL: "illegal instruction: a Swift runtime trap"
        case SIGTRAP: "trace trap: a Swift runtime trap"
        case SIGABRT: "aborted"
        case SIGSEGV: "segmentation fault: a bad memory access, often a stack overflow"
        case SIGBUS: "bus error: a bad memory access"
        case SIGFPE: "arithmetic exception"
        case SIGKILL: "killed, perhaps for lack of memory"
        case SIGTERM: "terminated"
        case SIGPIPE: "broken pipe"
        default: strsignal(signal).map { String(cString: $0) } ?? "unknown signal"
        }
    }

    /// The records in a results file; lines that do not decode (at most the
    /// last, cut short by a crash) are skipped.
    /// The records in the results file, reading at most `limit` bytes of
    /// it (a cut last line is ignored), and the file's full size.
    static func readRecords(_ path: String, limit: Int = .max) -> (records: [Record], bytes: Int) {
        guard let file = FileHandle(forReadingAtPath: path) else { return ([], 0) }
        defer { try? file.close() }
        let size = Int((try? file.seekToEnd()) ?? 0)
        try? file.seek(toOffset: 0)
        guard let data = try? file.read(upToCount: min(size, limit)) else { return ([], size) }
        let decoder = Record.decoder()
        return (data.split(separator: 0x0A).compactMap {
            try? decoder.decode(Record.self, from: Data($0))
        }, size)
    }

    /// `outcome` with the last block that ran failed: the program wrote
    /// `bytes` of results, more than `limit`, around the results channel.
    func overflowingResults(_ outcome: NotebookOutcome, bytes: Int, limit: Int) -> NotebookOutcome {
        var outcome = outcome
        guard let p = outcome.blocks.lastIndex(where: { $0.status != .notRun }) ?? outcome.blocks.indices.first
        else { return outcome }
        outcome.blocks[p].status = .failed(Diagnostic(
            file: document.path, line: fenceLine(of: outcome.blocks[p].index), severity: .error,
            message: "the program wrote \(bytes) bytes of results, more than the limit of \(limit) "
                + "(optnb render --max-results); only the first \(limit) were read"))
        return outcome
    }
}
