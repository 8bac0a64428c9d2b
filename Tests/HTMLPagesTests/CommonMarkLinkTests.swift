import Foundation
import Testing
import Notebook
import Reporting
@testable import HTMLPages

/// Every link, image and autolink example of the CommonMark 0.30 spec: the
/// addresses optnb writes must be the ones the spec's HTML has (cmark's
/// `houdini_escape_href` percent-encoding), except where optnb refuses an
/// address on purpose.
@Suite struct CommonMarkLinkTests {
    struct Example: Decodable {
        var example: Int
        var section: String
        var markdown: String
        var html: String
    }

    static let examples: [Example] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/commonmark/links-images-autolinks-0.30.json")
        return (try? JSONDecoder().decode([Example].self, from: Data(contentsOf: url))) ?? []
    }()

    /// Examples whose spec HTML has an address optnb does not write, and why:
    /// schemes other than http(s), mailto (and data:image for images) are
    /// removed from reports on purpose. Every other example must match.
    static let deliberate: [Int: String] = [
        595: "irc: autolink", 597: "a+b+c: autolink", 598: "made-up-scheme: autolink",
        600: "localhost: autolink",
    ]

    /// The `href`/`src` values in `html`, entity references decoded.
    static func addresses(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\b(?:href|src)="([^"]*)""#)
        let ns = html as NSString
        return pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            decode(ns.substring(with: $0.range(at: 1)))
        }
    }

    static func decode(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// optnb's HTML for the prose of `markdown`.
    static func optnbHTML(_ markdown: String) throws -> String {
        let document = try parseNotebook(markdown, path: "spec.md")
        var h = HTMLWriter()
        writeBlocks(document.blocks, RenderContext(options: ReportOptions(), notebook: "spec.md", outcome: nil), into: &h)
        // Headings' own "#" anchors are optnb's, not the spec's.
        return h.output.replacingOccurrences(
            of: #"<a class="anchor"[^>]*>"#, with: "", options: .regularExpression)
    }

    @Test func theFixtureHoldsEverySectionsExamples() {
        let sections = Dictionary(grouping: Self.examples, by: \.section).mapValues(\.count)
        #expect(sections == ["Links": 90, "Images": 22, "Autolinks": 19])
    }

    @Test(arguments: examples.map(\.example))
    func addressesMatchTheSpec(number: Int) throws {
        let example = try #require(Self.examples.first { $0.example == number })
        let expected = Self.addresses(example.html)
        let written = Self.addresses(try Self.optnbHTML(example.markdown))
        if Self.deliberate[number] != nil {
            // Whatever optnb left out, it wrote nothing the spec does not have.
            #expect(written.allSatisfy(expected.contains), "example \(number): \(written) vs \(expected)")
        } else {
            #expect(written == expected, "example \(number): \(example.markdown.debugDescription)")
        }
    }
}
