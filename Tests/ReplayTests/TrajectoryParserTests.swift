import Foundation
import Replay
import Testing

/// A small valid trajectory, hand-derived: SGD with lr 0.5 from θ = [1, 2]
/// with g = [0.5, −1] gives θ − 0.5·g = [0.75, 2.5] (exact in binary), and
/// from θ = [3] with g = None leaves [3].
func sgdTrajectory(
    top extra: String = "", optimizer: String = "SGD", options: String = #"{"lr": 0.5}"#,
    initial: String = "[1.0, 2.0]", shape: String = "[2]", gradient: String = "[0.5, -1.0]",
    after: String = "[0.75, 2.5]", parameterExtra: String = "", stepExtra: String = ""
) -> String {
    """
    {"format": "optnb-trajectory/1", "name": "hand-sgd", "source": "hand-derived",
     "optimizer": "\(optimizer)", "options": \(options), "dtype": "float64",
     "parameters": [{"name": "p0", "shape": \(shape), "initial": \(initial)\(parameterExtra)},
                    {"name": "p1", "shape": [1], "initial": [3.0]}],
     "steps": [{"gradients": [\(gradient), null], "parameters": [\(after), [3.0]]\(stepExtra)}],
     "tolerance": {"rtol": 1e-12, "atol": 0}\(extra)}
    """
}

