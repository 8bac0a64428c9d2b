import Optimizers
import Testing

private func refuse(
    _ label: String, _ option: String, _ value: String,
    _ build: @escaping @Sendable ([Parameter<Double>]) throws -> Void
) -> RefusedOption {
    RefusedOption(label: label, option: option, value: value, build: build)
}

/// torch's checks for the rest of torch.optim (plus NaN, which optnb
/// refuses for every numeric option).
private let refusedOptions: [RefusedOption] = [
    refuse("Adamax negative lr", "lr", "-0.002") { _ = try Adamax($0, lr: -0.002) },
    refuse("Adamax NaN lr", "lr", "nan") { _ = try Adamax($0, lr: .nan) },
    refuse("Adamax negative eps", "eps", "-1e-08") { _ = try Adamax($0, eps: -1e-8) },
    refuse("Adamax beta1 = 1", "betas", "1.0") { _ = try Adamax($0, betas: (1, 0.999)) },
    refuse("Adamax negative beta2", "betas", "-0.5") { _ = try Adamax($0, betas: (0.9, -0.5)) },
    refuse("Adamax negative weight decay", "weight_decay", "-0.1") { _ = try Adamax($0, weightDecay: -0.1) },
    refuse("RAdam negative lr", "lr", "-0.001") { _ = try RAdam($0, lr: -0.001) },
    refuse("RAdam negative eps", "eps", "-1e-08") { _ = try RAdam($0, eps: -1e-8) },
    refuse("RAdam beta2 = 1", "betas", "1.0") { _ = try RAdam($0, betas: (0.9, 1)) },
    refuse("RAdam NaN beta1", "betas", "nan") { _ = try RAdam($0, betas: (.nan, 0.999)) },
    refuse("RAdam negative weight decay", "weight_decay", "-0.02") {
        _ = try RAdam($0, weightDecay: -0.02, decoupledWeightDecay: true)
    },
    refuse("Adadelta negative lr", "lr", "-1.0") { _ = try Adadelta($0, lr: -1) },
    refuse("Adadelta rho above 1", "rho", "1.5") { _ = try Adadelta($0, rho: 1.5) },
    refuse("Adadelta negative rho", "rho", "-0.1") { _ = try Adadelta($0, rho: -0.1) },
    refuse("Adadelta NaN rho", "rho", "nan") { _ = try Adadelta($0, rho: .nan) },
    refuse("Adadelta negative eps", "eps", "-1e-06") { _ = try Adadelta($0, eps: -1e-6) },
    refuse("Adadelta negative weight decay", "weight_decay", "-0.01") { _ = try Adadelta($0, weightDecay: -0.01) },
    refuse("Rprop negative lr", "lr", "-0.01") { _ = try Rprop($0, lr: -0.01) },
    refuse("Rprop etaminus = 1", "etas", "(1.0, 1.2)") { _ = try Rprop($0, etas: (1, 1.2)) },
    refuse("Rprop etaminus = 0", "etas", "(0.0, 1.2)") { _ = try Rprop($0, etas: (0, 1.2)) },
    refuse("Rprop etaplus below 1", "etas", "(0.5, 0.9)") { _ = try Rprop($0, etas: (0.5, 0.9)) },
    refuse("Rprop NaN etaplus", "etas", "(0.5, nan)") { _ = try Rprop($0, etas: (0.5, .nan)) },
    refuse("Rprop NaN step size", "step_sizes", "nan") { _ = try Rprop($0, stepSizes: (.nan, 50)) },
    refuse("ASGD negative lr", "lr", "-0.01") { _ = try ASGD($0, lr: -0.01) },
    refuse("ASGD negative weight decay", "weight_decay", "-0.5") { _ = try ASGD($0, weightDecay: -0.5) },
    refuse("ASGD NaN lambd", "lambd", "nan") { _ = try ASGD($0, lambd: .nan) },
    refuse("ASGD NaN alpha", "alpha", "nan") { _ = try ASGD($0, alpha: .nan) },
    refuse("ASGD NaN t0", "t0", "nan") { _ = try ASGD($0, t0: .nan) },
]

@Suite("Library optimizers beyond the six: construction")
struct MoreOptimizerConstructionTests {
    @Test("options torch refuses are refused, naming torch's keyword and the value", arguments: refusedOptions)
    func refused(_ c: RefusedOption) {
        do {
            try c.build([Parameter([1.0, 2.0])])
            Issue.record("\(c.label): accepted")
        } catch let error as InvalidOption {
            #expect(error.option == c.option)
            #expect(error.value == c.value)
            #expect(error.description.hasPrefix("invalid \(c.option) \(c.value): "))
        } catch {
            Issue.record("\(c.label): threw \(error), not InvalidOption")
        }
    }

