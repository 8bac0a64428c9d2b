import Foundation
import Testing

/// Issue 16 item 5: a cache shared by processes, damaged entries, and
/// `optnb cache prune`.
@Suite(.serialized) struct CacheCommandTests {
    /// Two renders share one cache folder: one rewrites the notebook's
    /// entry over and over (`--no-cache` still stores its fresh outcome)
    /// while the other reads it over and over. The reader must find a whole
    /// entry every time: never a miss, never a damaged entry.
    @Test func twoProcessesSharingACacheNeverSeeAHalfWrittenEntry() throws {
        let writer = try CLI(), reader = try CLI()
        defer { writer.remove(); reader.remove() }
        let nb = try writer.notebook("ok.md")
        _ = try reader.notebook("ok.md")
        let shared = ["OPTNB_CACHE_DIR": writer.cache.path]
        #expect(try writer.run(["render", nb]).status == 0)
        let loop = Process()
        loop.executableURL = URL(fileURLWithPath: "/bin/sh")
        loop.arguments = ["-c", "for i in 1 2 3 4; do \"$0\" render \"$1\" --no-cache >/dev/null 2>&1 || exit 1; done",
                          CLI.binDirectory.appendingPathComponent("optnb").path, nb]
        loop.currentDirectoryURL = writer.scratch
        var environment = ProcessInfo.processInfo.environment
        environment["OPTNB_CACHE_DIR"] = writer.cache.path
        loop.environment = environment
        try loop.run()
        var reads = 0
        while loop.isRunning || reads < 3 {
            let r = try reader.run(["render", nb], environment: shared)
            reads += 1
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("(cached)") && !r.stderr.contains("damaged"), "read \(reads): \(r.stderr)")
        }
        loop.waitUntilExit()
        #expect(loop.terminationStatus == 0, "the writer's renders succeed too")
    }

    /// A cache entry cut short by hand: one warning line, the notebook runs
    /// again, the report is written; the next render is a quiet hit.
    @Test func aTruncatedEntryIsReportedOnceAndRecomputed() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        #expect(try cli.run(["render", nb]).status == 0)
        let outcomes = cli.cache.appendingPathComponent("outcomes")
        let entries = try FileManager.default.contentsOfDirectory(atPath: outcomes.path)
        #expect(entries.count == 1)
        let entry = outcomes.appendingPathComponent(try #require(entries.first))
        let bytes = try Data(contentsOf: entry)
        try bytes.prefix(bytes.count - 40).write(to: entry)
        let damaged = try cli.run(["render", nb])
        #expect(damaged.status == 0, "\(damaged.stderr)")
        let warnings = damaged.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: the cache entry") }
        #expect(warnings.count == 1, "\(damaged.stderr)")
        #expect(warnings.first?.contains(entry.path) == true && damaged.stderr.contains("compiled"))
        let again = try cli.run(["render", nb])
        #expect(again.stderr.contains("(cached)") && !again.stderr.contains("warning"), "\(again.stderr)")
    }

    /// Lays out a cache with entries `age` hours old of `bytes` bytes each,
    /// plus a file optnb did not write.
    private func cache(_ cli: CLI, _ entries: [(name: String, hours: Double, bytes: Int)]) throws {
        for e in entries {
            let url = cli.cache.appendingPathComponent(e.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(repeating: 0x41, count: e.bytes).write(to: url)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-e.hours * 3600)], ofItemAtPath: url.path)
        }
        try Data("mine".utf8).write(to: cli.cache.appendingPathComponent("notes.txt"))
    }

    @Test func pruneByAgeRemovesWhatWasNotUsedSince() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cache(cli, [("outcomes/new.json", 1, 100), ("outcomes/old.json", 200, 100),
                        ("sweeps/old.sweep", 30, 100), ("swiftc/v.txt", 2, 10)])
        let r = try cli.run(["cache", "prune", "--older-than", "1d"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("removed 2 entries (200 bytes), kept 2 (110 bytes)"), "\(r.stdout)")
        #expect(cli.exists("cache/outcomes/new.json") && cli.exists("cache/swiftc/v.txt"))
        #expect(!cli.exists("cache/outcomes/old.json") && !cli.exists("cache/sweeps/old.sweep"))
        #expect(cli.exists("cache/notes.txt"), "only optnb's own entries are touched")
    }

    @Test func pruneBySizeKeepsTheMostRecentlyUsed() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cache(cli, [("outcomes/a.json", 1, 1000), ("outcomes/b.json", 2, 1000), ("sweeps/c.sweep", 3, 1000)])
        let dry = try cli.run(["cache", "prune", "--max-size", "2K", "--dry-run"])
        #expect(dry.stdout.contains("would remove \(cli.cache.path)/sweeps/c.sweep"), "\(dry.stdout)")
        #expect(cli.exists("cache/sweeps/c.sweep"), "a dry run removes nothing")
        let r = try cli.run(["cache", "prune", "--max-size", "2K"])
        #expect(r.stdout.contains("removed 1 entry (1000 bytes), kept 2 (2.0 KiB)"), "\(r.stdout)")
        #expect(!cli.exists("cache/sweeps/c.sweep") && cli.exists("cache/outcomes/b.json"))
        let all = try cli.run(["cache", "prune", "--max-size", "0"])
        #expect(all.stdout.contains("removed 2 entries"), "\(all.stdout)")
    }

    /// A render that takes an outcome from the cache marks it used, so
    /// pruning by age keeps what is still read.
    @Test func aCacheHitCountsAsUse() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        #expect(try cli.run(["render", nb]).status == 0)
        let outcomes = cli.cache.appendingPathComponent("outcomes")
        let entry = outcomes.appendingPathComponent(try #require(
            try FileManager.default.contentsOfDirectory(atPath: outcomes.path).first))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-10 * 86_400)],
                                              ofItemAtPath: entry.path)
        #expect(try cli.run(["render", nb]).stderr.contains("(cached)"))
        _ = try cli.run(["cache", "prune", "--older-than", "7d"])
        #expect(FileManager.default.fileExists(atPath: entry.path))
    }

    @Test(arguments: [
        ([], "Say what to keep: --max-size SIZE (e.g. 500M), --older-than DURATION (e.g. 7d), or both."),
        (["--max-size", "5X"], "--max-size takes a size such as 500M or 2G"),
        (["--max-size=-1G"], "--max-size takes a size such as 500M or 2G"),
        (["--older-than", "7"], "--older-than takes a duration such as 12h or 7d"),
        (["--older-than", "d"], "--older-than takes a duration such as 12h or 7d"),
    ])
    func badPruneOptionsSayWhatToDo(arguments: [String], message: String) throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["cache", "prune"] + arguments)
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func sizesAndDurationsAsPeopleWriteThem() throws {
        let cli = try CLI(); defer { cli.remove() }
        // 1.5M is 1,572,864 bytes: two 700,000-byte entries fit, three do not.
        try cache(cli, [("outcomes/a.json", 1, 700_000), ("outcomes/b.json", 2, 700_000),
                        ("outcomes/c.json", 3, 700_000)])
        let r = try cli.run(["cache", "prune", "--max-size", "1.5M", "--older-than", "2.5h"])
        #expect(r.stdout.contains("removed 1 entry"), "\(r.stdout)")
        #expect(cli.exists("cache/outcomes/b.json"))
        let again = try cli.run(["cache", "prune", "--older-than", "90m"])
        #expect(again.stdout.contains("removed 1 entry"), "b, 2 h old, is older than 90 minutes: \(again.stdout)")
    }

    /// A notebook with one sweep, `prose` extra lines above it; the sweep's
    /// call is on line 6 + 2 × prose.
    private func sweepNotebook(_ cli: CLI, prose: Int) throws -> String {
        try cli.write("""
            # Sweep
            \(String(repeating: "\nMore prose.\n", count: prose))
            A small grid.

            ```swift id=grid
            let g = try sweep("grid", axes: [SweepAxis("lr", [0.1, 1]), .seeds(2)]) { p in
                SweepMetrics(["loss": p.double("lr") + Double(p.int("seed"))])
            }
            scalar("points", Double(g.values.count))
            ```

            """, to: "notebooks/sweep.md")
        return "notebooks/sweep.md"
    }

    private func sweepEntry(_ cli: CLI) throws -> URL {
        let folder = cli.cache.appendingPathComponent("sweeps")
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sweep") }
        try #require(entries.count == 1, "\(entries)")
        return folder.appendingPathComponent(entries[0])
    }

    /// Issue 16: a damaged sweep entry is "detected, recomputed, reported
    /// once, never a crash". The program reports it on the results channel,
    /// optnb prints it once at the sweep's line, and the entry is replaced.
    @Test func aDamagedSweepEntryIsReportedOnceAtTheSweep() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try sweepNotebook(cli, prose: 0)
        let first = try cli.run(["render", nb])
        #expect(first.status == 0 && first.stderr.contains("1 computed"), "\(first.stderr)")
        let entry = try sweepEntry(cli)
        var bytes = try Data(contentsOf: entry)
        bytes[bytes.count - 1] ^= 0x01                    // a value's sign-and-exponent byte
        try bytes.write(to: entry)

        // Prose above moves the lines: the program runs again (its outcome
        // misses) and reads the sweep's entry.
        _ = try sweepNotebook(cli, prose: 1)
        let damaged = try cli.run(["render", nb])
        #expect(damaged.status == 0, "\(damaged.stderr)")
        let warnings = damaged.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings == ["\(nb):8: warning: sweep 'grid': its cache entry \(entry.path) was damaged "
                             + "(its values do not match its checksum: edited); it was removed and the sweep computed again"],
                "\(damaged.stderr)")
        #expect(damaged.stderr.contains("1 computed"), "\(damaged.stderr)")
        let results = try String(contentsOf: cli.scratch.appendingPathComponent("output/sweep.results.json"), encoding: .utf8)
        let html = try String(contentsOf: cli.scratch.appendingPathComponent("output/sweep.html"), encoding: .utf8)
        #expect(!results.contains("damaged") && !html.contains("damaged"), "said on the terminal, not kept")

        // Said once: the same text is a cached outcome; more prose runs the
        // program again, and the fresh entry is a hit.
        let again = try cli.run(["render", nb])
        #expect(again.stderr.contains("(cached)") && !again.stderr.contains("warning"), "\(again.stderr)")
        _ = try sweepNotebook(cli, prose: 2)
        let hit = try cli.run(["render", nb])
        #expect(hit.stderr.contains("1 cached") && !hit.stderr.contains("warning"), "\(hit.stderr)")
    }

    /// A sweep read from the cache marks its entry used, as an outcome hit
    /// does, so `prune --older-than` keeps a sweep that renders still read.
    @Test func aSweepCacheHitCountsAsUse() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try sweepNotebook(cli, prose: 0)
        #expect(try cli.run(["render", nb]).status == 0)
        let entry = try sweepEntry(cli)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-10 * 86_400)],
                                              ofItemAtPath: entry.path)
        _ = try sweepNotebook(cli, prose: 1)
        let hit = try cli.run(["render", nb])
        #expect(hit.stderr.contains("1 cached"), "\(hit.stderr)")
        let pruned = try cli.run(["cache", "prune", "--older-than", "7d"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(FileManager.default.fileExists(atPath: entry.path), "\(pruned.stdout)")
    }
}
