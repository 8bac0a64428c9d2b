import Foundation
import Optimizers
import Replay
import Testing

/// The optimizer catalog read through a trajectory: torch's defaults for
/// absent options, written once, and refusals naming the option.
@Suite("Optimizer catalog")
struct OptimizerCatalogTests {
    static let optimizers = [
        "SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "NAdam", "Adamax", "RAdam", "Adadelta", "Rprop", "ASGD",
    ]

    func arguments(_ optimizer: String, _ options: String = "{}") throws -> [String: TorchArgument] {
        try loadTrajectory(at: try temporaryFile(sgdTrajectory(optimizer: optimizer, options: options)))
            .optimizerArguments()
    }

    @Test("every optimizer builds from torch's defaults alone", arguments: optimizers)
    func defaults(optimizer: String) throws {
        let resolved = try arguments(optimizer)
        #expect(resolved["lr"] != nil && resolved["maximize"] == .flag(false))
    }

    /// Values from torch 2.x's signatures (torch/optim/*.py), where the
    /// optimizers differ from each other.
    @Test("the defaults are torch's")
    func torchDefaults() throws {
        #expect(try arguments("Adam")["weight_decay"] == .number(0))
        #expect(try arguments("AdamW")["weight_decay"] == .number(0.01))
        #expect(try arguments("AdamW")["decoupled_weight_decay"] == nil)
        #expect(try arguments("NAdam")["lr"] == .number(0.002) && arguments("RAdam")["lr"] == .number(0.001))
        #expect(try arguments("Adagrad")["eps"] == .number(1e-10) && arguments("Adadelta")["eps"] == .number(1e-6))
        #expect(try arguments("Rprop")["step_sizes"] == .numbers([1e-6, 50]))
        #expect(try arguments("Adam", #"{"betas": [0.8, 0.9]}"#)["betas"] == .numbers([0.8, 0.9]))
    }

    @Test("an option the class does not take is refused with the options it takes")
    func leftovers() throws {
        #expect(throws: InvalidOption(
            option: "momentum", value: "0.9",
            reason: "Adagrad has no option momentum; its options are lr, lr_decay, weight_decay, "
                + "initial_accumulator_value, eps, maximize")
        ) { _ = try arguments("Adagrad", #"{"momentum": 0.9}"#) }
        // AdamW has no switch for the decay it always decouples.
        #expect(throws: InvalidOption.self) { _ = try arguments("AdamW", #"{"decoupled_weight_decay": true}"#) }
    }

    /// torch reports an unexpected keyword argument before it checks the
    /// values; an ill-typed one is refused as soon as it is read.
    @Test("an unknown option is named before a value the class refuses, after an ill-typed one")
    func refusalOrder() throws {
        func refused(_ options: String) -> String? {
            do {
                _ = try arguments("SGD", options)
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(refused(#"{"lr": -1, "bogus": 1}"#)?.contains("SGD has no option bogus") == true)
        #expect(refused(#"{"lr": -1}"#)?.contains("Invalid learning rate") == true)
        #expect(refused(#"{"lr": "x", "bogus": 1}"#)?.contains("SGD takes a number for lr") == true)
    }

    @Test("every trajectory fixture that torch accepted names only options its optimizer takes")
    func fixtures() throws {
        for (path, trajectory) in Fixtures.trajectories {
            let t = try #require(trajectory, "\(path)")
            guard t.error == nil else { continue }
            let resolved = try t.optimizerArguments()
            #expect(Set(t.options.keys).isSubset(of: resolved.keys), "\(path)")
        }
    }
}
