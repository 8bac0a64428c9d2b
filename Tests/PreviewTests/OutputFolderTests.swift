import Foundation
import Testing
@testable import Preview

/// A real folder with a report, a sub-folder, a hidden file, a file outside
/// and links pointing out of and within the folder.
private func fixture() throws -> (root: String, outside: String) {
    let base = FileManager.default.temporaryDirectory
        .appendingPathComponent("optnb-preview-test-\(UUID().uuidString)").path
    let root = base + "/out", outside = base + "/secret.txt"
    try FileManager.default.createDirectory(atPath: root + "/screenshots", withIntermediateDirectories: true)
    try Data("<p>report</p>".utf8).write(to: URL(fileURLWithPath: root + "/adam.html"))
    try Data("png".utf8).write(to: URL(fileURLWithPath: root + "/screenshots/adam.png"))
    try Data("hidden".utf8).write(to: URL(fileURLWithPath: root + "/.hidden"))
    try Data("secret".utf8).write(to: URL(fileURLWithPath: outside))
    try FileManager.default.createSymbolicLink(atPath: root + "/leak.txt", withDestinationPath: outside)
    try FileManager.default.createSymbolicLink(atPath: root + "/alias.html", withDestinationPath: root + "/adam.html")
    try FileManager.default.createSymbolicLink(atPath: root + "/up", withDestinationPath: base)
    return (root, outside)
}

@Suite("Preview serves only files of its output folder")
struct OutputFolderTests {
    @Test("plain names below the folder are served, by their real path")
    func served() throws {
        let (root, _) = try fixture()
        let folder = try OutputFolder(root)
        #expect(folder.resolve(rawPath: "/adam.html") == .file(path: folder.root + "/adam.html"))
        #expect(folder.resolve(rawPath: "/screenshots/adam.png") == .file(path: folder.root + "/screenshots/adam.png"))
        #expect(folder.resolve(rawPath: "/ad%61m.html") == .file(path: folder.root + "/adam.html"))
        #expect(folder.resolve(rawPath: "/nope.html") == .missing)
        #expect(folder.resolve(rawPath: "/screenshots") == .missing)
    }

    @Test("dot segments, in every spelling, are refused", arguments: [
        "/../secret.txt", "/screenshots/../../secret.txt", "/./adam.html", "/..",
        "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
        "/..%2fsecret.txt", "/..%2Fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
        "/%252e%252e/secret.txt", "/adam.html%00.png", "//etc/passwd", "/screenshots//adam.png",
        "/.hidden", "adam.html", "/%ZZ",
    ])
    func traversal(path: String) throws {
        let (root, _) = try fixture()
        #expect(try OutputFolder(root).resolve(rawPath: path) == .refused)
    }

    @Test("a symbolic link is refused wherever it points, even inside the folder")
    func links() throws {
        let (root, _) = try fixture()
        let folder = try OutputFolder(root)
        #expect(folder.resolve(rawPath: "/leak.txt") == .refused)
        #expect(folder.resolve(rawPath: "/alias.html") == .refused)
        #expect(folder.resolve(rawPath: "/up/secret.txt") == .refused)
    }

    @Test("content types by extension")
    func contentTypes() {
        #expect(OutputFolder.contentType(of: "/a/b.html") == "text/html; charset=utf-8")
        #expect(OutputFolder.contentType(of: "/a/b.results.json") == "application/json")
        #expect(OutputFolder.contentType(of: "/a/b.png") == "image/png")
        #expect(OutputFolder.contentType(of: "/a/b") == "application/octet-stream")
    }
}
