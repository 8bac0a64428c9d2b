import Foundation
import Optimizers
import Testing

/// Steps `optimizer` once per gradient list, setting `p.grad` first.
private func run<O: Optimizer>(_ optimizer: O, _ gradients: [O.Scalar]...) {
    for g in gradients {
        optimizer.parameters[0].grad = g
        optimizer.step()
    }
}

/// |a − e| within `relative`·|e| (and NaN only matching NaN).
private func close<S: BinaryFloatingPoint>(_ a: S, _ e: S, relative: S) -> Bool {
    if e.isNaN { return a.isNaN }
    return abs(a - e) <= relative * abs(e)
}

@Suite("Library optimizers: hand-derived steps")
struct LibraryOptimizerStepTests {
    // Dyadic numbers make these exact: θ − γg with γ = 0.25.
    @Test("SGD: θ − γg, maximize, and L2 decay g + λθ")
    func sgdPlain() throws {
        let p = Parameter([1.0, -2.0, 0.5])
        run(try SGD([p], lr: 0.25), [0.5, 1, -4])
        #expect(p.value == [0.875, -2.25, 1.5])

        let q = Parameter<Float>([1, -2, 0.5])
        run(try SGD([q], lr: 0.25, maximize: true), [0.5, 1, -4])
        #expect(q.value == [1.125, -1.75, -0.5])

        let r = Parameter([1.0, -2.0, 0.5])
        run(try SGD([r], lr: 0.25, weightDecay: 0.5), [0.5, 1, -4])  // g + λθ = [1, 0, −3.75]
        #expect(r.value == [0.75, -2, 1.4375])
    }

    @Test("SGD momentum: the first step stores g itself, dampening applies from step 2")
    func sgdMomentum() throws {
        // b₁ = 1, θ₁ = 0.75; b₂ = 0.5·1 + 0.5·2 = 1.5, θ₂ = 0.75 − 0.375.
        let p = Parameter([1.0])
        let sgd = try SGD([p], lr: 0.25, momentum: 0.5, dampening: 0.5)
        run(sgd, [1], [2])
        #expect(p.value == [0.375])
        #expect(sgd.state[0].momentumBuffer == [1.5])

        // Nesterov: d₁ = 1 + 0.5·1, θ₁ = 0.625; b₂ = 2.5, d₂ = 2 + 1.25, θ₂ = 0.625 − 0.8125.
        let q = Parameter([1.0])
        run(try SGD([q], lr: 0.25, momentum: 0.5, nesterov: true), [1], [2])
        #expect(q.value == [-0.1875])
    }

    @Test("lr may change between steps: torch keeps it out of the momentum buffer")
    func lrChange() throws {
        let p = Parameter([1.0])
        let sgd = try SGD([p], lr: 0.25, momentum: 0.5)
        run(sgd, [1])  // b = 1, θ = 0.75
        sgd.lr = 0.125
        run(sgd, [1])  // b = 1.5, θ = 0.75 − 0.125·1.5
        #expect(p.value == [0.5625])
    }

    @Test("Adam's first step moves each coordinate by γ·g/(|g| + ε), about γ·sign(g)")
    func adamFirstStep() throws {
        // m₁ = (1−β₁)g and v₁ = (1−β₂)g², and the bias corrections are exactly
        // 1−β₁ and 1−β₂, so m̂ = g and √v̂ = |g| up to rounding.
        let lr = 0.01, eps = 1e-8
        let grads = [1.0, -3.0, 1e-3, 2.5e-7, 1e-8, -1e6]
        let p = Parameter([Double](repeating: 0, count: grads.count))
        let adam = try Adam([p], lr: lr, eps: eps)
        run(adam, grads)
        for (theta, g) in zip(p.value, grads) {
            #expect(close(theta, -lr * g / (abs(g) + eps), relative: 4e-15), "g = \(g)")
        }
        #expect(close(p.value[4], -lr / 2, relative: 4e-15))  // |g| = ε halves the step
        // The lerp with weight 0.1 < 0.5 is m + w·(g − m) = w·g from m = 0.
        #expect(adam.state[0].expAvg == grads.map { (1 - 0.9) * $0 })
        #expect(adam.state[0].step == 1)

        let f = Parameter<Float>([0, 0])
        run(try Adam([f], lr: 0.01), [3, -0.5])
        #expect(close(f.value[0], -0.01, relative: 1e-6) && close(f.value[1], 0.01, relative: 1e-6))
    }

    @Test("Adam edge values: zero gradient leaves θ, NaN and ∞ gradients give NaN")
    func adamEdges() throws {
        let p = Parameter([0.5, -0.0, 1.0, 1.0])
        run(try Adam([p], lr: 0.1), [0, 0, .nan, .infinity])
        #expect(p.value[0] == 0.5)
        #expect(p.value[1] == 0 && p.value[1].sign == .minus)  // −0 + (−0) stays −0
        #expect(p.value[2].isNaN)
        #expect(p.value[3].isNaN)  // m/√v = ∞/∞, as in torch
    }

