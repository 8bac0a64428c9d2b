import Foundation
import Testing

/// `optnb replay --html` end to end, on copies of the project's torch recordings.
@Suite struct ReplayCommandTests {
    static let torchFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/torch")

    /// Copies torch recordings into `folder` of the scratch dir.
    func copy(_ names: [String], into folder: String, _ cli: CLI) throws {
        let dir = cli.scratch.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(at: Self.torchFixtures.appendingPathComponent(name),
                                             to: dir.appendingPathComponent(name))
        }
    }

    @Test("--html writes a page naming every file, beside the usual lines")
    func writesThePage() throws {
        let cli = try CLI(); defer { cli.remove() }
        // A trajectory and a refusal torch recorded.
        try copy(["adam-zero-gradient-l2.json", "adam-negative-lr.json"], into: "torch", cli)
        try FileManager.default.createDirectory(at: cli.scratch.appendingPathComponent("out"),
                                                withIntermediateDirectories: true)
        let run = try cli.run(["replay", "torch", "--html", "out/torch.html"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("2 passed, 0 failed\n"))
        #expect(cli.exists("out/torch.html"))
        let html = try cli.read("out/torch.html")
        #expect(html.contains("<td class=\"text\">adam-zero-gradient-l2.json</td>"))
        #expect(html.contains("<td class=\"text\">adam-negative-lr.json</td>"))
        #expect(html.contains("2 passed, 0 failed"))
        #expect(html.contains("refused as torch did"))
        #expect(html.contains("<h2 id=\"t-Adam\">Adam</h2>"))
        // Written atomically: no temporary file is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.scratch.appendingPathComponent("out").path)
        #expect(left == ["torch.html"])
    }

    @Test("a failed file is on the page as failed, and the exit status is 1")
    func failedFile() throws {
        let cli = try CLI(); defer { cli.remove() }
        try copy(["adam-negative-lr.json"], into: "torch", cli)
        try cli.write("{\"format\": \"optnb-trajectory/1\",", to: "torch/broken.json")
        let run = try cli.run(["replay", "torch", "--html", "torch.html"])
        #expect(run.status == 1)
        let html = try cli.read("torch.html")
        #expect(html.contains("1 passed, 1 failed"))
        #expect(html.contains("<tr class=\"failed\"><td class=\"text\">broken.json</td>"))
        #expect(html.contains("<h2 id=\"t-unreadable\">Unreadable files</h2>"))
    }

    @Test("--html in a folder that does not exist is refused, naming the folder")
    func missingFolder() throws {
        let cli = try CLI(); defer { cli.remove() }
        try copy(["adam-negative-lr.json"], into: "torch", cli)
        let run = try cli.run(["replay", "torch", "--html", "nowhere/torch.html"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("the folder nowhere does not exist"), "\(run.stderr)")
        #expect(!cli.exists("nowhere"))
    }
}
