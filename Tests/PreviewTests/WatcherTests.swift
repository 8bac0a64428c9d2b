import Foundation
import Testing
@testable import Preview

/// A folder with a notebook that declares `data/losses.csv` with `input`.
private func folder() throws -> String {
    let base = FileManager.default.temporaryDirectory
        .appendingPathComponent("optnb-preview-watch-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: base + "/data", withIntermediateDirectories: true)
    try write("""
        # Losses

        ```swift
        let text = input("data/losses.csv")
        scalar("rows", text.split(separator: "\\n").count)
        ```
        """, to: base + "/study.md")
    try write("a\n1\n", to: base + "/data/losses.csv")
    try write("# Plain\n", to: base + "/plain.md")
    return base
}

private func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

@Suite("Preview watches notebooks and their declared inputs")
struct WatcherTests {
    @Test("a changed input re-renders the notebook that declares it, and only that one")
    func inputChange() throws {
        let base = try folder(); defer { try? FileManager.default.removeItem(atPath: base) }
        let watched = WatchedInputs(files: [], folders: [base])
        var declared = DeclaredInputsCache()
        let before = watched.scan(&declared)
        #expect(before[base + "/study.md"]?.inputs.keys.sorted() == [base + "/data/losses.csv"])
        #expect(before[base + "/plain.md"]?.inputs.isEmpty == true)

        try write("a\n1\n2\n", to: base + "/data/losses.csv")
        let after = watched.scan(&declared)
        #expect(changes(from: before, to: after) == ([base + "/study.md"], false))
        #expect(changes(from: after, to: watched.scan(&declared)) == ([], false))
    }

    @Test("an input that goes away or comes back re-renders the notebook")
    func inputRemoved() throws {
        let base = try folder(); defer { try? FileManager.default.removeItem(atPath: base) }
        let watched = WatchedInputs(files: [base + "/study.md"], folders: [])
        var declared = DeclaredInputsCache()
        let before = watched.scan(&declared)
        try FileManager.default.removeItem(atPath: base + "/data/losses.csv")
        let gone = watched.scan(&declared)
        #expect(changes(from: before, to: gone) == ([base + "/study.md"], false))
        try write("b\n", to: base + "/data/losses.csv")
        #expect(changes(from: gone, to: watched.scan(&declared)) == ([base + "/study.md"], false))
    }

    @Test("an edit that declares another input makes preview watch that file instead")
    func declarationEdited() throws {
        let base = try folder(); defer { try? FileManager.default.removeItem(atPath: base) }
        let watched = WatchedInputs(files: [base + "/study.md"], folders: [])
        var declared = DeclaredInputsCache()
        _ = watched.scan(&declared)
        try write("x\n", to: base + "/data/other.csv")
        try write("# Losses\n\n```swift\nlet t = input(\"data/other.csv\")\n```\n", to: base + "/study.md")
        let edited = watched.scan(&declared)
        #expect(edited[base + "/study.md"]?.inputs.keys.sorted() == [base + "/data/other.csv"])
        // The old input is no longer watched: changing it renders nothing.
        try write("changed\n", to: base + "/data/losses.csv")
        #expect(changes(from: edited, to: watched.scan(&declared)) == ([], false))
        try write("changed\n", to: base + "/data/other.csv")
        #expect(changes(from: edited, to: watched.scan(&declared)) == ([base + "/study.md"], false))
    }
}
