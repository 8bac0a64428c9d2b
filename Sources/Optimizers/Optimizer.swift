/// The scalar types optimizers run on: `Float` and `Double`.
///
/// Per-step scalars (bias corrections, step sizes) are computed in `Double`,
/// as torch computes them in Python floats, and converted once per tensor.
public protocol OptimizerScalar: BinaryFloatingPoint, Sendable
where Self.RawSignificand: FixedWidthInteger {
    /// Correctly rounded square root (IEEE 754 `sqrt`).
    static func sqrt(_ x: Self) -> Self
    /// The root torch's CPU `Tensor.sqrt()` returns for this dtype (see
    /// TorchSqrt.swift): what the library optimizers use when built with
    /// `squareRoot: .torchMKL`, so that their updates carry the recorded
    /// torch bits.
    static func torchSqrt(_ x: Self) -> Self
}

extension Float: OptimizerScalar {
    /// Correctly rounded square root.
    @inlinable public static func sqrt(_ x: Float) -> Float { x.squareRoot() }
}

extension Double: OptimizerScalar {
    /// Correctly rounded square root.
    @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}

/// A torch.optim-style optimizer: it owns per-parameter state and updates the
/// parameters it was built with, in place, from their current gradients.
public protocol Optimizer<Scalar>: AnyObject {
    /// The parameters' scalar type, `Float` or `Double`.
    associatedtype Scalar: OptimizerScalar

    /// The parameters, in the order given at construction.
    var parameters: [Parameter<Scalar>] { get }

    /// The learning rate in force for the next `step()`. Changing it between
    /// steps (a scheduler does) keeps all state, as torch's `group["lr"]`.
    var lr: Double { get set }

    /// Applies one update to every parameter whose `grad` is not `nil`.
    func step()
}

extension Optimizer {
    /// Sets every gradient to `nil`, like torch's `zero_grad(set_to_none=True)`.
    public func zeroGrad() {
        for p in parameters { p.grad = nil }
    }
}

/// An optimizer option that torch would refuse, reported when the optimizer
/// is built: `option` is torch's keyword (`"lr"`, `"betas"`, …).
public struct InvalidOption: Error, CustomStringConvertible, Equatable, Sendable {
    /// torch's keyword for the option (`"lr"`, `"betas"`, …).
    public let option: String
    /// The refused value, as text.
    public let value: String
    /// Why torch refuses it, in torch's words where it has them.
    public let reason: String

    /// An option `option` refused at `value` because of `reason`.
    public init(option: String, value: String, reason: String) {
        self.option = option
        self.value = value
        self.reason = reason
    }

    /// `invalid OPTION VALUE: REASON`.
    public var description: String { "invalid \(option) \(value): \(reason)" }
}
