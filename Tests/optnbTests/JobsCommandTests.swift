import Foundation
import Testing

/// `render --jobs N`: several notebooks at once, the same site as one at a time.
@Suite(.serialized) struct JobsCommandTests {
    /// a, c: ok.md; b: compare.md; d: warning.md; e: trap.md (fails).
    private func study(_ cli: CLI) throws {
        for (name, fixture) in [("a", "ok"), ("b", "compare"), ("c", "ok"), ("d", "warning"), ("e", "trap")] {
            let path = try cli.notebook("\(fixture).md")
            try FileManager.default.moveItem(at: cli.scratch.appendingPathComponent(path),
                                             to: cli.scratch.appendingPathComponent("notebooks/\(name).md"))
        }
    }

    /// A results file without what a run measures: the recorded duration and
    /// the values marked volatile (wall times).
    private func measuredLeftOut(_ text: String) throws -> NSDictionary {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        json["seconds"] = nil
        let values = try #require(json["values"] as? [String: [String: Any]])
        json["values"] = values.filter { $0.value["volatile"] as? Bool != true }
        return json as NSDictionary
    }

    @Test func parallelRenderEqualsSerialExceptTimings() throws {
        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        let serial = try cli.run(["render", "notebooks", "--keep-going", "--no-cache", "--jobs", "1", "--output", "serial"])
        let parallel = try cli.run(["render", "notebooks", "--keep-going", "--no-cache", "--jobs", "3", "--output", "parallel"])
        // The trap fails the render; the others are rendered all the same.
        #expect(serial.status == 1 && parallel.status == 1, "\(serial.stderr)\n\(parallel.stderr)")
        for r in [serial, parallel] {
            let verdicts = r.stderr.split(separator: "\n").filter { $0.contains(": ok") || $0.contains(": FAILED") }
            #expect(verdicts.count == 5, "one line per notebook: \(r.stderr)")
        }
        let fm = FileManager.default
        func listing(_ folder: String) throws -> [String] {
            try fm.contentsOfDirectory(atPath: cli.scratch.appendingPathComponent(folder).path)
                .filter { !$0.hasPrefix(".") }.sorted()
        }
        let files = try listing("serial")
        #expect(files.count == 11, "five reports, five results files and the index: \(files)")
        #expect(try listing("parallel") == files)
        func body(_ s: String) -> Substring { s[..<(s.range(of: "<footer")?.lowerBound ?? s.endIndex)] }
        for file in files {
            let a = try cli.read("serial/\(file)"), b = try cli.read("parallel/\(file)")
            if file == "index.html" {
                #expect(a == b, "the index lists the notebooks in the order named")
            } else if file.hasSuffix(".html") {
                #expect(body(a) == body(b), "\(file): only the footer's timings may differ")
            } else {
                #expect(try measuredLeftOut(a) == measuredLeftOut(b), "\(file)")
            }
        }
    }

    @Test func exitStatusIsTheWorst() throws {
        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        // No compiler: status 2 even though other notebooks were started.
        let r = try cli.run(["render", "notebooks", "--keep-going", "--jobs", "2", "--swiftc", "/nonexistent/swiftc"])
        #expect(r.status == 2, "\(r.stderr)")
    }

    @Test(arguments: ["0", "-3"])
    func refusesABadJobCount(_ value: String) throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["render", try cli.notebook("ok.md"), "--jobs=\(value)"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--jobs must be at least 1, got \(value)"), "\(r.stderr)")
        #expect(!cli.exists("output"))
    }

