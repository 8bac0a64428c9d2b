import Foundation
import Testing
@testable import Preview

/// A stand-in for optnb: a script that appends each `optnb render`'s
/// inputs to a log, so a test sees what preview asked to render and in what
/// order, without compiling a notebook.
private struct FakeOptnb {
    let base: String
    var executable: String { base + "/optnb" }
    var log: String { base + "/renders.log" }

    init() throws {
        base = FileManager.default.temporaryDirectory
            .appendingPathComponent("optnb-preview-session-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base + "/notebooks", withIntermediateDirectories: true)
        // Arguments: render INPUT… --output DIR --keep-going; log the inputs.
        let script = """
            #!/bin/sh
            shift
            inputs=""
            while [ "$#" -gt 0 ] && [ "$1" != "--output" ]; do inputs="$inputs $1"; shift; done
            echo "${inputs# }" >> '\(base)/renders.log'
            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: executable))
        _ = chmod(executable, 0o755)
    }

    func write(_ text: String, to notebook: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: base + "/notebooks/" + notebook))
    }

    /// The renders logged so far, with this test's folder left out.
    func renders() -> [String] {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.replacingOccurrences(of: base + "/", with: "") }
    }

    /// Waits until `count` renders were logged. The limit is generous: in a
    /// full parallel test run on a loaded machine, other tests can hold the
    /// few cooperative threads the session's loop runs on for minutes.
    func waitForRenders(_ count: Int) async throws -> [String] {
        let deadline = ContinuousClock.now + .seconds(300)
        while renders().count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return renders()
    }

    func remove() { try? FileManager.default.removeItem(atPath: base) }
}

@Suite("Preview's render rounds")
struct PreviewSessionTests {
    @Test("in folder mode the index is rendered again after every re-render, after the notebook")
    func indexAfterEverySave() async throws {
        let fake = try FakeOptnb(); defer { fake.remove() }
        try fake.write("# A\n", to: "a.md")
        try fake.write("# B\n", to: "b.md")
        let folder = fake.base + "/notebooks"
        var session = PreviewSession(inputs: [folder], port: 0, output: fake.base + "/out",
                                     optnb: fake.executable, renderArguments: [])
        session.pollInterval = .milliseconds(20)
        let running = Task { try await session.run() }
        defer { running.cancel() }

        let first = try await fake.waitForRenders(3)
        #expect(first == ["notebooks/a.md", "notebooks/b.md", "notebooks"])
        // A save that changes a report, not the list of notebooks.
        try fake.write("# A, edited\n", to: "a.md")
        let second = try await fake.waitForRenders(5)
        #expect(Array(second.dropFirst(3)) == ["notebooks/a.md", "notebooks"])
        // Nothing changed: no more renders.
        try await Task.sleep(for: .milliseconds(300))
        #expect(fake.renders().count == 5)
    }

    @Test("a single notebook renders alone, with no index")
    func singleNotebook() async throws {
        let fake = try FakeOptnb(); defer { fake.remove() }
        try fake.write("# A\n", to: "a.md")
        var session = PreviewSession(inputs: [fake.base + "/notebooks/a.md"], port: 0,
                                     output: fake.base + "/out", optnb: fake.executable, renderArguments: [])
        session.pollInterval = .milliseconds(20)
        let running = Task { try await session.run() }
        defer { running.cancel() }
        #expect(try await fake.waitForRenders(1) == ["notebooks/a.md"])
        try fake.write("# A, edited\n", to: "a.md")
        #expect(try await fake.waitForRenders(2) == ["notebooks/a.md", "notebooks/a.md"])
    }
}
