import Optimizers
import Testing

/// W = [[1, 2], [3, 4]], b = [0.5, −1]; x = [[1, 1], [0, 2]];
/// y = x Wᵀ + b = [[3.5, 6], [4.5, 7]] (by hand).
private func layer() -> Linear<Double> {
    Linear(weight: [1, 2, 3, 4], bias: [0.5, -1], inFeatures: 2, outFeatures: 2)
}

private let data = Dataset<Double>(
    inputs: [1, 1, 0, 2], targets: [3, 6, 4, 8], samples: 2, inFeatures: 2, outFeatures: 2)

@Suite("Linear model with mean squared error")
struct LinearTests {
    @Test("forward is x Wᵀ + b")
    func forward() {
        let model = layer()
        #expect(model.forward([1, 1, 0, 2], samples: 2) == [3.5, 6, 4.5, 7])
        #expect(model.weight.shape == [2, 2] && model.weight.name == "weight")
        #expect(model.bias.shape == [2] && model.bias.name == "bias")
        #expect(model.parameters.map(\.name) == ["weight", "bias"])
    }

    @Test("loss and analytic gradients match the hand computation")
    func gradients() {
        // r = y − t = [[0.5, 0], [0.5, −1]]; L = (0.25 + 0 + 0.25 + 1)/4.
        // ∂L/∂y = (2/4)·r; ∂L/∂W = (∂L/∂y)ᵀ x; ∂L/∂b = column sums.
        let model = layer()
        #expect(model.loss(on: data) == 0.375)
        let loss = model.lossAndGradients(on: data)
        #expect(loss == 0.375)
        #expect(model.weight.grad == [0.25, 0.75, 0, -1])
        #expect(model.bias.grad == [0.5, -0.5])
        #expect(model.weight.value == [1, 2, 3, 4])  // gradients do not move the weights
    }

    @Test("analytic gradients agree with central differences")
    func finiteDifferences() {
        let model = Linear<Double>(
            weight: [0.3, -1.2, 0.7, 0.05, 2.1, -0.4], bias: [0.1, -0.6], inFeatures: 3, outFeatures: 2)
        let set = Dataset<Double>(
            inputs: [0.5, -1, 2, 1.5, 0.25, -0.75, -2, 1, 0.1, 0.9, -0.3, 0.6],
            targets: [1, -1, 0.5, 2, -0.2, 0.3, 0.7, -1.1], samples: 4, inFeatures: 3, outFeatures: 2)
        model.lossAndGradients(on: set)
        let h = 1e-6
        for p in model.parameters {
            let analytic = p.grad!
            for i in p.value.indices {
                let x = p.value[i]
                p.value[i] = x + h
                let up = model.loss(on: set)
                p.value[i] = x - h
                let down = model.loss(on: set)
                p.value[i] = x
                #expect(abs((up - down) / (2 * h) - analytic[i]) <= 1e-8, "\(p.name)[\(i)]")
            }
        }
    }

    @Test("an SGD step on the gradients lowers the loss")
    func descends() throws {
        let model = layer()
        let sgd = try SGD(model.parameters, lr: 0.1)
        let before = model.lossAndGradients(on: data)
        sgd.step()
        #expect(model.loss(on: data) < before)
    }
}
