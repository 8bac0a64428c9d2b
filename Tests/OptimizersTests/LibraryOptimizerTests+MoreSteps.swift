import Foundation
import Optimizers
import Testing

/// Sets `p.grad` and steps once per gradient list.
private func run<O: Optimizer>(_ optimizer: O, _ gradients: [O.Scalar]...) {
    for g in gradients {
        optimizer.parameters[0].grad = g
        optimizer.step()
    }
}

/// |a − e| within `relative`·|e|.
private func close<S: BinaryFloatingPoint>(_ a: S, _ e: S, relative: S) -> Bool {
    abs(a - e) <= relative * abs(e)
}

@Suite("Library optimizers beyond the six: hand-derived steps")
struct MoreOptimizerStepTests {
    @Test("Adamax's first step: m = (1−β₁)g, u = |g| + ε, so θ − γ·g/(|g| + ε)")
    func adamaxFirstStep() throws {
        let grads = [0.5, -3.0, 1e-8, 0]
        let p = Parameter([Double](repeating: 1, count: 4))
        let adamax = try Adamax([p], lr: 0.002)
        run(adamax, grads)
        for (theta, g) in zip(p.value, grads) {
            #expect(close(theta, 1 - 0.002 * g / (abs(g) + 1e-8), relative: 1e-15), "g = \(g)")
        }
        #expect(adamax.state[0].expInf == grads.map { abs($0) + 1e-8 })

        let f = Parameter<Float>([0, 0])
        run(try Adamax([f], lr: 0.01, maximize: true), [3, -0.5])
        #expect(close(f.value[0], 0.01, relative: 1e-6) && close(f.value[1], -0.01, relative: 1e-6))
    }

    @Test("Adamax: u is max(β₂u, |g| + ε), and a NaN gradient poisons u for good")
    func adamaxNorm() throws {
        let p = Parameter([0.0, 0.0])
        let adamax = try Adamax([p], betas: (0.9, 0.5))
        run(adamax, [4, .nan], [0.25, 1])
        #expect(adamax.state[0].expInf[0] == (4 + 1e-8) * 0.5)
        #expect(adamax.state[0].expInf[1].isNaN && p.value[1].isNaN)
    }

    @Test("RAdam: the first five steps are momentum steps (ρₜ ≤ 5), with either weight decay")
    func radamMomentumPhase() throws {
        // A constant gradient c gives m̂ = c, so each early step is −γc.
        let p = Parameter([0.0])
        let radam = try RAdam([p], lr: 0.1)
        for t in 1...5 {
            run(radam, [0.5])
            #expect(close(p.value[0], -0.05 * Double(t), relative: 4e-15))
        }
        // ρ₆ ≈ 5.994 > 5: the step shrinks by r₆ ≈ 0.026 (see ManualAdamaxTests).
        let before = p.value[0]
        run(radam, [0.5])
        // ρ∞ as the formula gives it in floating point: 1 − 0.999 is not 0.001,
        // and ρ₆ = ρ∞ − 1993.0… cancels, so the literal 1999 would be off by 5e-13.
        let b6 = 1 - pow(0.999, 6.0), rhoInf = 2 / (1 - 0.999) - 1
        let rho6 = rhoInf - 12 * pow(0.999, 6) / b6
        let r6 = ((rho6 - 4) * (rho6 - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho6)).squareRoot()
        #expect(close(p.value[0] - before, -0.1 * r6 * 0.5 / (0.5 + 1e-8 / b6.squareRoot()), relative: 1e-13))

        // Decoupled: θ(1 − γλ) − γg. Coupled: θ − γ(g + λθ).
        let d = Parameter([2.0]), c = Parameter([2.0])
        run(try RAdam([d], lr: 0.1, weightDecay: 0.5, decoupledWeightDecay: true), [1])
        run(try RAdam([c], lr: 0.1, weightDecay: 0.5), [1])
        #expect(close(d.value[0], 2 * (1 - 0.05) - 0.1, relative: 1e-15))
        #expect(close(c.value[0], 2 - 0.1 * (1 + 0.5 * 2), relative: 1e-15))
    }

