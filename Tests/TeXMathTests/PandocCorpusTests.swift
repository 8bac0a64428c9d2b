import Foundation
import Testing
@testable import TeXMath

/// The corpus compared with pandoc's `--mathml` (texmath), an independent
/// converter: every formula the study's notebooks use, and the update
/// rules of torch.optim's documentation. pandoc is a test-time oracle only
/// (`scripts/setup` installs it); optnb itself never runs it.
@Suite struct PandocCorpusTests {
    struct Entry { var tex: String; var display: Bool; var origin: String }

    static let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    static func torchEntries() throws -> [Entry] {
        let text = try String(contentsOf: corpusDirectory.appendingPathComponent("torch-optim.tex"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { k, line in
            line.hasPrefix("%") || line.isEmpty ? nil : Entry(tex: String(line), display: true, origin: "torch-optim.tex:\(k + 1)")
        }
    }

    /// pandoc's MathML for each entry, in order (nil where pandoc refused).
    static func pandoc(_ entries: [Entry]) throws -> [String?] {
        let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let pandoc else {
            throw CorpusError("pandoc is not installed; run scripts/setup (it installs pandoc for this test)")
        }
        let markdown = entries.map { e in
            e.display ? "$$\(e.tex)$$" : "$\(e.tex)$"
        }.joined(separator: "\n\n<hr />\n\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pandoc)
        process.arguments = ["-f", "markdown", "-t", "html", "--mathml", "--quiet"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread { input.fileHandleForWriting.write(Data(markdown.utf8)); try? input.fileHandleForWriting.close() }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let html = String(decoding: data, as: UTF8.self)
        let parts = html.components(separatedBy: "<hr />")
        guard parts.count == entries.count else {
            throw CorpusError("pandoc returned \(parts.count) formulas for \(entries.count)")
        }
        return parts.map { part in
            guard let start = part.range(of: "<math"), let end = part.range(of: "</math>") else {
                print("pandoc did not convert: \(part.suffix(300))")
                return nil
            }
            return String(part[start.lowerBound..<end.upperBound])
        }
    }

    struct CorpusError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}
