import ArgumentParser
import Foundation
import Replay

/// `optnb replay`: checks optnb's optimizers and schedulers against runs
/// recorded from torch.optim, one line per file.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay torch.optim trajectory and schedule files through optnb's optimizers and schedulers.",
        discussion: """
            Prints PASS or FAIL per file with the worst error and where it occurred, \
            then "N passed, N failed". Exits with status 1 if any file failed.
            """
    )

    @Argument(
        help: "Trajectory (optnb-trajectory/1) or schedule (optnb-schedule/1) JSON files, or folders searched for *.json files.")
    var paths: [String]

    func validate() throws {
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
        var passed = 0, failed = 0
        for file in files {
            let result = replayFile(at: file)
            print(result.line)
            if result.passed { passed += 1 } else { failed += 1 }
        }
        print("\(passed) passed, \(failed) failed")
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
