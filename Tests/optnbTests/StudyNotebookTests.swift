import Foundation
import Notebook
import Testing

/// The study's notebooks hold what they promise: every optimizer has one,
/// the manual rule they display is the library's code verbatim, and their
/// claims are asserted rather than only written.
@Suite struct StudyNotebookTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let study = ["sgd", "adagrad", "rmsprop", "adam", "nadam", "adamw", "overview"]

    func notebook(_ name: String) throws -> Document {
        let path = "notebooks/\(name).md"
        let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        return try parseNotebook(text, path: path)
    }

    /// All of Sources/Optimizers/ManualSteps, one string.
    static let manualSource: String = {
        let folder = root.appendingPathComponent("Sources/Optimizers/ManualSteps")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.sorted().compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }()

    @Test(arguments: study)
    func displayedManualRuleIsTheLibrarysCode(name: String) throws {
        let shown = try notebook(name).experiments.filter { $0.id.hasSuffix("-source") }
        #expect(!shown.isEmpty || name == "overview", "\(name).md shows no manual step function (an eval=false block with id …-source)")
        for block in shown {
            #expect(!block.eval, "\(name).md: block \(block.id) displays library code and must be eval=false")
            #expect(Self.manualSource.contains(block.code.trimmingCharacters(in: .newlines)),
                    "\(name).md:\(block.fenceLine): block \(block.id) is not verbatim in Sources/Optimizers/ManualSteps")
        }
    }

    @Test(arguments: study + ["beyond"])
    func claimsAreAsserted(name: String) throws {
        let code = try notebook(name).experiments.filter(\.eval).map(\.code).joined(separator: "\n")
        #expect(code.contains("expect("), "\(name).md asserts none of its claims")
    }
}
