import Foundation
import Testing

/// `optnb bench` end to end: a quick smoke run of the built executable (no
/// timings are asserted: they are noisy), and its refusals.
@Suite struct BenchCommandTests {
    @Test("a tiny run prints one JSON array with a row per optimizer, implementation and thread count")
    func smoke() throws {
        let cli = try CLI(); defer { cli.remove() }
        let run = try cli.run([
            "bench", "--optimizer", "adam", "--optimizer", "asgd", "--size", "1000",
            "--threads", "1", "--threads", "2", "--repetitions", "2", "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let cells = rows.map { "\($0["optimizer"] ?? "")/\($0["implementation"] ?? "")/\($0["threads"] ?? "")" }
        #expect(cells == [
            "adam/library/1", "adam/library/2", "adam/manual/1",
            "asgd/library/1", "asgd/library/2", "asgd/manual/1",
        ])
        for row in rows {
            #expect((row["median_seconds"] as? Double ?? 0) > 0)
            #expect((row["elements_per_second"] as? Double ?? 0) > 0)
        }
    }

    @Test("the table has a header and a line per row")
    func table() throws {
        let cli = try CLI(); defer { cli.remove() }
        let run = try cli.run([
            "bench", "--optimizer", "sgd", "--size", "100", "--threads", "1", "--repetitions", "1",
            "--implementation", "library",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("optimizer") == true)
    }

    @Test(
        "bad options name the option and the value, and exit non-zero",
        arguments: [
            (["--optimizer", "adamm"], "adamm"), (["--size", "0"], "--size 0"),
            (["--threads", "0"], "--threads 0"), (["--threads", "2", "--threads", "2"], "--threads 2"),
            (["--repetitions", "0"], "--repetitions 0"), (["--implementation", "fused"], "fused"),
        ])
    func refusals(arguments: [String], named: String) throws {
        let cli = try CLI(); defer { cli.remove() }
        let run = try cli.run(["bench"] + arguments)
        #expect(run.status != 0)
        #expect(run.stderr.contains(named), "\(run.stderr)")
    }
}
