import Optimizers
import Testing

/// Builds one of the six optimizers over the given parameters.
struct OptimizerFactory: CustomTestStringConvertible, Sendable {
    let name: String
    let make: @Sendable ([Parameter<Double>]) throws -> any Optimizer<Double>

    var testDescription: String { name }
}

private let factories: [OptimizerFactory] = [
    .init(name: "SGD") { try SGD($0, lr: 0.1, momentum: 0.9, nesterov: true) },
    .init(name: "Adagrad") { try Adagrad($0, lr: 0.1, lrDecay: 0.01) },
    .init(name: "RMSprop") { try RMSprop($0, lr: 0.01, momentum: 0.5, centered: true) },
    .init(name: "Adam") { try Adam($0, lr: 0.01, amsgrad: true) },
    .init(name: "AdamW") { try AdamW($0, lr: 0.01) },
    .init(name: "NAdam") { try NAdam($0, lr: 0.01) },
]

@Suite("Library optimizers: per-parameter state")
struct LibraryOptimizerStateTests {
    @Test("a parameter whose grad is nil is skipped: value and step count unchanged", arguments: factories)
    func nilGradientSkips(_ factory: OptimizerFactory) throws {
        let a = Parameter([0.3, -0.7], name: "a"), b = Parameter([1.5, 2.5, -0.5], name: "b")
        let optimizer = try factory.make([a, b])
        let gradients: [[Double]] = [[0.2, -0.1], [0.4, 0.3], [-0.6, 0.9]]
        for g in gradients {
            a.grad = g
            b.grad = nil
            optimizer.step()
        }
        #expect(b.value == [1.5, 2.5, -0.5])

        // b's first real step must be exactly the first step of a fresh
        // optimizer: its state (step count, moments) was never touched.
        a.grad = nil
        b.grad = [0.1, -0.2, 0.3]
        optimizer.step()
        let fresh = Parameter([1.5, 2.5, -0.5])
        fresh.grad = [0.1, -0.2, 0.3]
        try factory.make([fresh]).step()
        #expect(b.value == fresh.value)

        // a's trajectory is that of an optimizer that never saw b, and a
        // was skipped on the last step.
        let alone = Parameter([0.3, -0.7])
        let solo = try factory.make([alone])
        for g in gradients {
            alone.grad = g
            solo.step()
        }
        #expect(a.value == alone.value)
    }

    @Test("Adam's state holds the step count and moments per parameter")
    func adamState() throws {
        let a = Parameter([1.0]), b = Parameter([2.0])
        let adam = try Adam([a, b], lr: 0.1)
        a.grad = [1]
        adam.step()
        adam.step()
        #expect(adam.state[0].step == 2)
        #expect(adam.state[1].step == 0)
        #expect(adam.state[1].expAvg.isEmpty && adam.state[1].expAvgSq.isEmpty)
        #expect(adam.state[0].maxExpAvgSq.isEmpty)  // only with amsgrad
    }

    @Test("zeroGrad sets every gradient to nil, so the next step changes nothing")
    func zeroGrad() throws {
        let a = Parameter([1.0, 2.0])
        let adam = try Adam([a], lr: 0.1)
        a.grad = [1, 1]
        adam.step()
        let after = a.value
        adam.zeroGrad()
        #expect(a.grad == nil)
        adam.step()
        #expect(a.value == after)
        #expect(adam.state[0].step == 1)
    }

    @Test("a gradient whose count differs from the parameter's stops the program")
    func mismatchedGradient() async {
        await #expect(processExitsWith: .failure) {
            let p = Parameter<Double>([1, 2], name: "w")
            p.grad = [1]
            let sgd = try? SGD([p], lr: 0.1)
            sgd?.step()
        }
    }
}
