import Foundation
import Testing
import Outcome
import Notebook
import Records
@testable import Regression

@Suite struct ToleranceTests {
    let t = Closeness.check

    @Test func withinAndOutside() {
        // |Δ| = 1e-9 ≤ 1e-12 + 1e-9·1 holds; 1.1e-9 does not (hand-derived bound).
        #expect(t.accepts(1 + 1e-9, reference: 1))
        #expect(!t.accepts(1 + 1.1e-9, reference: 1))
        // Near zero only atol counts.
        #expect(t.accepts(5e-13, reference: 0))
        #expect(!t.accepts(2e-12, reference: 0))
    }

    @Test func nonFinite() {
        #expect(t.accepts(.nan, reference: .nan))
        #expect(!t.accepts(.nan, reference: 1))
        #expect(!t.accepts(1, reference: .nan))
        #expect(t.accepts(.infinity, reference: .infinity))
        #expect(!t.accepts(-.infinity, reference: .infinity))
        #expect(!t.accepts(1e308, reference: .infinity))
        #expect(t.accepts(-0.0, reference: 0.0))
    }

    @Test("expectClose's rule differs from check's on NaN against NaN, and nowhere else")
    func theTwoNaNRules() {
        let claim = Closeness(rtol: t.rtol, atol: t.atol, nonFinite: .nanNeverClose)
        #expect(!claim.accepts(.nan, reference: .nan))
        let values: [Double] = [0, 1, 1 + 1e-9, 1 + 1e-6, -1, .infinity, -.infinity, .nan, 1e308]
        for a in values { for b in values where !(a.isNaN && b.isNaN) {
            #expect(claim.accepts(a, reference: b) == t.accepts(a, reference: b), "\(a) vs \(b)")
        } }
        // An infinite reference allows an infinite error, which is still refused.
        #expect(!t.accepts(1, reference: .infinity) && t.allowed(reference: .infinity) == .infinity)
        #expect(t.excess(1, reference: 1 + 5e-10) < 0 && t.excess(1, reference: 2) > 0)
    }
}

@Suite struct CompareTests {
    func file(_ values: [String: ResultValue]) -> ResultsFile {
        ResultsFile(notebook: "n.md", environment: ["swift": "x"], values: values)
    }

    @Test func reportsChangedMissingAndNew() {
        let base = file(["a/x": .init(.number(1.0)), "a/gone": .init(.number(2)),
                         "a/s": .init(.series([1, 2, 3]))])
        let now = file(["a/x": .init(.number(1.5)), "a/fresh": .init(.number(3)),
                        "a/s": .init(.series([1, 2, 3]))])
        let d = compareResults(baseline: base, now: now)
        #expect(d.map(\.key) == ["a/fresh", "a/gone", "a/x"])
        #expect(d.map(\.kind) == [.new, .missing, .changed])
        #expect(d[2].baseline == 1.0 && d[2].now == 1.5)
        #expect(d[2].relativeDifference == 0.5)
    }

    @Test func seriesNamesFirstElementOutOfTolerance() {
        let base = file(["b/loss": .init(.series([4, 3, 2, 1]))])
        let now = file(["b/loss": .init(.series([4, 3, 2.5, 9]))])
        let d = compareResults(baseline: base, now: now)
        #expect(d.count == 1)
        #expect(d.first?.index == 2)
        #expect(d.first?.baseline == 2 && d.first?.now == 2.5)
    }

    @Test func seriesLengthChangeIsDrift() {
        let d = compareResults(baseline: file(["k": .init(.series([1, 2]))]),
                               now: file(["k": .init(.series([1, 2, 3]))]))
        #expect(d.first?.note == "length 2 → 3")
    }

    @Test func volatileNeverCompared() {
        let d = compareResults(baseline: file(["t": .init(.number(1), volatile: true)]),
                               now: file(["t": .init(.number(99), volatile: true)]))
        #expect(d.isEmpty)
    }

    @Test func eachValueIsJudgedByItsBlocksTolerance() {
        let base = file(["loose/x": .init(.number(1)), "tight/x": .init(.number(1))])
        // The block a value carries decides, not its key: "tight/x" claims to be from "loose".
        let now = file(["loose/x": .init(.number(1.001), block: "loose"),
                        "tight/x": .init(.number(1.001), block: "tight"),
                        "loose/y": .init(.number(1), block: "loose")])
        var loose = Closeness.check
        loose.rtol = 1e-2
        let d = compareResults(baseline: base, now: now,
                               tolerances: Tolerances(notebook: .check, blocks: ["loose": loose]))
        #expect(d.map(\.key) == ["loose/y", "tight/x"])
        #expect(d.map(\.kind) == [.new, .changed])
    }

