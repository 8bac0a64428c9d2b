import Foundation
import Testing
@testable import Preview

@Suite("Pages served by preview")
struct LivePageTests {
    let report = "<!DOCTYPE html>\n<html><head><title>r</title></head>\n<body class=\"report\">\n<p>41</p>\n</body>\n</html>\n"

    @Test("the reload script goes just before </body>, once, with the generation shown")
    func script() {
        let page = LivePage.serve(report, version: 7, problem: nil)
        #expect(page.components(separatedBy: "<script id=\"optnb-preview-reload\">").count == 2)
        #expect(page.contains("const shown = 7;"))
        #expect(page.contains("new EventSource(\"/__optnb/events\")"))
        let script = page.range(of: "<script id=\"optnb-preview-reload\">")!
        let close = page.range(of: "</body>")!
        #expect(script.upperBound < close.lowerBound)
        // Everything else is the report, byte for byte.
        #expect(page.replacingOccurrences(of: LivePage.script(version: 7), with: "") == report)
        #expect(!page.contains("optnb-preview-error"))
    }

    @Test("a failed render's messages open the body, escaped, naming the notebook line")
    func banner() {
        let problem = RenderProblem(notebook: "notebooks/a&b.md",
                                    messages: "notebooks/a&b.md:4:18: error: cannot find '<x>' in scope\n")
        let page = LivePage.serve(report, version: 3, problem: problem)
        let body = page.range(of: "<body class=\"report\">")!
        let banner = page.range(of: "<div id=\"optnb-preview-error\"")!
        #expect(banner.lowerBound == body.upperBound)
        #expect(page.contains("notebooks/a&amp;b.md:4:18: error: cannot find '&lt;x&gt;' in scope"))
        #expect(!page.contains("<x>"))
    }

    @Test("a notebook without a report gets a page of its error, which reloads too")
    func errorPage() {
        let page = LivePage.errorPage(RenderProblem(notebook: "n.md", messages: "n.md:2:1: error: bad"),
                                      version: 1)
        #expect(page.contains("n.md:2:1: error: bad"))
        #expect(page.contains("const shown = 1;"))
    }
}

@Suite("The reload event stream")
struct ReloadEventsTests {
    @Test("the current generation on connect, then each new one; a comment when nothing happens")
    func events() async throws {
        let state = PreviewState()
        var events = ReloadEvents(state: state, poll: .milliseconds(5), heartbeat: .milliseconds(60))
            .makeAsyncIterator()
        #expect(try await text(&events) == "retry: 1000\ndata: 0\n\n")
        #expect(try await text(&events) == ": still here\n\n")
        state.finishRound(["a": RenderProblem?.none])
        #expect(try await text(&events) == "data: 1\n\n")
    }

    @Test("the stream ends when its task is cancelled (preview stopping)")
    func cancellation() async throws {
        let state = PreviewState()
        let task = Task {
            var events = ReloadEvents(state: state, poll: .milliseconds(5), heartbeat: .seconds(60))
                .makeAsyncIterator()
            _ = try await events.nextBuffer(suggested: 4096)
            return try await events.nextBuffer(suggested: 4096)
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        #expect(try await task.value == nil)
    }

    @Test("a round's failures are kept by report name and cleared by a clean render")
    func problems() {
        let state = PreviewState()
        state.finishRound(["a": RenderProblem(notebook: "a.md", messages: "x"), "b": RenderProblem?.none])
        #expect(state.generation == 1)
        #expect(state.problem(forReport: "a")?.messages == "x")
        #expect(state.problem(forReport: "b") == nil)
        state.finishRound(["a": RenderProblem?.none])
        #expect(state.problem(forReport: "a") == nil)
        #expect(state.generation == 2)
    }

    private func text(_ events: inout ReloadEvents.Iterator) async throws -> String? {
        try await events.nextBuffer(suggested: 4096).map { String(decoding: $0, as: UTF8.self) }
    }
}

@Suite("Watching notebooks")
struct WatchTests {
    @Test("a changed stamp is a save; a new or removed file changes the set")
    func changesBetweenScans() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optnb-watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "a".write(toFile: dir + "/a.md", atomically: false, encoding: .utf8)
        try "x".write(toFile: dir + "/.hidden.md", atomically: false, encoding: .utf8)
        try "x".write(toFile: dir + "/notes.txt", atomically: false, encoding: .utf8)
        let watched = WatchedInputs(files: [], folders: [dir])
        var declared = DeclaredInputsCache()
        let first = watched.scan(&declared)
        #expect(first.keys.sorted() == [dir + "/a.md"])
        #expect(changes(from: first, to: watched.scan(&declared)) == ([], false))
        try "a longer text".write(toFile: dir + "/a.md", atomically: false, encoding: .utf8)
        try "b".write(toFile: dir + "/b.md", atomically: false, encoding: .utf8)
        let second = watched.scan(&declared)
        #expect(changes(from: first, to: second) == ([dir + "/a.md", dir + "/b.md"], true))
        try FileManager.default.removeItem(atPath: dir + "/b.md")
        #expect(changes(from: second, to: watched.scan(&declared)) == ([], true))
    }
}
