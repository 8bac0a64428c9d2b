import FlyingFox
import FlyingSocks
import Foundation

/// Answers the preview's requests: the event stream, and files of the output
/// folder (HTML pages with the reload script and any render error added).
/// Anything else is refused, including requests whose Host is not this
/// loopback address (a page elsewhere cannot reach it through DNS rebinding).
struct PreviewHandler: HTTPHandler {
    let folder: OutputFolder
    let state: PreviewState
    /// What `/` shows: `index.html` for a folder, the report for one notebook.
    let home: String
    let port: UInt16

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return Self.text(.methodNotAllowed, "preview serves GET and HEAD only\n")
        }
        guard hostIsLoopback(request.headers[.host]) else {
            return Self.text(.forbidden, "preview answers only on 127.0.0.1 or localhost\n")
        }
        let raw = request.target.path(percentEncoded: true)
        if raw == LivePage.eventsPath {
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: BufferedReloadEvents(events: ReloadEvents(state: state))))
        }
        let path = raw == "/" ? "/" + home : raw
        let generation = state.generation
        switch folder.resolve(rawPath: path) {
        case .refused:
            return Self.text(.forbidden, "refused: \(path) is not a file of the preview's output folder\n")
        case .missing:
            let name = String(path.dropFirst())
            if name.hasSuffix(".html"), let problem = state.problem(forReport: String(name.dropLast(5))) {
                return Self.html(LivePage.errorPage(problem, version: generation))
            }
            if raw == "/" { return Self.html(LivePage.listing(reports(), version: generation)) }
            return Self.text(.notFound, "not found: \(path)\n")
        case .file(let file):
            guard let data = FileManager.default.contents(atPath: file) else {
                return Self.text(.notFound, "not found: \(path)\n")
            }
            guard file.hasSuffix(".html") else {
                return HTTPResponse(statusCode: .ok,
                                    headers: [.contentType: OutputFolder.contentType(of: file),
                                              .cacheControl: "no-store"],
                                    body: data)
            }
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let page = LivePage.serve(String(decoding: data, as: UTF8.self), version: generation,
                                      problem: state.problem(forReport: name))
            return Self.html(page)
        }
    }

    private func hostIsLoopback(_ host: String?) -> Bool {
        guard let host else { return true }  // HTTP/1.0 clients may send none
        return ["127.0.0.1:\(port)", "localhost:\(port)", "127.0.0.1", "localhost"].contains(host.lowercased())
    }

    private func reports() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.root)) ?? []
        return names.filter { $0.hasSuffix(".html") && !$0.hasPrefix(".") }.sorted()
    }

    static func html(_ page: String) -> HTTPResponse {
        HTTPResponse(statusCode: .ok,
                     headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: Data(page.utf8))
    }

    static func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"],
                     body: Data(message.utf8))
    }
}

/// FlyingFox streams a body from its own buffered-sequence protocol.
struct BufferedReloadEvents: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let events: ReloadEvents
    func makeAsyncIterator() -> Iterator { Iterator(base: events.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: ReloadEvents.Iterator
        mutating func next() async throws -> UInt8? { try await base.next() }
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            try await base.nextBuffer(suggested: count)
        }
    }
}
