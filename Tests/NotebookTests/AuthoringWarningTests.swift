import Testing
@testable import Notebook

/// 17.15: the parser's authoring warnings.
@Suite struct AuthoringWarningTests {
    @Test func anUnclosedFenceIsWarnedAtItsLine() throws {
        let doc = try parseNotebook("# T\n\n```swift\nlet x = 1\n\nSome prose.\n", path: "n.md")
        let e = try #require(doc.experiments.first)
        #expect(!e.closed)
        #expect(doc.warnings.count == 1)
        #expect(doc.warnings.first?.position.line == 3)
        #expect(doc.warnings.first?.message.contains("this code fence is never closed") == true)
    }

    @Test func closedFencesAreNotWarned() throws {
        let doc = try parseNotebook("# T\n\n```swift\nlet x = 1\n```\n\n~~~python\nx\n~~~\n\n- ```swift id=b\n  let y = 2\n  ```\n", path: "n.md")
        #expect(doc.experiments.allSatisfy { $0.closed })
        #expect(doc.warnings.isEmpty, "\(doc.warnings)")
    }

    @Test func aCapitalisedSwiftFenceIsWarned() throws {
        let doc = try parseNotebook("# T\n\n```Swift\nscalar(\"x\", 1)\n```\n", path: "n.md")
        #expect(doc.experiments.isEmpty)
        #expect(doc.warnings.map(\.position.line) == [3])
        #expect(doc.warnings.first?.message.contains("this 'Swift' block is shown but not run") == true)
    }
}
