import Foundation
import Testing

/// `render --shard`, `check --shard` and `merge` end to end, each shard in
/// its own process as a CI matrix runs them.
@Suite(.serialized) struct ShardCommandTests {
    /// a, c: ok.md; b: compare.md; d: warning.md — four notebooks, one folder.
    private func study(_ cli: CLI) throws {
        for (name, fixture) in [("a", "ok"), ("b", "compare"), ("c", "ok"), ("d", "warning")] {
            let path = try cli.notebook("\(fixture).md")
            try FileManager.default.moveItem(at: cli.scratch.appendingPathComponent(path),
                                             to: cli.scratch.appendingPathComponent("notebooks/\(name).md"))
        }
    }

    private func files(_ cli: CLI, _ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cli.scratch.appendingPathComponent(folder).path)
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    private func manifest(_ cli: CLI, _ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: cli.scratch.appendingPathComponent("\(folder)/optnb-shard.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: ["0/2", "3/2", "1/0", "a/b", "2", "1/2/3"])
    func refusesABadShard(_ value: String) throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        for command in ["render", "check"] {
            let r = try cli.run([command, nb, "--shard", value])
            #expect(r.status != 0 && r.status != 1, "\(command) --shard \(value): \(r.stderr)")
            #expect(r.stderr.contains("--shard"), "the error names the option: \(r.stderr)")
            #expect(r.stderr.contains(value), "and the value: \(r.stderr)")
            #expect(!cli.exists("output"), "nothing is written")
        }
    }

    @Test func splitsByCountWithoutPreviousResults() throws {
        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        let one = try cli.run(["render", "notebooks", "--shard", "1/2", "--keep-going", "--output", "s1"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try cli.run(["render", "notebooks", "--shard", "2/2", "--keep-going", "--output", "s2"])
        #expect(two.status == 0, "\(two.stderr)")
        // Round-robin in input order; no index in either.
        #expect(try files(cli, "s1") == ["a.html", "a.results.json", "c.html", "c.results.json", "optnb-shard.json"])
        #expect(try files(cli, "s2") == ["b.html", "b.results.json", "d.html", "d.results.json", "optnb-shard.json"])
        let plan = try #require(try manifest(cli, "s1")["plan"] as? [String: Any])
        #expect(plan["balancedBy"] as? String == "count")
        #expect(try manifest(cli, "s2")["shard"] as? String == "2/2")
    }

    @Test func balancesByThePreviousDurations() throws {
        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        // --no-cache: a and c are the same program, so one would be the
        // other's cache hit, with no duration of its own to record.
        #expect(try cli.run(["render", "notebooks", "--no-cache", "--output", "site"]).status == 0)
        // Pretend a took 10 s and the others 1 s each: a alone on shard 1.
        for (name, seconds) in [("a", 10.0), ("b", 1.0), ("c", 1.0), ("d", 1.0)] {
            let url = cli.scratch.appendingPathComponent("site/\(name).results.json")
            var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            #expect(json["seconds"] is Double, "a real run records its duration")
            json["seconds"] = seconds
            try JSONSerialization.data(withJSONObject: json).write(to: url)
        }
        for i in 1...2 {
            try FileManager.default.copyItem(at: cli.scratch.appendingPathComponent("site"),
                                             to: cli.scratch.appendingPathComponent("s\(i)"))
            let r = try cli.run(["render", "notebooks", "--shard", "\(i)/2", "--output", "s\(i)"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let first = try #require(try manifest(cli, "s1")["reports"] as? [[String: Any]])
        let second = try #require(try manifest(cli, "s2")["reports"] as? [[String: Any]])
        #expect(first.map { $0["name"] as? String } == ["a"])
        #expect(second.map { $0["name"] as? String } == ["b", "c", "d"])
        let plan = try #require(try manifest(cli, "s1")["plan"] as? [String: Any])
        #expect(plan["balancedBy"] as? String == "duration")
        // A cache hit keeps the duration the replaced file recorded.
        let kept = try JSONSerialization.jsonObject(
            with: Data(contentsOf: cli.scratch.appendingPathComponent("s1/a.results.json"))) as? [String: Any]
        #expect(kept?["seconds"] as? Double == 10)
    }

    /// The study as 1, 2 and 3 shards, each in its own process, merged: the
    /// same site as one render, byte for byte except the recorded durations,
    /// with d and b declaring the first places of the reading order. Every
    /// shard reads the places of all the notebooks, so the index's order and
    /// each report's previous/next links need no merging.
    @Test func mergedShardsEqualASingleRender() throws {
        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        for (name, place) in [("d", 1), ("b", 2)] {
            try cli.write("<!-- optnb order \(place) -->\n" + cli.read("notebooks/\(name).md"), to: "notebooks/\(name).md")
        }
        let single = try cli.run(["render", "notebooks", "--keep-going", "--output", "single"])
        #expect(single.status == 0, "\(single.stderr)")
        let expected = try files(cli, "single")
        #expect(expected.contains("index.html"))
        try expectReadingOrder(cli, "single", ["d", "b", "a", "c"])
        for n in 1...3 {
            var folders: [String] = []
            for i in 1...n {
                let r = try cli.run(["render", "notebooks", "--keep-going", "--shard", "\(i)/\(n)",
                                     "--output", "s\(n)-\(i)"])
                #expect(r.status == 0, "\(r.stderr)")
                #expect(!cli.exists("s\(n)-\(i)/index.html"))
                folders.append("s\(n)-\(i)")
            }
            let merged = try cli.run(["merge"] + folders.reversed() + ["--output", "merged\(n)"])
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(try files(cli, "merged\(n)") == expected)
            for file in expected {
                var a = try cli.read("single/\(file)"), b = try cli.read("merged\(n)/\(file)")
                if file.hasSuffix(".results.json") { a = withoutDuration(a); b = withoutDuration(b) }
                #expect(a == b, "\(file) differs after merging \(n) shards")
            }
        }
    }

    /// The index lists `names` in that order and links the agreement page;
    /// each report links its neighbours among them and the agreement page.
    private func expectReadingOrder(_ cli: CLI, _ folder: String, _ names: [String],
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let index = try cli.read("\(folder)/index.html")
        let positions = names.compactMap { index.range(of: "<a href=\"\($0).html\">")?.lowerBound }
        #expect(positions.count == names.count && positions == positions.sorted(), "index order", sourceLocation: sourceLocation)
        #expect(index.contains("<a href=\"torch.html\">Agreement with torch.optim</a>"), sourceLocation: sourceLocation)
        for (i, name) in names.enumerated() {
            let report = try cli.read("\(folder)/\(name).html")
            #expect(report.contains("<a href=\"torch.html\">Agreement with torch.optim</a>"), sourceLocation: sourceLocation)
            for (rel, j) in [("previous", i - 1), ("next", i + 1)] {
                let link = "<a class=\"\(rel)\" href=\"\(names.indices.contains(j) ? names[j] : "")"
                #expect(report.contains(link) == names.indices.contains(j),
                        "\(name).html: \(rel) should be \(names.indices.contains(j) ? names[j] : "none")",
                        sourceLocation: sourceLocation)
                #expect(report.contains("rel=\"\(rel)\"") == names.indices.contains(j), sourceLocation: sourceLocation)
            }
        }
        let b = try cli.read("\(folder)/b.html")
        #expect(b.contains("<span class=\"pager-title\">A notebook with a compiler warning</span>"),
                "a neighbour is named by its title", sourceLocation: sourceLocation)
    }

    /// A notebook rendered on its own has no neighbours, whatever its place.
    @Test func aNotebookOnItsOwnHasNoNeighbours() throws {
        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        try cli.write("<!-- optnb order 2 -->\n" + cli.read("notebooks/a.md"), to: "notebooks/a.md")
        let r = try cli.run(["render", "notebooks/a.md"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try cli.read("output/a.html")
        #expect(!report.contains("class=\"pager\""))
        #expect(report.contains("<a href=\"torch.html\">Agreement with torch.optim</a>"))
        // A bad place is an error at its line, and nothing is written.
        try cli.write("# T\n\n<!-- optnb order first -->\n", to: "notebooks/bad.md")
        let bad = try cli.run(["render", "notebooks/bad.md", "--output", "bad"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("notebooks/bad.md:3:1: error: invalid place 'first' in optnb order directive"), "\(bad.stderr)")
        #expect(!cli.exists("bad/bad.html"))
    }

    private func withoutDuration(_ json: String) -> String {
        json.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"seconds\"") }.joined(separator: "\n")
    }

    @Test func refusesAnIncompleteOrMixedMerge() throws {
        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        for (shard, folder) in [("1/2", "h1"), ("2/2", "h2"), ("1/3", "t1")] {
            let r = try cli.run(["render", "notebooks", "--keep-going", "--shard", shard, "--output", folder])
            #expect(r.status == 0, "\(r.stderr)")
        }
        func refused(_ folders: [String], saying words: [String]) throws {
            let r = try cli.run(["merge"] + folders + ["--output", "out"])
            #expect(r.status == 1, "\(folders): \(r.stderr)")
            for w in words { #expect(r.stderr.contains(w), "\(folders): \(r.stderr)") }
            #expect(!cli.exists("out"), "a refused merge writes nothing")
        }
        // A shard missing: its notebooks are named.
        try refused(["h1"], saying: ["notebooks/b.md", "notebooks/d.md", "none of the folders"])
        // A shard given twice (as a copy): each of its notebooks twice, with both folders.
        try FileManager.default.copyItem(at: cli.scratch.appendingPathComponent("h1"),
                                         to: cli.scratch.appendingPathComponent("again"))
        try refused(["h1", "h2", "again"], saying: ["notebooks/a.md appears in 2 folders: h1, again"])
        // Shards of different splits.
        try refused(["h1", "t1"], saying: ["h1", "t1", "split the notebooks differently"])
        // A shard from another optnb version: both folders and versions named.
        let url = cli.scratch.appendingPathComponent("h2/b.results.json")
        try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "\"optnb\" : \"", with: "\"optnb\" : \"9.9.")
            .write(to: url, atomically: true, encoding: .utf8)
        try refused(["h1", "h2"], saying: ["h1 was rendered by optnb", "h2 by optnb 9.9."])
        // Not a shard's folder at all.
        let plain = try cli.run(["render", "notebooks/a.md", "--output", "plain"])
        #expect(plain.status == 0, "\(plain.stderr)")
        try refused(["plain"], saying: ["plain holds no optnb-shard.json"])
    }

    @Test func checkRunsOneShard() throws {
        let cli = try CLI(); defer { cli.remove() }
        try study(cli)
        let r = try cli.run(["check", "notebooks", "--shard", "2/2", "--keep-going", "--baselines", "base"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("notebooks/b.md: created baseline"), "\(r.stdout)")
        #expect(r.stdout.contains("notebooks/d.md: created baseline"), "\(r.stdout)")
        #expect(!r.stdout.contains("notebooks/a.md") && !r.stdout.contains("notebooks/c.md"), "\(r.stdout)")
        #expect(try files(cli, "base") == ["b.json", "d.json"])
        #expect(!(try cli.read("base/b.json")).contains("\"seconds\""), "baselines hold no timings")
    }

    /// A merge writes under the output folder's `.optnb.lock`, as a render
    /// does: a render into the same folder started during a merge waits for
    /// it, so its report and results file are the pair left, not the
    /// merge's copies written over half of it.
    @Test func mergeTakesTheOutputLock() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        #expect(try cli.run(["render", nb, "--shard", "1/1", "--output", "s1"]).status == 0)
        try cli.write(try cli.read(nb).replacingOccurrences(of: "0..<20", with: "0..<30")
            .replacingOccurrences(of: "== 190", with: "== 435"), to: nb)
        #expect(try cli.run(["render", nb, "--output", "warm"]).status == 0, "compiled before the race")
        let merge = try cli.start(["merge", "s1", "--output", "site"], environment: ["OPTNB_TEST_PUBLISH_PAUSE": "1.5"])
        let lock = cli.scratch.appendingPathComponent("site/.optnb.lock").path
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !FileManager.default.fileExists(atPath: lock) { Thread.sleep(forTimeInterval: 0.02) }
        let render = try cli.run(["render", nb, "--output", "site"])
        merge.waitUntilExit()
        #expect(merge.terminationStatus == 0 && render.status == 0, "\(render.stderr)")
        let html = try cli.read("site/ok.html"), results = try cli.read("site/ok.results.json")
        #expect(html.contains("435") && results.contains("435"), "the render waited for the merge")
    }
}
