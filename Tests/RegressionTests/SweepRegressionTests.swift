import Testing
import Outcome
import Records
import Notebook
@testable import Regression

/// Every sweep metric is a checked number; a diverged point must stay diverged.
@Suite struct SweepRegressionTests {
    func results(_ values: [[Double]]) -> ResultsFile {
        let table = SweepTable(name: "grid", title: "", axes: [SweepAxisRecord(name: "lr", labels: ["0.1", "10"]),
                                                             SweepAxisRecord(name: "seed", labels: ["0", "1"])],
                               metrics: ["loss"], values: values, source: SourceLine(file: "n.md", line: 12))
        let outcome = NotebookOutcome(blocks: [BlockOutcome(index: 0, id: "b", status: .ok, records: [.sweep(table)])])
        return ResultsFile(notebook: "n.md", environment: [:], outcome: outcome)
    }

    @Test func everyPointIsKeyedByItsCoordinates() {
        let file = results([[0.5], [0.25], [.nan], [.infinity]])
        #expect(Set(file.values.keys) == ["b/grid/loss/lr=0.1, seed=0", "b/grid/loss/lr=0.1, seed=1",
                                          "b/grid/loss/lr=10, seed=0", "b/grid/loss/lr=10, seed=1"])
        #expect(file.values["b/grid/loss/lr=0.1, seed=1"]?.line == 12)
    }

    @Test func divergedMustStayDivergedAndFiniteMustStayClose() {
        let baseline = results([[0.5], [0.25], [.nan], [.infinity]])
        let tolerance = Tolerances(notebook: Closeness(rtol: 1e-6, atol: 0, nonFinite: .nanMatchesNaN))
        #expect(compareResults(baseline: baseline, now: baseline, tolerances: tolerance).isEmpty)
        let converged = results([[0.5], [0.25], [3.0], [.infinity]])
        let drift = compareResults(baseline: baseline, now: converged, tolerances: tolerance)
        #expect(drift.map(\.key) == ["b/grid/loss/lr=10, seed=0"] && drift.first?.now == 3)
        let diverged = results([[0.5], [.nan], [.nan], [.infinity]])
        #expect(compareResults(baseline: baseline, now: diverged, tolerances: tolerance).map(\.key)
                == ["b/grid/loss/lr=0.1, seed=1"])
        let moved = results([[0.5 * (1 + 1e-5)], [0.25], [.nan], [.infinity]])
        #expect(compareResults(baseline: baseline, now: moved, tolerances: tolerance).count == 1)
        #expect(compareResults(baseline: baseline, now: moved, tolerances: Tolerances(blocks: ["b": Closeness(rtol: 1e-4, atol: 0, nonFinite: .nanMatchesNaN)])).isEmpty,
                "the block's own tolerance applies to its sweep")
    }
}
