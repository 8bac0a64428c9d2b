import Optimizers
import Testing

/// A case of refused options: how to build, and the keyword and value the
/// error must name (torch's keyword, the value as given).
struct RefusedOption: CustomTestStringConvertible, Sendable {
    let label: String
    let option: String
    let value: String
    let build: @Sendable ([Parameter<Double>]) throws -> Void

    var testDescription: String { label }
}

private func refuse(
    _ label: String, _ option: String, _ value: String,
    _ build: @escaping @Sendable ([Parameter<Double>]) throws -> Void
) -> RefusedOption {
    RefusedOption(label: label, option: option, value: value, build: build)
}

private let refusedOptions: [RefusedOption] = [
    refuse("SGD negative lr", "lr", "-0.1") { _ = try SGD($0, lr: -0.1) },
    refuse("SGD NaN lr", "lr", "nan") { _ = try SGD($0, lr: .nan) },
    refuse("SGD negative momentum", "momentum", "-0.5") { _ = try SGD($0, momentum: -0.5) },
    refuse("SGD NaN momentum", "momentum", "nan") { _ = try SGD($0, momentum: .nan) },
    refuse("SGD negative weight decay", "weight_decay", "-1.0") { _ = try SGD($0, weightDecay: -1) },
    refuse("SGD NaN dampening", "dampening", "nan") { _ = try SGD($0, momentum: 0.9, dampening: .nan) },
    refuse("SGD Nesterov without momentum", "nesterov", "true") { _ = try SGD($0, nesterov: true) },
    refuse("SGD Nesterov with dampening", "nesterov", "true") {
        _ = try SGD($0, momentum: 0.9, dampening: 0.5, nesterov: true)
    },
    refuse("Adagrad negative lr", "lr", "-0.01") { _ = try Adagrad($0, lr: -0.01) },
    refuse("Adagrad NaN lr", "lr", "nan") { _ = try Adagrad($0, lr: .nan) },
    refuse("Adagrad negative lr_decay", "lr_decay", "-0.1") { _ = try Adagrad($0, lrDecay: -0.1) },
    refuse("Adagrad negative weight decay", "weight_decay", "-0.1") { _ = try Adagrad($0, weightDecay: -0.1) },
    refuse("Adagrad negative accumulator", "initial_accumulator_value", "-1.0") {
        _ = try Adagrad($0, initialAccumulatorValue: -1)
    },
    refuse("Adagrad negative eps", "eps", "-1e-10") { _ = try Adagrad($0, eps: -1e-10) },
    refuse("RMSprop negative lr", "lr", "-0.01") { _ = try RMSprop($0, lr: -0.01) },
    refuse("RMSprop NaN lr", "lr", "nan") { _ = try RMSprop($0, lr: .nan) },
    refuse("RMSprop negative eps", "eps", "-1e-08") { _ = try RMSprop($0, eps: -1e-8) },
    refuse("RMSprop negative momentum", "momentum", "-0.9") { _ = try RMSprop($0, momentum: -0.9) },
    refuse("RMSprop negative weight decay", "weight_decay", "-0.01") { _ = try RMSprop($0, weightDecay: -0.01) },
    refuse("RMSprop negative alpha", "alpha", "-0.5") { _ = try RMSprop($0, alpha: -0.5) },
    refuse("Adam negative lr", "lr", "-0.1") { _ = try Adam($0, lr: -0.1) },
    refuse("Adam NaN lr", "lr", "nan") { _ = try Adam($0, lr: .nan) },
    refuse("Adam negative eps", "eps", "-1e-08") { _ = try Adam($0, eps: -1e-8) },
    refuse("Adam beta1 = 1", "betas", "1.0") { _ = try Adam($0, betas: (1.0, 0.999)) },
    refuse("Adam negative beta1", "betas", "-0.1") { _ = try Adam($0, betas: (-0.1, 0.999)) },
    refuse("Adam beta2 = 1", "betas", "1.0") { _ = try Adam($0, betas: (0.9, 1.0)) },
    refuse("Adam NaN beta2", "betas", "nan") { _ = try Adam($0, betas: (0.9, .nan)) },
    refuse("Adam negative weight decay", "weight_decay", "-1.0") { _ = try Adam($0, weightDecay: -1) },
    refuse("AdamW negative lr", "lr", "-0.1") { _ = try AdamW($0, lr: -0.1) },
    refuse("AdamW NaN lr", "lr", "nan") { _ = try AdamW($0, lr: .nan) },
    refuse("AdamW negative eps", "eps", "-1e-08") { _ = try AdamW($0, eps: -1e-8) },
    refuse("AdamW beta2 = 1.5", "betas", "1.5") { _ = try AdamW($0, betas: (0.9, 1.5)) },
    refuse("AdamW negative weight decay", "weight_decay", "-0.01") { _ = try AdamW($0, weightDecay: -0.01) },
    refuse("NAdam negative lr", "lr", "-0.002") { _ = try NAdam($0, lr: -0.002) },
    refuse("NAdam NaN lr", "lr", "nan") { _ = try NAdam($0, lr: .nan) },
    refuse("NAdam negative eps", "eps", "-1e-08") { _ = try NAdam($0, eps: -1e-8) },
    refuse("NAdam beta1 = 1", "betas", "1.0") { _ = try NAdam($0, betas: (1.0, 0.999)) },
    refuse("NAdam negative weight decay", "weight_decay", "-0.02") { _ = try NAdam($0, weightDecay: -0.02) },
    refuse("NAdam negative momentum_decay", "momentum_decay", "-0.1") { _ = try NAdam($0, momentumDecay: -0.1) },
]

