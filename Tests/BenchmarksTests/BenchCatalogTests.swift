@testable import Benchmarks
import Optimizers
import Testing

/// `optnb bench` builds its library optimizers through Replay's torch
/// catalog: each benchmark is a torch class with torch's defaults but for
/// the options its name asks for.
@Suite("bench optimizers from the torch catalog")
struct BenchCatalogTests {
    @Test("each benchmark is its torch class, lowercased, with lr 1e-3")
    func classes() throws {
        for optimizer in BenchOptimizer.allCases {
            let (name, options) = optimizer.torch
            #expect(optimizer.name.hasPrefix(name.lowercased()), "\(optimizer.name)")
            #expect(options["lr"] == .number(1e-3), "\(optimizer.name)")
        }
    }

    @Test("the options a name asks for reach the optimizer; the rest are torch's defaults")
    func options() throws {
        let p = [Parameter<Float>([1, 2, 3])]
        let nesterov = try #require(try BenchOptimizer.sgdNesterov.library(p, threads: 3) as? SGD<Float>)
        #expect(nesterov.lr == 1e-3 && nesterov.momentum == 0.9 && nesterov.nesterov && nesterov.dampening == 0)
        #expect(nesterov.threads == 3)
        // torch.optim.AdamW's own default weight_decay is 0.01 (Adam's is 0).
        let adamw = try #require(try BenchOptimizer.adamw.library(p, threads: 1, root: .torchMKL) as? AdamW<Float>)
        #expect(adamw.weightDecay == 0.01 && adamw.betas.0 == 0.9 && adamw.betas.1 == 0.999 && adamw.squareRoot == .torchMKL)
        let sgd = try #require(try BenchOptimizer.sgd.library(p, threads: 1) as? SGD<Float>)
        #expect(sgd.momentum == 0 && !sgd.nesterov)
    }
}