/// Writes `text` to a fresh file in a temporary folder and returns its path.
func temporaryFile(_ text: String, name: String = "case.json") throws -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("optnb-replay-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// The error loading `text` raises, or nil when it loads.
func loadError(_ text: String) throws -> (path: String, error: TrajectoryError?) {
    let path = try temporaryFile(text)
    do {
        _ = try loadTrajectory(at: path)
        return (path, nil)
    } catch {
        return (path, error)
    }
}

@Suite("Trajectory parsing")
struct TrajectoryParserTests {
    @Test("the hand-derived SGD file passes, and a perturbed number fails at its location")
    func handDerivedReplay() throws {
        let good = replayFile(at: try temporaryFile(sgdTrajectory()))
        #expect(good.passed, "\(good.line)")
        #expect(good.worst?.error == 0)

        let bad = replayFile(at: try temporaryFile(sgdTrajectory(after: "[0.75, 2.5001]")))
        #expect(!bad.passed)
        let worst = try #require(bad.worst)
        #expect(worst.location == "steps[0] p0[1]")
        #expect(worst.actual == 2.5 && worst.expected == 2.5001)
        #expect(bad.line.hasPrefix("FAIL  hand-sgd  worst |a-e| 0.0001 "))
        #expect(bad.line.hasSuffix("at steps[0] p0[1]: got 2.5, torch 2.5001  1 number outside tolerance"))
    }

    @Test("NaN matches only NaN")
    func nanComparison() throws {
        // lr 0.5, g = NaN: θ becomes NaN in torch and here.
        let nanBoth = replayFile(at: try temporaryFile(sgdTrajectory(gradient: "[NaN, -1.0]", after: "[NaN, 2.5]")))
        #expect(nanBoth.passed, "\(nanBoth.line)")
        let nanExpected = replayFile(at: try temporaryFile(sgdTrajectory(after: "[NaN, 2.5]")))
        #expect(!nanExpected.passed)
        #expect(nanExpected.worst?.error == .infinity)
    }

    @Test("malformed JSON names the file, line and column")
    func malformed() throws {
        let (path, error) = try loadError("{\"format\": \"optnb-trajectory/1\",\n  \"name\": [1, 2,]}")
        let e = try #require(error)
        #expect(e.file == path)
        #expect(e.field == "line 2, column 17")
        #expect(e.message.hasPrefix("malformed JSON"))
        #expect(e.description.hasPrefix("\(path): line 2, column 17: malformed JSON"))
    }

    @Test(
        "unknown fields are refused wherever they appear",
        arguments: [
            (sgdTrajectory(top: #", "comment": "hi""#), "comment"),
            (sgdTrajectory(parameterExtra: #", "dtype": "float64""#), "parameters[0].dtype"),
            (sgdTrajectory(stepExtra: #", "loss": 1.0"#), "steps[0].loss"),
            (sgdTrajectory(top: #", "model": {"kind": "linear", "color": 1}"#), "model.color"),
        ])
    func unknownField(text: String, field: String) throws {
        let (path, error) = try loadError(text)
        let e = try #require(error)
        #expect(e.file == path)
        #expect(e.field == field)
        #expect(e.message.hasPrefix("unknown field"))
    }

    @Test("an unknown optimizer is refused, naming the field and the name")
    func unknownOptimizer() throws {
        let (path, error) = try loadError(sgdTrajectory(optimizer: "Lion"))
        let e = try #require(error)
        #expect(e.file == path)
        #expect(e.field == "optimizer")
        #expect(e.message.hasPrefix("unknown optimizer \"Lion\""))
    }

    @Test(
        "options the optimizer does not take, or of the wrong type, fail the replay naming the file and field",
        arguments: [
            (#"{"lr": 0.5, "betas": [0.9, 0.99]}"#, "options.betas",
             "invalid betas [0.9, 0.99]: SGD has no option betas; its options are lr, momentum, dampening, "
                + "weight_decay, nesterov, maximize"),
            (#"{"lr": "0.5"}"#, "options.lr", #"invalid lr "0.5": SGD takes a number for lr"#),
            (#"{"nesterov": 1}"#, "options.nesterov", "invalid nesterov 1: SGD takes true or false for nesterov"),
        ])
    func refusedOption(options: String, field: String, message: String) throws {
        let path = try temporaryFile(sgdTrajectory(options: options))
        // Read as given: torch's constructor is what checks keyword arguments.
        #expect(try loadTrajectory(at: path).options.count == 1 + (options.contains("betas") ? 1 : 0))
        let result = replayFile(at: path)
        #expect(!result.passed)
        #expect(result.message == "\(path): \(field): optnb refused options torch accepted: \(message)")
    }

    @Test("an option pair must hold two numbers")
    func refusedPair() throws {
        let path = try temporaryFile(sgdTrajectory(optimizer: "Adam", options: #"{"betas": [0.9]}"#))
        let result = replayFile(at: path)
        #expect(result.message == "\(path): options.betas: optnb refused options torch accepted: "
            + "invalid betas [0.9]: Adam takes a list of two numbers for betas")
    }

    @Test("numbers are read to the nearest double, as Python wrote them")
    func everyDigit() throws {
        // Numbers from rprop-0-float64 that JSONSerialization on Linux reads
        // an ulp or two off; the expected values are Swift's own literals.
        let digits = "[1.5572058121183099, 0.8207880479713343, 1.3532357058194422, -0.8214025874956382]"
        let t = try loadTrajectory(at: try temporaryFile(sgdTrajectory(
            initial: digits, shape: "[4]", gradient: "[0, 0, 0, 0]", after: digits)))
        #expect(t.parameters[0].initial == [1.5572058121183099, 0.8207880479713343, 1.3532357058194422, -0.8214025874956382])
    }

    @Test(
        "wrong types name the field and both types",
        arguments: [
            (sgdTrajectory(options: "[0.5]"), "options", "expected an object, found an array"),
            (sgdTrajectory(gradient: #"[0.5, true]"#), "steps[0].gradients[0][1]", "expected a number, found a boolean"),
            (sgdTrajectory(shape: #"[2.5]"#), "parameters[0].shape[0]", "expected a non-negative integer, found 2.5"),
            (sgdTrajectory(top: #", "lr_schedule": 0.1"#), "lr_schedule", "expected an array of numbers, found a number"),
        ])
    func wrongType(text: String, field: String, message: String) throws {
        let (path, error) = try loadError(text)
        let e = try #require(error)
        #expect(e.description == "\(path): \(field): \(message)")
        #expect(e.field == field)
        #expect(e.message == message)
    }

    @Test(
        "counts that disagree with shapes are refused",
        arguments: [
            (sgdTrajectory(initial: "[1.0, 2.0, 3.0]"), "parameters[0].initial", "shape [2] holds 2 values, found 3"),
            (sgdTrajectory(gradient: "[0.5]"), "steps[0].gradients[0]", "expected 2 numbers, found 1"),
            (sgdTrajectory(after: "[0.75]"), "steps[0].parameters[0]", "expected 2 numbers, found 1"),
            (sgdTrajectory(top: #", "lr_schedule": [0.1, 0.2]"#), "lr_schedule", "expected 1 number, found 2"),
        ])
    func shapeMismatch(text: String, field: String, message: String) throws {
        let (path, error) = try loadError(text)
        let e = try #require(error)
        #expect(e.description == "\(path): \(field): \(message)")
        #expect(e.field == field)
        #expect(e.message == message)
    }

    @Test("a missing required field is named")
    func missingField() throws {
        let text = sgdTrajectory().replacingOccurrences(of: #""dtype": "float64","#, with: "")
        let e = try #require(try loadError(text).error)
        #expect(e.field == "dtype")
        #expect(e.message == "missing")
    }

    @Test("replayFile turns a load error into a failed result naming the file")
    func replayFileReportsErrors() throws {
        let path = try temporaryFile("not json", name: "broken.json")
        let result = replayFile(at: path)
        #expect(!result.passed)
        #expect(result.name == "broken")
        #expect(result.message?.hasPrefix("\(path): line 1, column 1: malformed JSON") == true)
        let missing = replayFile(at: "/nonexistent/none.json")
        #expect(!missing.passed)
        #expect(missing.message == "/nonexistent/none.json: cannot read the file")
    }
}