    @Test func blockOptionsFallBackToTheNotebooksDirective() throws {
        let doc = try parseNotebook("""
            <!-- optnb check rtol=1e-6 -->

            ```swift id=a atol=0.5
            ```

            ```swift id=b
            ```
            """, path: "n.md")
        let t = Tolerances(doc)
        #expect(t.notebook.rtol == 1e-6 && t.notebook.atol == Closeness.check.atol)
        #expect(t.for(block: "a").rtol == 1e-6 && t.for(block: "a").atol == 0.5)
        #expect(t.for(block: "b") == t.notebook && t.for(block: nil) == t.notebook)
    }
}

@Suite struct ResultsFileTests {
    @Test func roundTripsThroughDiskWithNonFiniteValues() throws {
        let f = ResultsFile(notebook: "notebooks/a.md", environment: ["optnb": "0.1"], values: [
            "b/nan": .init(.number(.nan)), "b/s": .init(.series([1, .infinity, -.infinity])),
            "b/t": .init(.number(0.1), volatile: true, line: 12),
        ])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rf-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try f.encoded().write(to: url)
        let back = try ResultsFile.load(from: url)
        #expect(back.values["b/nan"]?.content != nil)
        if case .number(let v) = back.values["b/nan"]!.content { #expect(v.isNaN) } else { Issue.record("not a number") }
        #expect(back.values["b/s"] == f.values["b/s"])
        #expect(back.values["b/t"] == f.values["b/t"])
    }

    @Test(arguments: [
        ("{not json", "is not"),
        (#"{"format":"optnb-results/1","notebook":"n","environment":{},"values":{"k":{"volatile":true}}}"#, "needs \"value\" or \"series\""),
        (#"{"format":"other/9","notebook":"n","environment":{},"values":{}}"#, "has format \"other/9\""),
        (#"{"format":"optnb-results/1","environment":{},"values":{}}"#, "missing field \"notebook\""),
    ])
    func corruptedFileNamesTheFile(text: String, expected: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        let error = #expect(throws: ResultsFileError.self) { try ResultsFile.load(from: url) }
        #expect(error?.description.hasPrefix(url.path + ":") == true)
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }
}

@Suite struct FlattenTests {
    @Test func keysAreBlockAndRecordNames() {
        let outcome = NotebookOutcome(blocks: [
            BlockOutcome(index: 0, id: "setup", status: .ok, records: [
                .scalar(.init(name: "final loss", value: 0.25)),
                .scalar(.init(name: "final loss", value: 0.5)),
                .table(.init(name: "summary", columns: ["optimizer", "loss", "ms"],
                             rows: [[.text("Adam"), .number(0.1), .number(3)],
                                    [.number(7), .number(0.2), .number(4)]],
                             volatileColumns: ["ms"])),
                .plot(.init(name: "curves", title: "t", series: [.init(label: "SGD", y: [3, 2])])),
                .expectation(.init(message: "m", passed: true, detail: "")),
            ]),
        ])
        let f = ResultsFile(notebook: "n.md", environment: [:], outcome: outcome)
        #expect(Set(f.values.keys) == [
            "setup/final loss", "setup/final loss#2",
            "setup/summary/Adam/loss", "setup/summary/Adam/ms",
            "setup/summary/2/optimizer", "setup/summary/2/loss", "setup/summary/2/ms",
            "setup/curves/SGD",
        ])
        #expect(f.values["setup/summary/Adam/ms"]?.volatile == true)
        #expect(f.values.values.allSatisfy { $0.block == "setup" }, "each value carries its block")
        #expect(f.values["setup/final loss#2"]?.content == .number(0.5))
    }
}

@Suite struct DriftFormatTests {
    @Test func githubAnnotationNamesFileAndLine() {
        let d = Drift(key: "b/x", kind: .changed, baseline: 1, now: 2, index: nil, note: nil, line: 42)
        let s = formatDrift([d], notebook: "notebooks/a,b.md", format: .github)
        #expect(s == "::error file=notebooks/a%2Cb.md,line=42,title=optnb check::notebooks/a,b.md:42: error: b/x: changed: 1.0 → 2.0 (rel 1.0)")
    }

    @Test func tableHasHeaderAndRightAlignedNumbers() {
        let d = [Drift(key: "k", kind: .changed, baseline: 10, now: 12.5, index: 3, note: nil, line: nil)]
        let lines = formatDrift(d, notebook: "n", format: .text).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("key"))
        #expect(lines[1].hasPrefix("k[3]"))
        #expect(lines[1].hasSuffix("0.25"))
    }
}
