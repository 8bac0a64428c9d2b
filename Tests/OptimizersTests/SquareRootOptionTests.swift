import Optimizers
import Testing

/// Gradients spread over [1, 4) and a few binades, where MKL's root and the
/// IEEE root differ for about 17 % of float32 inputs.
private let gradients: [Float] = (0..<2000).map { i in Float(1 + Double(i) * 0.0137) * (i % 2 == 0 ? 1 : -0.001) }

private func stepEight(_ make: ([Parameter<Float>]) throws -> any Optimizer<Float>) throws -> [Float] {
    let p = Parameter<Float>([Float](repeating: 0, count: gradients.count), name: "w")
    let opt = try make([p])
    // Eight steps: RAdam takes no root before it starts rectifying (step 6).
    // A different multiple of the gradients each step keeps the second
    // moments off exact squares, whose roots both methods get right.
    for t in 0..<8 {
        p.grad = gradients.map { $0 * Float(1 + 0.37 * Double(t)) }
        opt.step()
    }
    return p.value
}

@Suite("The square root the optimizers take: IEEE by default, MKL's on request")
struct SquareRootOptionTests {
    /// Adagrad's first step from θ = 0 with accumulator s₀ is
    /// θ₁ = (−γ·g)/(√(s₀ + g·g) + ε), each operation rounded to float: a hand
    /// derivation that names the root. (s₀ keeps the argument off exact
    /// squares, whose root both methods get right.)
    @Test("Adagrad takes the IEEE root by default and MKL's with .torchMKL")
    func adagradRoot() throws {
        func run(_ root: SquareRoot?) throws -> [Float] {
            let p = Parameter<Float>([Float](repeating: 0, count: gradients.count), name: "w")
            p.grad = gradients
            let opt = try root.map { try Adagrad([p], lr: 0.01, initialAccumulatorValue: 0.37, squareRoot: $0) }
                ?? Adagrad([p], lr: 0.01, initialAccumulatorValue: 0.37)
            opt.step()
            return p.value
        }
        let lr = Float(-0.01), eps = Float(1e-10)
        let ieee = gradients.map { g in (lr * g) / ((Float(0.37) + g * g).squareRoot() + eps) }
        let mkl = gradients.map { g in (lr * g) / (Float.torchSqrt(Float(0.37) + g * g) + eps) }
        let differing = zip(ieee, mkl).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing > gradients.count / 20, "the inputs must tell the roots apart (\(differing) differ)")
        #expect(try run(nil).map(\.bitPattern) == ieee.map(\.bitPattern))
        #expect(try run(.ieee).map(\.bitPattern) == ieee.map(\.bitPattern))
        #expect(try run(.torchMKL).map(\.bitPattern) == mkl.map(\.bitPattern))
    }

    @Test("every optimizer with a root passes the option to its kernel, and defaults to IEEE")
    func optionReachesEveryKernel() throws {
        typealias Make = (SquareRoot?) -> ([Parameter<Float>]) throws -> any Optimizer<Float>
        let makers: [(String, Make)] = [
            ("Adam", { r in { ps in if let r { try Adam(ps, lr: 0.01, squareRoot: r) } else { try Adam(ps, lr: 0.01) } } }),
            ("AdamW", { r in { ps in if let r { try AdamW(ps, lr: 0.01, squareRoot: r) } else { try AdamW(ps, lr: 0.01) } } }),
            ("NAdam", { r in { ps in if let r { try NAdam(ps, squareRoot: r) } else { try NAdam(ps) } } }),
            ("RAdam", { r in { ps in if let r { try RAdam(ps, squareRoot: r) } else { try RAdam(ps) } } }),
            ("RMSprop", { r in { ps in if let r { try RMSprop(ps, squareRoot: r) } else { try RMSprop(ps) } } }),
            ("Adagrad", { r in { ps in if let r { try Adagrad(ps, squareRoot: r) } else { try Adagrad(ps) } } }),
            ("Adadelta", { r in { ps in if let r { try Adadelta(ps, squareRoot: r) } else { try Adadelta(ps) } } }),
        ]
        for (name, make) in makers {
            let byDefault = try stepEight(make(nil)), ieee = try stepEight(make(.ieee)), mkl = try stepEight(make(.torchMKL))
            #expect(byDefault.map(\.bitPattern) == ieee.map(\.bitPattern), "\(name): the default is not the IEEE root")
            let differing = zip(ieee, mkl).filter { $0.bitPattern != $1.bitPattern }.count
            #expect(differing > 0, "\(name): .torchMKL gives the same bits as .ieee on every element")
        }
    }
}
