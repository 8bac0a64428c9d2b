import Foundation
import Notebook
import Testing
@testable import TeXMath

extension PandocCorpusTests {
    typealias Token = MathMLCanon.Token

    /// A difference from pandoc's output we keep on purpose. Both outputs
    /// must have the same tokens in the same places, and every place where
    /// they differ must be one of these (ours, theirs, the token after).
    struct AcceptedDifference: Sendable {
        var name: String
        var why: String
        var allows: @Sendable (_ ours: Token, _ theirs: Token, _ next: Token?) -> Bool
    }

    static let plainFences: Set<String> = ["(", ")", "[", "]", "|"]

    static let acceptedDifferences: [AcceptedDifference] = [
        AcceptedDifference(
            name: "plain fences do not stretch",
            why: "TeX never stretches a plain ( ) [ ] or |, only \\left…\\right; texmath marks the paired ones "
                + "stretchy=\"true\", which in a browser makes (1 − β₁) as tall as the subscripts beside it",
            allows: { ours, theirs, next in
                guard case .open("mo", let a) = ours, case .open("mo", let b) = theirs,
                      case .text(let fence)? = next, plainFences.contains(fence) else { return false }
                var relaxed = b
                relaxed["stretchy"] = "false"
                return a == relaxed && b["stretchy"] == "true"
            }),
        AcceptedDifference(
            name: "ordinary symbols above big operators stay <mi>",
            why: "texmath writes ∞ as <mi> on its own but as <mo accent=\"false\"> as the upper limit of ∑; "
                + "it is the same ordinary symbol in both places",
            allows: { ours, theirs, _ in
                switch (ours, theirs) {
                case (.open("mi", let a), .open("mo", let b)): return a.isEmpty && b == ["accent": "false"]
                case (.close("mi"), .close("mo")): return true
                default: return false
                }
            }),
    ]

    enum Verdict: Equatable { case identical, accepted(Set<String>), refusedByPandoc, differs(String) }

    static func compare(ours: String, pandoc: String?) -> Verdict {
        guard let pandoc else { return .refusedByPandoc }
        let mine = MathMLCanon.tokens(ours), theirs = MathMLCanon.tokens(pandoc)
        if mine == theirs { return .identical }
        var used: Set<String> = []
        var firstUnexplained: Int?
        if mine.count == theirs.count {
            for k in mine.indices where mine[k] != theirs[k] {
                let next = k + 1 < theirs.count ? theirs[k + 1] : nil
                guard let d = acceptedDifferences.first(where: { $0.allows(mine[k], theirs[k], next) }) else {
                    firstUnexplained = k; break
                }
                used.insert(d.name)
            }
            if firstUnexplained == nil { return .accepted(used) }
        }
        let k = firstUnexplained
            ?? zip(mine, theirs).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
            ?? min(mine.count, theirs.count)
        let ctx = { (t: [Token]) in t[max(0, k - 3)..<min(t.count, k + 6)].map(\.description).joined(separator: " ") }
        return .differs("ours:   \(ctx(mine))\npandoc: \(ctx(theirs))")
    }

    /// Every formula in the study's notebooks, as the notebook parser finds them.
    static func notebookEntries() throws -> [Entry] {
        let notebooks = corpusDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("notebooks")
        let files = try FileManager.default.contentsOfDirectory(atPath: notebooks.path).filter { $0.hasSuffix(".md") }.sorted()
        var out: [Entry] = []
        for file in files {
            let text = try String(contentsOf: notebooks.appendingPathComponent(file), encoding: .utf8)
            let document = try parseNotebook(text, path: "notebooks/" + file)
            var seen: Set<String> = []
            func visit(_ inlines: [Inline]) {
                for inline in inlines {
                    switch inline {
                    case .math(let m):
                        if seen.insert(m.tex).inserted {
                            out.append(Entry(tex: m.tex, display: m.display, origin: "notebooks/\(file):\(m.position.line)"))
                        }
                    case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c): visit(c)
                    default: break
                    }
                }
            }
            func walk(_ blocks: [Block]) {
                for b in blocks {
                    switch b.kind {
                    case .heading(_, let c, _), .paragraph(let c): visit(c)
                    case .table(_, let header, let rows): header.forEach(visit); rows.forEach { $0.forEach(visit) }
                    case .blockQuote(let inner): walk(inner)
                    case .list(_, _, _, let items): items.forEach(walk)
                    default: break
                    }
                }
            }
            walk(document.blocks)
        }
        return out
    }

    @Test func corpusMatchesPandoc() throws {
        let study = try Self.notebookEntries()
        let entries = study + (try Self.torchEntries())
        let reference = try Self.pandoc(entries)
        var identical = 0, accepted: [String: Int] = [:], refused: [String] = [], failures: [String] = []
        for (entry, theirs) in zip(entries, reference) {
            let ours: String
            do { ours = try TeXMath.convert(entry.tex, display: entry.display).mathML }
            catch { failures.append("\(entry.origin): we refuse \(entry.tex): \(error)"); continue }
            switch Self.compare(ours: ours, pandoc: theirs) {
            case .identical: identical += 1
            case .accepted(let names): names.forEach { accepted[$0, default: 0] += 1 }
            case .refusedByPandoc: refused.append(entry.origin)
            case .differs(let detail): failures.append("\(entry.origin): \(entry.tex)\n\(detail)")
            }
        }
        print("corpus: \(entries.count) formulas (\(study.count) from the notebooks), \(identical) identical, "
            + "accepted differences \(accepted.sorted { $0.key < $1.key }), pandoc refused \(refused)")
        #expect(study.count >= 60, "the study's notebooks hold the formulas the corpus is built around")
        #expect(entries.count >= 150)
        #expect(refused.isEmpty, "pandoc could not convert: \(refused)")
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) differ:\n" + failures.joined(separator: "\n\n")))
    }
}
