/// Which square root an optimizer takes of its second-moment estimate.
///
/// - `ieee` (the default): the correctly rounded root, IEEE 754 `sqrt`
///   (`x.squareRoot()`), the same on every machine. The element loops
///   vectorize with it.
/// - `torchMKL`: the root torch's CPU `Tensor.sqrt()` returned on the AMD
///   host the fixtures in Tests/Fixtures/torch-exact/ were recorded on: MKL's
///   `vsSqrt`, which is not correctly rounded. It refines a 12-bit estimate
///   of 1/√x (`rsqrtps`, emulated with an 8,192-entry table) by one
///   Goldschmidt step without fused multiply-add (see TorchSqrt.swift).
///   Measured against IEEE: 17 % of float32 results and 1.3 % of float64
///   results are 1 ulp off (at most 0.75 ulp from the true root). Choose it
///   to reproduce those recorded torch runs bit for bit. Its loops vectorize
///   too, but read the table one lane at a time: a quarter to a half of the
///   IEEE speed in the runs measured (README has the figures).
///
/// Host caveat: on Intel hosts MKL picks other kernels, so torch itself
/// returns other bits there; `torchMKL` is the recorded AMD host's root, the
/// same on every machine optnb runs on, not "torch's" root everywhere.
public enum SquareRoot: Sendable, Hashable {
    /// The correctly rounded root (the default).
    case ieee
    /// MKL's `vsSqrt` as the recorded torch host computes it.
    case torchMKL
}

/// A square root chosen at compile time, so that each element loop is
/// specialized for one root and the IEEE loop vectorizes: kernels switch on
/// `SquareRoot` once per tensor and call a loop generic over this.
protocol RootFunction {
    static func root<S: OptimizerScalar>(_ x: S) -> S
}

enum IEEERoot: RootFunction {
    // `ieeeSqrt`, not `S.sqrt`: the latter is a `sqrtf` call that may set
    // errno, which keeps the loops scalar (measured 4x slower on Adam).
    @inline(__always) static func root<S: OptimizerScalar>(_ x: S) -> S { ieeeSqrt(x) }
}

enum TorchMKLRoot: RootFunction {
    @inline(__always) static func root<S: OptimizerScalar>(_ x: S) -> S { S.torchSqrt(x) }
}