    @Test("torch's messages: the reason names what was invalid")
    func reasons() {
        #expect(throws: InvalidOption(
            option: "etas", value: "(0.5, 0.9)", reason: "Invalid eta values (must be 0 < etaminus < 1 < etaplus)")
        ) { _ = try Rprop([Parameter([1.0])], etas: (0.5, 0.9)) }
        #expect(throws: InvalidOption(option: "rho", value: "1.5", reason: "Invalid rho value (must be in [0, 1])")) {
            _ = try Adadelta([Parameter([1.0])], rho: 1.5)
        }
    }

    @Test("the edges of torch's valid ranges, and what torch leaves unchecked, are accepted")
    func boundaries() throws {
        let p = [Parameter([1.0])]
        _ = try Adamax(p, lr: 0, betas: (0, 0), eps: 0, weightDecay: 0)
        _ = try RAdam(p, lr: 0, betas: (0, 0), eps: 0, weightDecay: 0)
        _ = try Adadelta(p, lr: 0, rho: 0, eps: 0)
        _ = try Adadelta(p, rho: 1)
        _ = try Rprop(p, lr: 0, etas: (1e-9, 1 + 1e-9), stepSizes: (5, 1))  // min > max: torch clamps to max
        _ = try ASGD(p, lr: 0, lambd: -1, alpha: -2, t0: -5)
    }

    @Test("defaults are torch's")
    func defaults() throws {
        let p = [Parameter<Float>([1])]
        let adamax = try Adamax(p)
        #expect(adamax.lr == 0.002 && adamax.betas == (0.9, 0.999) && adamax.eps == 1e-8 && adamax.weightDecay == 0)
        let radam = try RAdam(p)
        #expect(radam.lr == 0.001 && radam.betas == (0.9, 0.999) && radam.eps == 1e-8 && !radam.decoupledWeightDecay)
        let adadelta = try Adadelta(p)
        #expect(adadelta.lr == 1 && adadelta.rho == 0.9 && adadelta.eps == 1e-6 && adadelta.weightDecay == 0)
        let rprop = try Rprop(p)
        #expect(rprop.lr == 0.01 && rprop.etas == (0.5, 1.2) && rprop.stepSizes == (1e-6, 50))
        let asgd = try ASGD(p)
        #expect(asgd.lr == 0.01 && asgd.lambd == 1e-4 && asgd.alpha == 0.75 && asgd.t0 == 1e6 && asgd.weightDecay == 0)
        #expect(![adamax.maximize, radam.maximize, adadelta.maximize, rprop.maximize, asgd.maximize].contains(true))
    }
}

private let factories: [OptimizerFactory] = [
    .init(name: "Adamax") { try Adamax($0, lr: 0.01, weightDecay: 0.1) },
    .init(name: "RAdam") { try RAdam($0, lr: 0.01, weightDecay: 0.1, decoupledWeightDecay: true) },
    .init(name: "Adadelta") { try Adadelta($0, lr: 0.5, weightDecay: 0.1) },
    .init(name: "Rprop") { try Rprop($0, lr: 0.01) },
    .init(name: "ASGD") { try ASGD($0, lr: 0.01, t0: 1) },
]

@Suite("Library optimizers beyond the six: per-parameter state")
struct MoreOptimizerStateTests {
    @Test("a parameter whose grad is nil is skipped: value and state unchanged", arguments: factories)
    func nilGradientSkips(_ factory: OptimizerFactory) throws {
        let a = Parameter([0.3, -0.7], name: "a"), b = Parameter([1.5, 2.5, -0.5], name: "b")
        let optimizer = try factory.make([a, b])
        let gradients: [[Double]] = [[0.2, -0.1], [0.4, 0.3], [-0.6, 0.9], [0.1, 0.1]]
        for g in gradients {
            a.grad = g
            b.grad = nil
            optimizer.step()
        }
        #expect(b.value == [1.5, 2.5, -0.5])

        // b's first real step is the first step of a fresh optimizer.
        a.grad = nil
        b.grad = [0.1, -0.2, 0.3]
        optimizer.step()
        let fresh = Parameter([1.5, 2.5, -0.5])
        fresh.grad = [0.1, -0.2, 0.3]
        try factory.make([fresh]).step()
        #expect(b.value == fresh.value)

        // a's trajectory is that of an optimizer that never saw b.
        let alone = Parameter([0.3, -0.7])
        let solo = try factory.make([alone])
        for g in gradients {
            alone.grad = g
            solo.step()
        }
        #expect(a.value == alone.value)
    }
}