    @Test("Adadelta's first step with lr 1: Δ = −√ε/√((1−ρ)g² + ε)·g; lr scales only the step")
    func adadelta() throws {
        let grads = [2.0, -0.01, 0], rho = 0.9, eps = 1e-6
        let p = Parameter([1.0, 1.0, 1.0])
        let adadelta = try Adadelta([p])
        run(adadelta, grads)
        for (theta, g) in zip(p.value, grads) {
            let delta = -eps.squareRoot() / ((1 - rho) * g * g + eps).squareRoot() * g
            #expect(abs(theta - (1 + delta)) <= 2e-16, "g = \(g)")
        }
        // Same gradients at lr 1 and lr 0.5 (set after the first step): the
        // averages agree, and the displacements of the second step halve.
        let a = Parameter([0.0]), b = Parameter([0.0])
        let fast = try Adadelta([a], lr: 1), slow = try Adadelta([b], lr: 1)
        run(fast, [0.5])
        run(slow, [0.5])
        let afterFirst = a.value[0]
        #expect(b.value[0] == afterFirst)
        slow.lr = 0.5
        run(fast, [-1])
        run(slow, [-1])
        #expect(fast.state[0].accDelta == slow.state[0].accDelta)
        #expect(close(b.value[0] - afterFirst, (a.value[0] - afterFirst) / 2, relative: 1e-13))
    }

    @Test("Rprop: first step −sign(g)·lr; ×η₊ on agreement, ×η₋ and a skipped step on a flip")
    func rprop() throws {
        let p = Parameter([0.0, 0.0, 0.0])
        let rprop = try Rprop([p], lr: 0.25, etas: (0.5, 2), stepSizes: (0.0625, 1))
        run(rprop, [3, -1e-9, 0])
        #expect(p.value == [-0.25, 0.25, 0])
        run(rprop, [1, 2, 0])  // agree, flip, nothing
        #expect(p.value == [-0.75, 0.25, 0] && rprop.state[0].stepSize == [0.5, 0.125, 0.25])
        #expect(rprop.state[0].prev == [1, 0, 0])
        rprop.lr = 100  // only a parameter's first step reads lr
        run(rprop, [1, 2, .nan])  // NaN: sign 0, θ and η stay
        #expect(p.value == [-1.75, 0.125, 0] && rprop.state[0].stepSize == [1, 0.125, 0.25])
        #expect(rprop.state[0].prev[2].isNaN)

        let f = Parameter<Float>([1, 1])
        run(try Rprop([f], lr: 0.5, maximize: true), [2, -2])
        #expect(f.value == [1.5, 0.5])
    }

    @Test("ASGD's first step is θ(1 − λγ) − γg; with t₀ large the average is θ itself")
    func asgdFirstStep() throws {
        let p = Parameter([2.0, -1.0])
        let asgd = try ASGD([p], lr: 0.1, lambd: 0.5, alpha: 0.75)
        #expect(asgd.averagedParameters == [[2.0, -1.0]])  // before any step
        run(asgd, [1, 4])
        #expect(p.value == [2 * (1 - 0.05) - 0.1 * 1, -1 * (1 - 0.05) - 0.1 * 4])
        #expect(asgd.averagedParameters == [p.value])
        #expect(asgd.state[0].eta == 0.1 / pow(1 + 0.5 * 0.1, 0.75) && asgd.state[0].mu == 1)
        for _ in 0..<5 {
            run(asgd, [0.3, -0.2])
            #expect(asgd.averagedParameters == [p.value])
        }

        // The state is kept in the parameters' precision, as torch's tensors.
        let f = Parameter<Float>([1])
        let single = try ASGD([f], lr: 0.1, lambd: 0.5)
        run(single, [1])
        #expect(single.state[0].eta == Float(0.1 / pow(1 + 0.5 * 0.1, 0.75)))
    }

    @Test("ASGD with t₀ = 0 averages the iterates from step 2 on; lr acts one step late")
    func asgdAveraging() throws {
        let p = Parameter([1.0, -1.0])
        let asgd = try ASGD([p], lr: 0.25, lambd: 0, t0: 0)
        var iterates: [[Double]] = []
        for g: [Double] in [[1, 2], [0.5, -1], [-2, 0.25], [1, 1], [0.5, 3]] {
            run(asgd, g)
            iterates.append(p.value)
        }
        let tail = iterates[1...]
        for i in 0..<2 {
            let mean = tail.map { $0[i] }.reduce(0, +) / Double(tail.count)
            #expect(abs(asgd.averagedParameters[0][i] - mean) <= 2e-15)
        }
        // λ = 0 makes η = lr exactly. The new lr is read when η is updated at
        // the end of a step, so the step right after the change still uses 0.25.
        let q = Parameter([0.0])
        let late = try ASGD([q], lr: 0.25, lambd: 0)
        run(late, [1])
        late.lr = 0.5
        run(late, [1])
        #expect(q.value == [-0.5])
        run(late, [1])
        #expect(q.value == [-1])
    }
}
