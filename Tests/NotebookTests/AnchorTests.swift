import Testing
@testable import Notebook

@Suite struct AnchorTests {
    @Test(arguments: [
        ("Hello World", "hello-world"),
        ("  Adam: β₁ = 0.9, lr = 1e-3!  ", "adam-β₁-0-9-lr-1e-3"),
        ("C++ & Swift (2024)", "c-swift-2024"),
        ("snake_case --- and/or", "snake-case-and-or"),
        ("Über Straße", "über-straße"),
        ("ΣΙΓΜΑ", "σιγμα"),
        ("最速降下法", "最速降下法"),
        ("🚀 Launch 🚀", "launch"),
        ("!!!", "section"),
        ("", "section"),
    ])
    func slug(text: String, expected: String) {
        #expect(AnchorSet.slug(text) == expected)
    }

    @Test func decomposedAccentStaysWithItsLetter() {
        // "e" + COMBINING ACUTE ACCENT: the mark is kept, not turned into a dash.
        #expect(AnchorSet.slug("Cafe\u{301} noir").unicodeScalars.map(\.value)
            == "cafe\u{301}-noir".unicodeScalars.map(\.value))
    }

    @Test func longHeadingsAreCut() {
        let slug = AnchorSet.slug(String(repeating: "ab ", count: 100))
        #expect(slug.unicodeScalars.count <= AnchorSet.maxSlugScalars)
        #expect(slug.hasPrefix("ab-ab-") && !slug.hasSuffix("-"))
    }

    @Test func duplicatesGetNumberedAndSkipTakenNumbers() throws {
        let text = "# Results\n\n## Results\n\n## Results 2\n\n## Results\n\n## results!\n\n## ?\n\n## …\n"
        let doc = try parseNotebook(text, path: "nb.md")
        #expect(anchors(doc) == ["results", "results-2", "results-2-2", "results-3", "results-4",
                                 "section", "section-2"])
    }

    @Test func anchorUsesPlainTextOfFormattedHeading() throws {
        let doc = try parseNotebook("## The `step()` of *Adam* <b>now</b> [link](x)\n", path: "nb.md")
        #expect(anchors(doc) == ["the-step-of-adam-now-link"])
    }

    @Test func anchorsAreUniqueAcrossQuotesAndLists() throws {
        let doc = try parseNotebook("# A\n\n> # A\n\n- # A\n", path: "nb.md")
        #expect(anchors(doc) == ["a", "a-2", "a-3"])
    }

    @Test func titleIsThePlainTextOfTheFirstTopLevelH1() throws {
        let doc = try parseNotebook(
            "> # Quoted\n\n## Intro\n\nSetext *title*\n=====\n\n# Later\n", path: "nb.md")
        #expect(doc.title == "Setext title")
    }

    @Test func titleJoinsLinesAndKeepsCodeAndAltText() throws {
        let doc = try parseNotebook("Adam on `f` with ![alt](p.png)\nand more\n===\n", path: "nb.md")
        #expect(doc.title == "Adam on f with alt and more")
    }

    @Test func noH1MeansNoTitle() throws {
        #expect(try parseNotebook("## Only a subsection\n\ntext\n", path: "nb.md").title == nil)
        #expect(try parseNotebook("", path: "nb.md").title == nil)
    }
}
