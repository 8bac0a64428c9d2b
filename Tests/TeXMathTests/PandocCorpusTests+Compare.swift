import Foundation
import Testing
@testable import TeXMath

extension PandocCorpusTests {
    /// A difference from pandoc's output that we keep on purpose; `apply`
    /// rewrites pandoc's canonical tokens into our form for that one
    /// construct, and the two must then be identical.
    struct AcceptedDifference: Sendable {
        var name: String
        var why: String
        var apply: @Sendable ([MathMLCanon.Token]) -> [MathMLCanon.Token]
    }

    static let acceptedDifferences: [AcceptedDifference] = []

    enum Verdict: Equatable { case identical, accepted([String]), refusedByPandoc, differs(String) }

    static func compare(ours: String, pandoc: String?) -> Verdict {
        guard let pandoc else { return .refusedByPandoc }
        let mine = MathMLCanon.tokens(ours)
        var theirs = MathMLCanon.tokens(pandoc)
        if mine == theirs { return .identical }
        var used: [String] = []
        for difference in acceptedDifferences {
            let rewritten = difference.apply(theirs)
            if rewritten != theirs { used.append(difference.name); theirs = rewritten }
            if mine == theirs { return .accepted(used) }
        }
        // First differing token, with some context, for the failure message.
        let k = zip(mine, theirs).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset ?? min(mine.count, theirs.count)
        let ctx = { (t: [MathMLCanon.Token]) in t[max(0, k - 3)..<min(t.count, k + 6)].map(\.description).joined(separator: " ") }
        return .differs("ours:   \(ctx(mine))\npandoc: \(ctx(theirs))")
    }

    @Test func corpusMatchesPandoc() throws {
        let entries = try Self.torchEntries()
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
        print("corpus: \(entries.count) formulas, \(identical) identical, accepted \(accepted), pandoc refused \(refused)")
        #expect(entries.count >= 150)
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) differ:\n" + failures.joined(separator: "\n\n")))
    }
}
