import Testing
@testable import Notebook

/// Issue 16 item 6: the `input("…")` calls optnb finds before running, for
/// the cache key and for preview.
@Suite struct DeclaredInputTests {
    static let text = #"""
        # Inputs

        ```swift
        let losses = input("data/losses.csv")   // input("in a comment.csv")
        let text = "input(\"in a string.csv\")"
        let other = reader.input("a method of something else.csv")
        let mine = myinput("not ours.csv")
        /* input("in a block comment.csv") */
        let spaced = input ( "spaced.csv" )
        ```

        ```swift eval=false
        let skipped = input("not evaluated.csv")
        ```

        > ```swift
        > let quoted = input("/abs/quoted.csv"); let again = input("data/losses.csv")
        > let name = "x.csv"; let dynamic = input(name); let interpolated = input("\(name)")
        > ```
        """#

    @Test func literalsOfEvaluatedBlocksWithTheirPlaces() throws {
        let doc = try parseNotebook(Self.text, path: "notebooks/study.md")
        let found = doc.declaredInputs
        #expect(found.map(\.path) == ["data/losses.csv", "spaced.csv", "/abs/quoted.csv", "data/losses.csv"])
        #expect(found.map(\.position.line) == [4, 9, 17, 17])
        #expect(found[0].position.column == 14)
        #expect(found.map(\.blockIndex) == [0, 0, 2, 2])
    }

    @Test func inputFilesAreBesideTheNotebookEachOnce() throws {
        let doc = try parseNotebook(Self.text, path: "notebooks/study.md")
        #expect(doc.inputFiles == ["notebooks/data/losses.csv", "notebooks/spaced.csv", "/abs/quoted.csv"])
        let here = try parseNotebook(Self.text, path: "study.md")
        #expect(here.inputFiles.first == "data/losses.csv")
    }

    @Test func escapesInTheLiteral() {
        #expect(InputScanner.literals(in: #"input("a\"b\\c.csv")"#).map(\.path) == [#"a"b\c.csv"#])
        #expect(InputScanner.literals(in: #"input("""#).isEmpty)
        #expect(InputScanner.literals(in: "input(\"unterminated\n").isEmpty)
        #expect(InputScanner.literals(in: ##"input(#"raw.csv"#)"##).isEmpty, "not a plain literal")
    }
}
