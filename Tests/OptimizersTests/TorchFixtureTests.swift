import Foundation
import Testing

/// A one-step, one-parameter trajectory with the given pieces spliced in.
private func trajectory(
    format: String = "\"optnb-trajectory/1\"", dtype: String = "\"float64\"", options: String = "{}",
    initial: String = "[1, 2]", gradients: String = "[[0.5, -1]]", extra: String = ""
) -> Data {
    Data("""
        {"format": \(format), "name": "t", "optimizer": "SGD", "options": \(options), "dtype": \(dtype),
         "parameters": [{"name": "p0", "shape": [2], "initial": \(initial)}],
         "steps": [{"gradients": \(gradients), "parameters": [[0.95, 2.1]]}]\(extra)}
        """.utf8)
}

@Suite struct TorchFixtureTests {
    /// Numbers from rprop-0-float64 that JSONSerialization on Linux reads
    /// one or two ulps off; the expected values are Swift's own literals.
    @Test func readsEveryDigitToTheNearestDouble() throws {
        let digits = "[1.5572058121183099, 0.8207880479713343, 1.3532357058194422, -0.8214025874956382]"
        let data = Data("""
            {"format": "optnb-trajectory/1", "name": "t", "optimizer": "SGD", "options": {}, "dtype": "float64",
             "parameters": [{"name": "p0", "shape": [4], "initial": \(digits)}], "steps": []}
            """.utf8)
        let f = try TorchFixture(json: data, file: "t.json")
        #expect(f.initial == [1.5572058121183099, 0.8207880479713343, 1.3532357058194422, -0.8214025874956382])
        #expect(f.initial == ["1.5572058121183099", "0.8207880479713343", "1.3532357058194422", "-0.8214025874956382"]
            .map { Double($0)! })
    }

    @Test func flattensStepsAndKeepsOptionKinds() throws {
        let f = try TorchFixture(
            json: trajectory(options: #"{"lr": 1, "nesterov": true, "betas": [0.8, 0.99], "note": "x"}"#),
            file: "t.json")
        #expect(f.name == "t" && f.optimizer == "SGD" && f.initial == [1, 2])
        #expect(f.steps.map(\.gradient) == [[0.5, -1]] && f.steps.map(\.parameters) == [[0.95, 2.1]])
        #expect(f.steps[0].loss == nil && f.model == nil)
        // 1 stays a number and true a flag: neither reads as the other.
        #expect(f.options["lr"] == .number(1) && f.options["nesterov"] == .flag(true))
        #expect(f.options["note"] == .text("x"))
        #expect(f.option("lr", default: 0.5) == 1 && f.option("momentum", default: 0.25) == 0.25)
        #expect(f.betas == (0.8, 0.99) && f.pair("etas", default: (0.5, 1.2)) == (0.5, 1.2))
    }

    @Test func readsTheClosedLoopModel() throws {
        let f = try TorchFixture("sgd-linear-mse")
        let model = try #require(f.model)
        #expect(model.weight.count == model.outFeatures * model.inFeatures && model.bias.count == model.outFeatures)
        #expect(model.inputs.count == model.samples * model.inFeatures)
        #expect(f.initial == model.weight + model.bias)
        #expect(f.steps.allSatisfy { $0.loss != nil })
    }

    static let refused: [(Data, String)] = [
        (trajectory(dtype: "\"float32\""), #"dtype is "float32", not "float64""#),
        (trajectory(format: "\"optnb-schedule/1\""), #"format is "optnb-schedule/1""#),
        (trajectory(extra: #", "error": "Invalid learning rate: -0.1""#), "refusal (Invalid learning rate: -0.1)"),
        (trajectory(extra: #", "lr_schedule": [0.1]"#), "lr_schedule"),
        (trajectory(gradients: "[null]"), "steps[0].gradients[0] is null"),
        (trajectory(gradients: "[[0.5]]"), "steps[0].gradients[0] holds 1 values, not 2"),
        (trajectory(initial: "[1, 2, 3]"), "parameters[0] (p0) has shape [2] but 3 initial values"),
        (trajectory(initial: #"[1, "2"]"#), "parameters[0].initial[1]: Expected to decode Double"),
        (trajectory(options: #"{"lr": [0.1, 0.2, {}]}"#), "options.lr:"),
        (Data(#"{"format": "optnb-trajectory/1", "dtype": "float64", "name": "t"}"#.utf8), "optimizer is missing"),
        (Data("[1, 2]".utf8), "top level: "),
        (Data("{\"format\":\n  [1, x]}".utf8), "not valid JSON at line 2, column 7"),
    ]

    @Test(arguments: refused)
    func badFilesFailNamingFileAndField(data: Data, reason: String) {
        do {
            _ = try TorchFixture(json: data, file: "bad.json")
            Issue.record("accepted; expected a failure about \(reason)")
        } catch let failure as TorchFixture.Failure {
            #expect(failure.file == "bad.json")
            #expect(failure.reason.contains(reason), "\(failure)")
        } catch {
            Issue.record("threw \(error), not a TorchFixture.Failure")
        }
    }

    @Test func aMissingFileIsNamed() {
        #expect {
            try TorchFixture("no-such-fixture")
        } throws: { ($0 as? TorchFixture.Failure)?.file == "no-such-fixture.json" }
    }

    /// A fixture that records a non-number where a number belongs fails the
    /// test that reads it, rather than falling back to torch's default.
    @Test func aWronglyTypedOptionFailsTheReader() throws {
        let f = try TorchFixture(json: trajectory(options: #"{"lr": true, "betas": [0.9]}"#), file: "t.json")
        var lr = 0.0, betas = (0.0, 0.0)
        withKnownIssue { lr = f.option("lr", default: 0.1) }
        withKnownIssue { betas = f.betas }
        #expect(lr.isNaN && betas.0.isNaN && betas.1.isNaN)
    }
}
