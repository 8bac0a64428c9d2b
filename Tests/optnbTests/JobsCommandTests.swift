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
}