    @Test("amsgrad's first step equals plain Adam's; L2 decay acts through g + λθ")
    func adamVariants() throws {
        let a = Parameter([1.0, -2.0]), b = Parameter([1.0, -2.0])
        run(try Adam([a], lr: 0.1), [0.3, 0.7])
        run(try Adam([b], lr: 0.1, amsgrad: true), [0.3, 0.7])
        #expect(a.value == b.value)

        // Zero gradient with λ = 0.5 at θ = 2: g = 1, so θ ≈ 2 − 0.1·1/(1 + ε).
        let c = Parameter([2.0])
        run(try Adam([c], lr: 0.1, weightDecay: 0.5), [0])
        #expect(close(c.value[0], 2 - 0.1 / (1 + 1e-8), relative: 1e-15))
    }

    @Test("AdamW with zero gradients only decays: θ ← θ·(1 − γλ) each step")
    func adamwDecay() throws {
        let p = Parameter([3.0, -1.5])
        let adamw = try AdamW([p], lr: 0.1, weightDecay: 0.5)
        var expected = p.value
        for _ in 0..<5 {
            run(adamw, [0, 0])
            expected = expected.map { $0 * (1 - 0.1 * 0.5) }
        }
        #expect(p.value == expected)
    }

    @Test("AdamW is Adam with decoupledWeightDecay, as torch's AdamW subclasses Adam; Adam's default stays coupled")
    func adamwIsDecoupledAdam() throws {
        let p = Parameter([3.0, -1.5]), q = Parameter([3.0, -1.5]), r = Parameter([3.0, -1.5])
        let adamw = try AdamW([p], lr: 0.1, weightDecay: 0.5, amsgrad: true)
        let adam = try Adam([q], lr: 0.1, weightDecay: 0.5, amsgrad: true, decoupledWeightDecay: true)
        let coupled = try Adam([r], lr: 0.1, weightDecay: 0.5, amsgrad: true)
        #expect(adamw.decoupledWeightDecay && adam.decoupledWeightDecay && !coupled.decoupledWeightDecay)
        #expect(try AdamW([Parameter([0.0])]).weightDecay == 0.01)
        for g in [[1.0, -2.0], [0.5, 0.25], [-3.0, 1.0]] {
            run(adamw, g)
            run(adam, g)
            run(coupled, g)
        }
        #expect(p.value == q.value)
        #expect(p.value != r.value, "the decay mode must matter at λ = 0.5")
    }

    @Test("Adagrad: θ − γₜ·g/(√Σg² + ε) with γₜ = γ/(1 + (t−1)η) and s₀")
    func adagrad() throws {
        let p = Parameter([0.0])
        run(try Adagrad([p], lr: 0.5, lrDecay: 1, eps: 0), [1], [1])
        #expect(close(p.value[0], -0.5 - 0.25 / 2.0.squareRoot(), relative: 2e-16))

        let q = Parameter([1.0])
        run(try Adagrad([q], lr: 0.5, initialAccumulatorValue: 3, eps: 0), [1])  // √(3 + 1) = 2
        #expect(q.value == [0.75])
    }

    @Test("RMSprop: v = (1−α)g², plain, centered and momentum forms")
    func rmsprop() throws {
        // α = 0.75, g = 2: v = 0.25·4 = 1, so θ − 0.5·2/1.
        let p = Parameter([0.0])
        run(try RMSprop([p], lr: 0.5, alpha: 0.75, eps: 0), [2])
        #expect(p.value == [-1])

        // Centered: ḡ = lerp(0, 2, 0.25) = 0.5, v − ḡ² = 0.75.
        let c = Parameter([0.0])
        run(try RMSprop([c], lr: 0.5, alpha: 0.75, eps: 0, centered: true), [2])
        #expect(close(c.value[0], -1 / 0.75.squareRoot(), relative: 2e-16))

        // Momentum 0.5: b₁ = 2, θ₁ = −1; v₂ = 0.75 + 1 = 1.75, b₂ = 1 + 2/√1.75.
        let m = Parameter([0.0])
        run(try RMSprop([m], lr: 0.5, alpha: 0.75, eps: 0, momentum: 0.5), [2], [2])
        #expect(close(m.value[0], -1 - 0.5 * (1 + 2 / 1.75.squareRoot()), relative: 4e-16))
    }

    @Test("NAdam's first step: θ − γg/d − γμ₂(1−β₁)g/((1 − μ₁μ₂)d), d = |g| + ε")
    func nadam() throws {
        let lr = 0.002, beta1 = 0.9, psi = 0.004, eps = 1e-8
        let mu1 = beta1 * (1 - 0.5 * pow(0.96, psi)), mu2 = beta1 * (1 - 0.5 * pow(0.96, 2 * psi))
        let grads = [0.5, -2.0, 1e-3]
        let p = Parameter([1.0, 1.0, 1.0])
        let nadam = try NAdam([p], lr: lr)
        run(nadam, grads)
        for (theta, g) in zip(p.value, grads) {
            let d = abs(g) + eps
            let expected = 1 - lr * g / d - lr * mu2 * (1 - beta1) * g / ((1 - mu1 * mu2) * d)
            #expect(close(theta, expected, relative: 1e-14), "g = \(g)")
        }
        #expect(nadam.state[0].muProduct == mu1)
    }
}
