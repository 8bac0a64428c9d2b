import ArgumentParser
import Foundation
import Replay
import HTMLPages

/// `optnb replay`: checks optnb's optimizers and schedulers against runs
/// recorded from torch.optim, one line per file.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay torch.optim trajectory and schedule files through optnb's optimizers and schedulers.",
        discussion: """
            Prints PASS or FAIL per file with the worst error and where it occurred, \
            then "N passed, N failed". Exits with status 1 if any file failed. With --html, \
            also writes the results as a self-contained page (`--html output/torch.html` puts it \
            beside the reports of `optnb render`), failed or not.
            """
    )

    @Argument(
        help: "Trajectory (optnb-trajectory/1) or schedule (optnb-schedule/1) JSON files, or folders searched for *.json files.")
    var paths: [String]

    @Option(name: .long, help: "Also write the results as a self-contained HTML page to this file.")
    var html: String?

    func validate() throws {
        if let html {
            // As the user wrote it, so the message names the folder they typed.
            let given = (html as NSString).deletingLastPathComponent
            let folder = given.isEmpty ? "." : given
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError(
                    "--html \(html): the folder \(folder) does not exist. Create it, or give a file in an existing folder.")
            }
            guard !html.hasSuffix("/"),
                  !FileManager.default.fileExists(atPath: html, isDirectory: &isDirectory) || !isDirectory.boolValue
            else { throw ValidationError("--html \(html) is a folder. Give the page's file name, e.g. \(html)/torch.html.") }
        }
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("No such file or folder: \(path). Give a trajectory or schedule .json file or a folder of them.")
            }
            guard !Self.trajectoryFiles(path).isEmpty else {
                throw ValidationError("The folder \(path) has no .json files. Give a folder of trajectory or schedule files.")
            }
        }
    }

    func run() throws {
        let files = paths.flatMap(Self.trajectoryFiles)
        var results: [ReplayResult] = []
        for file in files {
            let result = replayFile(at: file)
            print(result.line)
            results.append(result)
        }
        let failed = results.filter { !$0.passed }.count
        print("\(results.count - failed) passed, \(failed) failed")
        if let html {
            do {
                let page = renderAgreementPage(
                    results.map(agreementRow),
                    options: ReportOptions(generationNote: "Replayed by optnb \(optnbVersion) · \(platformName())",
                                           indexHref: nil))
                try writeAtomically(Data(page.utf8), to: URL(fileURLWithPath: html))
            } catch let failure as CommandFailure {
                printError("optnb replay: \(failure.message)")
                throw ExitCode(failure.status)
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }

    /// The path itself for a file; for a folder, its `*.json` files at any
    /// depth, sorted so the output is stable.
    static func trajectoryFiles(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return [path] }
        let base = URL(fileURLWithPath: path)
        let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        return found.filter { $0.hasSuffix(".json") }.sorted().map { base.appendingPathComponent($0).path }
    }
}

/// A result as the agreement page shows it.
func agreementRow(_ r: ReplayResult) -> AgreementRow {
    let recording = r.recording
    return AgreementRow(
        group: recording?.torchClass,
        file: r.file.map { URL(fileURLWithPath: $0).lastPathComponent } ?? r.name,
        dtype: recording?.dtype, steps: recording?.steps,
        rtol: recording?.tolerance?.rtol, atol: recording?.tolerance?.atol,
        worstError: r.worst?.error, worstRatio: r.worst?.ratio, location: r.worst?.location,
        passed: r.passed, note: r.message, source: recording?.source)
}
