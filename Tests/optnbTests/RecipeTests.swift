import Foundation
import Testing

/// Issue 16 item 7: the README's recipes, run here as far as this machine
/// allows: each scheduler's index variable set as the scheduler would set
/// it, the recipe's own command lines run, the shards merged, and the site
/// compared with a single render.
@Suite(.serialized) struct RecipeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Four notebooks in `notebooks/`, rendered once as a single site in `single`.
    private func study(_ cli: CLI) throws {
        for (name, fixture) in [("a", "ok"), ("b", "compare"), ("c", "failed-expectation"), ("d", "warning")] {
            let path = try cli.notebook("\(fixture).md")
            try FileManager.default.moveItem(at: cli.scratch.appendingPathComponent(path),
                                             to: cli.scratch.appendingPathComponent("notebooks/\(name).md"))
        }
        // c's claim fails; drop it so every shard succeeds.
        try cli.write(try cli.read("notebooks/c.md").replacingOccurrences(of: "expect", with: "// expect"),
                      to: "notebooks/c.md")
        let single = try cli.run(["render", "notebooks/", "--output", "single"])
        #expect(single.status == 0, "\(single.stderr)")
    }

    /// The merged site is the single render's, except timings.
    private func expectSameSite(_ cli: CLI, _ merged: String) throws {
        let fm = FileManager.default
        func listing(_ folder: String) throws -> [String] {
            try fm.contentsOfDirectory(atPath: cli.scratch.appendingPathComponent(folder).path)
                .filter { !$0.hasPrefix(".") }.sorted()
        }
        let files = try listing("single")
        let mergedFiles = try listing(merged)
        #expect(files.count == 9 && mergedFiles == files, "\(merged): \(mergedFiles)")
        func body(_ s: String) -> Substring { s[..<(s.range(of: "<footer")?.lowerBound ?? s.endIndex)] }
        for file in files where file.hasSuffix(".html") {
            let a = try cli.read("single/\(file)"), b = try cli.read("\(merged)/\(file)")
            #expect(file == "index.html" ? a == b : body(a) == body(b), "\(merged)/\(file)")
        }
    }

    /// A shell with `optnb` on PATH, in the scratch folder, with `environment`.
    private func shell(_ cli: CLI, _ command: String, _ environment: [String: String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = cli.scratch
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = CLI.binDirectory.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["OPTNB_CACHE_DIR"] = cli.cache.path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The GitHub Actions matrix: the list is 1…N, each job runs
    /// `--shard ${{ matrix.shard }}/${{ strategy.job-total }}`, the merge job
    /// merges what the artifacts download into.
    @Test func githubActionsMatrix() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(".github/workflows/render-shards.yml"),
                              encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let matrixLine = try #require(lines.first { $0.hasPrefix("shard: [") })
        let shards = matrixLine.dropFirst("shard: [".count).dropLast()
            .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(shards == Array(1...shards.count), "the matrix values are the 1-based shard numbers")
        let render = try #require(lines.first { $0.hasPrefix("- run: swift run optnb render") })
        #expect(render.contains("--shard ${{ matrix.shard }}/${{ strategy.job-total }}"))
        let merge = try #require(lines.first { $0.hasPrefix("- run: swift run optnb merge") })
        let artifacts = try #require(lines.firstIndex { $0 == "pattern: shard-*" })
        #expect(lines[artifacts + 1] == "path: shards", "artifacts download into shards/shard-N")

        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        for shard in shards {
            let command = render.dropFirst("- run: swift run optnb ".count)
                .replacingOccurrences(of: "${{ matrix.shard }}", with: String(shard))
                .replacingOccurrences(of: "${{ strategy.job-total }}", with: String(shards.count))
            let r = try cli.run(command.split(separator: " ").map(String.init))
            #expect(r.status == 0, "\(command): \(r.stderr)")
            try FileManager.default.createDirectory(at: cli.scratch.appendingPathComponent("shards"),
                                                    withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: cli.scratch.appendingPathComponent("shard-\(shard)"),
                                             to: cli.scratch.appendingPathComponent("shards/shard-\(shard)"))
        }
        #expect(try shell(cli, "optnb " + merge.dropFirst("- run: swift run optnb ".count), [:]) == 0)
        try expectSameSite(cli, "site")
    }

    /// The Slurm array job: the script itself, once per task, with the
    /// variables Slurm sets; then the merge its comment gives.
    @Test func slurmArrayJob() throws {
        let script = Self.root.appendingPathComponent("scripts/recipes/slurm-render.sbatch")
        let text = try String(contentsOf: script, encoding: .utf8)
        let array = try #require(text.split(separator: "\n").first { $0.hasPrefix("#SBATCH --array=") })
        let bounds = array.dropFirst("#SBATCH --array=".count).split(separator: "-").compactMap { Int($0) }
        #expect(bounds.first == 1, "the task id is the 1-based shard")
        let tasks = try #require(bounds.last)
        let merge = try #require(text.range(of: "--wrap '")).upperBound
        let mergeCommand = String(text[merge...].prefix { $0 != "'" })

        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        for task in 1...tasks {
            let status = try shell(cli, "bash '\(script.path)'", [
                "SLURM_ARRAY_TASK_ID": String(task), "SLURM_ARRAY_TASK_COUNT": String(tasks),
                "SLURM_CPUS_PER_TASK": "1",
            ])
            #expect(status == 0, "task \(task)")
        }
        #expect(try shell(cli, mergeCommand, [:]) == 0, "\(mergeCommand)")
        try expectSameSite(cli, "site")
    }

    /// The Kubernetes indexed Job: its container's command, once per pod
    /// index, with the Job's environment; then the merge its comment gives.
    @Test func kubernetesIndexedJob() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("scripts/recipes/k8s-render-job.yaml"),
                              encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let completions = try #require(lines.first { $0.hasPrefix("completions: ") }.flatMap { Int($0.dropFirst(13)) })
        let shardsAt = try #require(lines.firstIndex { $0 == "- name: SHARDS" })
        #expect(lines[shardsAt + 1] == "value: \"\(completions)\"", "SHARDS equals completions")
        let argsLine = try #require(lines.first { $0.hasPrefix("args: [") })
        let args = try #require(try JSONSerialization.jsonObject(with: Data(argsLine.dropFirst(6).utf8)) as? [String])
        let mergeLine = try #require(lines.first { $0.contains("optnb merge /shared/") })
        let merge = String(mergeLine[mergeLine.range(of: "optnb merge")!.lowerBound...])
            .replacingOccurrences(of: "/shared", with: "$OUT")

        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        let out = cli.scratch.appendingPathComponent("shared").path
        for index in 0..<completions {
            let status = try shell(cli, try #require(args.first), [
                "JOB_COMPLETION_INDEX": String(index), "SHARDS": String(completions), "OUT": out,
            ])
            #expect(status == 0, "pod \(index)")
        }
        #expect(try shell(cli, merge, ["OUT": out]) == 0, "\(merge)")
        try expectSameSite(cli, "shared/site")
    }
}