    /// The defaults keep jobs × threads ≤ cores: a notebook alone gets every
    /// core for its sweeps; several share them, one job per core; --jobs J
    /// leaves cores ÷ J threads to each. (The program sees its thread count
    /// in OPTNB_THREADS; --no-cache because the count is not in the key.)
    @Test func defaultThreadsSplitTheCoresWithTheJobs() throws {
        let cli = try CLI(); defer { cli.remove() }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for name in ["a", "b", "c"] {
            try cli.write("""
                # \(name)

                ```swift
                print("threads=" + (ProcessInfo.processInfo.environment["OPTNB_THREADS"] ?? "unset"))
                ```
                """, to: "notebooks/\(name).md")
        }
        func threads(_ arguments: [String], in report: String) throws -> String? {
            let r = try cli.run(["render", "--no-cache"] + arguments)
            #expect(r.status == 0, "\(r.stderr)")
            let html = try cli.read(report)
            // The listing says threads=" too; the output has the number.
            guard let range = html.range(of: #"threads=[0-9]+"#, options: .regularExpression) else { return nil }
            return String(html[range].dropFirst("threads=".count))
        }
        #expect(try threads(["notebooks/a.md"], in: "output/a.html") == String(cores))
        let shared = max(1, cores / min(cores, 3))
        #expect(try threads(["notebooks"], in: "output/b.html") == String(shared))
        #expect(try threads(["notebooks", "--jobs", "1"], in: "output/c.html") == String(cores))
        #expect(try threads(["notebooks", "--threads", "3"], in: "output/a.html") == "3")
    }

    /// With several jobs the notebooks the last render measured longest
    /// start first, so the render does not end on one long notebook. Each
    /// notebook logs its name when its program starts; with 2 jobs the one
    /// measured shortest starts only after another has finished, so its
    /// line is last (in reading order it would start first).
    @Test func theLongestNotebooksStartFirst() throws {
        let cli = try CLI(); defer { cli.remove() }
        let log = cli.scratch.appendingPathComponent("started.log").path
        for name in ["a", "b", "c"] {
            try cli.write("""
                # \(name)

                ```swift
                let log = FileHandle(forWritingAtPath: "\(log)")!
                log.seekToEndOfFile()
                log.write(Data("\(name)\\n".utf8))
                ```
                """, to: "notebooks/\(name).md")
        }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        #expect(try cli.run(["render", "notebooks", "--jobs", "1"]).status == 0)
        #expect(try cli.read("started.log") == "a\nb\nc\n")
        // As if c had taken 100 s last time, b 50 s and a 1 s.
        for (name, seconds) in [("a", 1.0), ("b", 50), ("c", 100)] {
            let path = "output/\(name).results.json"
            var json = try #require(try JSONSerialization.jsonObject(with: Data(cli.read(path).utf8)) as? [String: Any])
            json["seconds"] = seconds
            try cli.write(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self), to: path)
        }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let r = try cli.run(["render", "notebooks", "--jobs", "2", "--no-cache"])
        #expect(r.status == 0, "\(r.stderr)")
        let started = try cli.read("started.log").split(separator: "\n")
        #expect(started.count == 3 && started.last == "a", "\(started)")
    }

    /// `check --jobs --format junit`: notebooks finish in any order, the
    /// suites are in the order the notebooks were named.
    @Test func junitSuitesFollowTheNotebooksOrder() throws {
        let cli = try CLI(); defer { cli.remove() }
        // a takes longer than b, so with two jobs b finishes first.
        try cli.write("""
            # Slow

            ```swift
            Thread.sleep(forTimeInterval: 2)
            scalar("slept", 2)
            ```
            """, to: "notebooks/a.md")
        let b = try cli.notebook("ok.md")
        try FileManager.default.moveItem(at: cli.scratch.appendingPathComponent(b),
                                         to: cli.scratch.appendingPathComponent("notebooks/b.md"))
        let r = try cli.run(["check", "notebooks", "--jobs", "2", "--format", "junit"])
        #expect(r.status == 0, "\(r.stderr)")
        let finished = r.stderr.split(separator: "\n").filter { $0.contains(": ok in") }
        #expect(finished.first?.hasPrefix("notebooks/b.md") == true, "b finished first: \(r.stderr)")
        let a = try #require(r.stdout.range(of: "<testsuite name=\"notebooks/a.md\""))
        let bSuite = try #require(r.stdout.range(of: "<testsuite name=\"notebooks/b.md\""))
        #expect(a.lowerBound < bSuite.lowerBound, "\(r.stdout)")
    }
}
