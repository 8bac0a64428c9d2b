import Foundation
import Notebook
import Outcome
import Records
import HTMLPages

/// A notebook that uses every kind of block and record, with an outcome
/// that has every status: the input of the whole-page tests.
enum Sample {
    static let document = Document(path: "notebooks/adam.md", title: "Adam, by the book", blocks: [
        Block(.heading(level: 1, content: [.text("Adam, by the book")], anchor: "adam-by-the-book"), at: at(1)),
        Block(.paragraph([.text("We compare "), .code("Adam"), .text(" with a "), .emphasis([.text("hand-written")]),
                          .text(" step, following "),
                          .link(destination: "https://arxiv.org/abs/1412.6980", title: "Kingma & Ba",
                                content: [.text("the paper")]),
                          .text("."), .softBreak, .strong([.text("Bit-exact")]), .text(" is the goal.")]), at: at(3)),
        Block(.heading(level: 2, content: [.text("Setup")], anchor: "setup"), at: at(6)),
        Block(.list(ordered: true, start: 3, tight: true, items: [
            [Block(.paragraph([.text("a linear model, 4 → 1")]), at: at(8))],
            [Block(.paragraph([.text("MSE loss")]), at: at(9))],
        ]), at: at(8)),
        Block(.code(language: "python", text: "torch.optim.Adam(params, lr=0.01)\n"), at: at(11)),
        experiment(0, "setup", line: 15, code: "let model = Linear(4, 1, seed: 0)\nreport(\"params\", 5)\n"),
        Block(.heading(level: 2, content: [.text("Library vs manual")], anchor: "library-vs-manual"), at: at(20)),
        experiment(1, "compare", line: 22, code: "let c = compare(Adam(lr: 0.01), adamStep, steps: 200)\n"),
        Block(.heading(level: 3, content: [.text("A trajectory")], anchor: "a-trajectory"), at: at(30)),
        experiment(2, "path", line: 32, echo: false, code: "plotTrajectory()\n"),
        Block(.heading(level: 2, content: [.text("Things that go wrong")], anchor: "things-that-go-wrong"), at: at(40)),
        Block(.blockQuote([Block(.paragraph([.text("A NaN is a result too.")]), at: at(42))]), at: at(42)),
        experiment(3, "diverge", line: 44, code: "let lr = 1e3\n"),
        experiment(4, "crash", line: 50, code: "fatalError(\"boom\")\n"),
        experiment(5, "later", line: 55, code: "print(\"never\")\n"),
        experiment(6, "skipped", line: 60, eval: false, code: "slowThing()\n"),
        Block(.thematicBreak, at: at(65)),
        Block(.html("<div>raw</div>"), at: at(67)),
        Block(.paragraph([.image(source: "figs/loss.png", title: "", alt: [.text("a loss curve")])]), at: at(69)),
    ])

    static var outcome: NotebookOutcome {
        let steps = 200
        let lib = (0...steps).map { 0.9 * exp(-Double($0) / 30) + 1e-4 }
        let diff = (0..<steps).map { $0 < 150 ? 0.0 : 1e-16 * Double($0 - 149) }
        var divergent = (0..<40).map { pow(1.5, Double($0)) }
        for i in 25..<40 { divergent[i] = .nan }
        let angles = (0...64).map { Double($0) / 64 * 2 * Double.pi }
        let contours = [0.5, 1, 2].map { r in
            Series(label: "f = \(r * r)", x: angles.map { r * 1.6 * cos($0) }, y: angles.map { r * sin($0) })
        }
        let pathX = (0...50).map { 1.5 * pow(0.93, Double($0)) * cos(Double($0) / 5) }
        let pathY = (0...50).map { 0.9 * pow(0.93, Double($0)) * sin(Double($0) / 5) }
        return NotebookOutcome(blocks: [
            BlockOutcome(index: 0, id: "setup", status: .ok, records: [
                .scalar(ScalarValue(name: "parameters", value: 5)),
                .scalar(ScalarValue(name: "initial loss", value: 0.900123456)),
                .scalar(ScalarValue(name: "setup time (s)", value: 0.00123, volatile: true)),
                .table(Table(name: "Hyper-parameters", columns: ["name", "value", "note"],
                             rows: [[.text("lr"), .number(0.01), .text("")],
                                    [.text("β₁"), .number(0.9), .text("")],
                                    [.text("ε"), .number(1e-8), .text("torch default")]])),
            ], stdout: "model ready\n"),
            BlockOutcome(index: 1, id: "compare", status: .ok, records: [
                .comparison(Comparison(name: "adam", title: "Adam vs adamStep", libraryLabel: "Adam(lr: 0.01)",
                                       manualLabel: "adamStep", steps: steps, libraryLoss: lib, manualLoss: lib,
                                       maxAbsDifference: diff, lossThreshold: 0.01,
                                       librarySecondsPerStep: 3.2e-6, manualSecondsPerStep: 2.9e-6)),
                .expectation(Expectation(message: "library and manual agree to 1e-12", passed: true,
                                         detail: "max |Δθ| = 5.1e-15 ≤ 1e-12", source: SourceLine(file: "adam.md", line: 26))),
                .expectation(Expectation(message: "loss halves in 20 steps", passed: false,
                                         detail: "0.47 > 0.45", source: SourceLine(file: "adam.md", line: 27))),
            ]),
            BlockOutcome(index: 2, id: "path", status: .ok, records: [
                .plot(Plot(name: "path", title: "Path on an elliptic bowl", kind: .trajectory, xLabel: "θ₁",
                           yLabel: "θ₂", series: [Series(label: "Adam", x: pathX, y: pathY)], contours: contours)),
            ]),
            BlockOutcome(index: 3, id: "diverge", status: .ok, records: [
                .plot(Plot(name: "div", title: "Loss with lr = 1e3", yLabel: "loss", yScale: .log,
                           series: [Series(label: "SGD", y: divergent)])),
            ], stderr: "warning: loss exceeded 1e6\n"),
            BlockOutcome(index: 4, id: "crash", status: .failed(Diagnostic(file: "adam.md", line: 51, severity: .error, message: "Fatal error: boom")),
                         stdout: "starting\n"),
            BlockOutcome(index: 5, id: "later", status: .notRun),
            BlockOutcome(index: 6, id: "skipped", status: .notRun),
        ])
    }

    static let options = ReportOptions(generationNote: "optnb 0.1 · Swift 6.3.1 · x86_64-linux")
}