@Suite("Library optimizers: construction")
struct LibraryOptimizerConstructionTests {
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

    @Test("the edges of torch's valid ranges are accepted")
    func boundaries() throws {
        let p = [Parameter([1.0])]
        _ = try SGD(p, lr: 0, momentum: 0, dampening: -1, weightDecay: 0)
        _ = try SGD(p, lr: .infinity, momentum: 0.9, nesterov: true)
        _ = try Adagrad(p, lr: 0, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 0)
        _ = try RMSprop(p, lr: 0, alpha: 0, eps: 0, weightDecay: 0, momentum: 0)
        _ = try RMSprop(p, alpha: 1.5)  // torch checks only alpha >= 0
        _ = try Adam(p, lr: 0, betas: (0, 0), eps: 0, weightDecay: 0)
        _ = try AdamW(p, betas: (0.999_999, 0.999_999), weightDecay: 0)
        _ = try NAdam(p, lr: 0, betas: (0, 0), eps: 0, weightDecay: 0, momentumDecay: 0)
    }

    @Test("defaults are torch's")
    func defaults() throws {
        let p = [Parameter<Float>([1])]
        let sgd = try SGD(p)
        #expect(sgd.lr == 0.001 && sgd.momentum == 0 && sgd.dampening == 0 && sgd.weightDecay == 0)
        #expect(!sgd.nesterov && !sgd.maximize)
        let adagrad = try Adagrad(p)
        #expect(adagrad.lr == 0.01 && adagrad.lrDecay == 0 && adagrad.eps == 1e-10)
        #expect(adagrad.initialAccumulatorValue == 0 && adagrad.weightDecay == 0)
        let rmsprop = try RMSprop(p)
        #expect(rmsprop.lr == 0.01 && rmsprop.alpha == 0.99 && rmsprop.eps == 1e-8)
        #expect(rmsprop.momentum == 0 && !rmsprop.centered)
        let adam = try Adam(p)
        #expect(adam.lr == 0.001 && adam.betas == (0.9, 0.999) && adam.eps == 1e-8 && adam.weightDecay == 0)
        #expect(!adam.amsgrad)
        let adamw = try AdamW(p)
        #expect(adamw.lr == 0.001 && adamw.weightDecay == 0.01)
        let nadam = try NAdam(p)
        #expect(nadam.lr == 0.002 && nadam.momentumDecay == 0.004 && !nadam.decoupledWeightDecay)
    }
}
