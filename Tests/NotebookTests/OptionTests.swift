import Testing
@testable import Notebook

@Suite struct OptionTests {
    /// One swift block whose fence is on line 3, column 1.
    func block(_ info: String) -> String {
        "# T\n\n```\(info)\nlet x = 1\n```\n"
    }

    @Test func defaultsWhenOnlySwiftIsGiven() throws {
        let e = try parseNotebook(block("swift"), path: "nb.md").experiments
        #expect(e == [ExperimentBlock(index: 0, id: "block-1", echo: true, eval: true,
                                      rtol: nil, atol: nil, code: "let x = 1\n",
                                      fenceLine: 3, codeLine: 4)])
    }

    @Test func allOptionsInAnyOrderWithExtraSpacesAndTabs() throws {
        let e = try parseNotebook(block("swift  atol=2.5e-3\teval=false id=My_run-2 rtol=0x1p-4 echo=false"),
                                  path: "nb.md").experiments
        try #require(e.count == 1)
        #expect(e[0].id == "My_run-2")
        #expect(e[0].echo == false && e[0].eval == false)
        #expect(e[0].atol == 0.0025 && e[0].rtol == 0.0625)
    }

    @Test func negativeZeroToleranceIsStoredAsZero() throws {
        let e = try parseNotebook(block("swift rtol=-0"), path: "nb.md").experiments
        #expect(e.first?.rtol == 0)
        #expect(e.first?.rtol?.sign == .plus)
    }

    @Test func tildeFencesAndSwiftOnlyAsTheWholeFirstWord() throws {
        let text = "~~~swift id=t\na\n~~~\n\n```Swift\nb\n```\n\n```swift,id=x\nc\n```\n\n```swiftui\nd\n```\n"
        let doc = try parseNotebook(text, path: "nb.md")
        #expect(doc.experiments.map(\.id) == ["t"])
        let languages = doc.blocks.compactMap { block -> String? in
            if case .code(let language, _) = block.kind { language } else { nil }
        }
        #expect(languages == ["Swift", "swift,id=x", "swiftui"])
    }

    @Test(arguments: [
        ("swift eco=true",
         "unknown option 'eco' in swift block; known options: id, echo, eval, fold, rtol, atol"),
        ("swift echo",
         "option 'echo' in swift block is not key=value; write options as key=value, e.g. id=adam-lr echo=false"),
        ("swift =true",
         "option '=true' in swift block is not key=value; write options as key=value, e.g. id=adam-lr echo=false"),
        ("swift echo=yes",
         "invalid value 'yes' for echo in swift block; use echo=true or echo=false"),
        ("swift eval=False",
         "invalid value 'False' for eval in swift block; use eval=true or eval=false"),
        ("swift id=a.b",
         "invalid id 'a.b' in swift block; use one or more of A-Z, a-z, 0-9, '_' and '-'"),
        ("swift id=",
         "invalid id '' in swift block; use one or more of A-Z, a-z, 0-9, '_' and '-'"),
        ("swift id=café",
         "invalid id 'café' in swift block; use one or more of A-Z, a-z, 0-9, '_' and '-'"),
        ("swift rtol=-1e-6",
         "invalid value '-1e-6' for rtol in swift block; use a non-negative finite number, e.g. rtol=1e-6"),
        ("swift atol=nan",
         "invalid value 'nan' for atol in swift block; use a non-negative finite number, e.g. atol=1e-6"),
        ("swift atol=inf",
         "invalid value 'inf' for atol in swift block; use a non-negative finite number, e.g. atol=1e-6"),
        ("swift rtol=1e400",
         "invalid value '1e400' for rtol in swift block; use a non-negative finite number, e.g. rtol=1e-6"),
        ("swift rtol=",
         "invalid value '' for rtol in swift block; use a non-negative finite number, e.g. rtol=1e-6"),
        ("swift rtol=1,5",
         "invalid value '1,5' for rtol in swift block; use a non-negative finite number, e.g. rtol=1e-6"),
        ("swift echo=true echo=false",
         "option 'echo' given twice in swift block; keep one"),
        ("swift id=a id=a",
         "option 'id' given twice in swift block; keep one"),
    ])
    func badOptionIsAnErrorAtTheFence(info: String, message: String) throws {
        let error = try #require(parseError(block(info), path: "notes/run.md"))
        #expect(error.message == message)
        #expect(error.position == SourcePosition(line: 3, column: 1))
        #expect(error.description == "notes/run.md:3:1: \(message)")
    }

    @Test func errorInsideAListItemNamesTheFenceColumn() throws {
        let text = "- item\n\n  ```swift echo=maybe\n  x\n  ```\n"
        let error = try #require(parseError(text))
        #expect(error.position == SourcePosition(line: 3, column: 3))
    }

    @Test func duplicateExplicitIdNamesBothLines() throws {
        let text = "```swift id=run\na\n```\n\ntext\n\n```swift id=run\nb\n```\n"
        let error = try #require(parseError(text))
        #expect(error.position == SourcePosition(line: 7, column: 1))
        #expect(error.message
            == "id 'run' is already used by the swift block at line 1; give each swift block its own id=")
    }

    @Test func defaultIdCollidingWithAnEarlierExplicitId() throws {
        // The second block's default is block-2, which the first block took.
        let text = "```swift id=block-2\na\n```\n\n```swift\nb\n```\n"
        let error = try #require(parseError(text))
        #expect(error.position == SourcePosition(line: 5, column: 1))
        #expect(error.message == "this block's default id 'block-2' is already used by the swift block "
            + "at line 1; give each swift block its own id=")
    }

    @Test func explicitIdCollidingWithAnEarlierDefault() throws {
        let text = "> ```swift\n> a\n> ```\n\n```swift id=block-1\nb\n```\n"
        let error = try #require(parseError(text))
        #expect(error.position == SourcePosition(line: 5, column: 1))
        #expect(error.message.hasPrefix("id 'block-1' is already used by the swift block at line 1;"))
    }

    @Test func defaultIdsCountOnlyExperimentsAndExplicitIdsStillCount() throws {
        let text = "```python\np\n```\n\n```swift id=a\n1\n```\n\n```swift\n2\n```\n"
        let e = try parseNotebook(text, path: "nb.md").experiments
        #expect(e.map(\.id) == ["a", "block-2"])
        #expect(e.map(\.fenceLine) == [5, 9])
    }
}
