#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Elementwise building blocks shared by the optimizers. Each mirrors one
// ATen CPU kernel's scalar expression, operand order included, because the
// order of roundings decides the last digits torch produces.

/// Python's `x ** y` on floats, as torch's optimizers and schedulers meet
/// it: CPython calls the C library's `pow`, so the per-step scalars (bias
/// corrections, NAdam's momentum schedule, decay factors) must too; `sqrt`
/// or repeated multiplication would differ in the last bit. `nil` where
/// Python raises instead of returning: the result overflows from finite
/// operands (`OverflowError`) or zero meets a negative power
/// (`ZeroDivisionError`), i.e. C's result is ±∞ while x and y are finite.
@inline(__always)
func pythonPow(_ x: Double, _ y: Double) -> Double? {
    let result = pow(x, y)
    if result.isInfinite && x.isFinite && y.isFinite { return nil }
    return result
}

/// `1 − βᵗ` for β in [0, 1] and t ≥ 1, as torch's bias corrections compute
/// it in Python floats; βᵗ ≤ 1, so Python never raises here.
@inline(__always)
func biasCorrection(_ beta: Double, _ t: Double) -> Double {
    1 - pythonPow(beta, t)!
}

/// `torch.lerp(start, end, weight)` as ATen computes it: the formula
/// switches at |weight| = 0.5 so that weight 1 returns `end` exactly.
@inline(__always)
func torchLerp<S: OptimizerScalar>(_ start: S, _ end: S, weight: S, oneMinusWeight: S, small: Bool) -> S {
    small ? start + weight * (end - start) : end - (end - start) * oneMinusWeight
}

/// `torch.maximum`: NaN in either operand gives NaN (Swift's `max` does not
/// promise that).
@inline(__always)
func torchMaximum<S: OptimizerScalar>(_ a: S, _ b: S) -> S {
    (a.isNaN || a > b) ? a : b
}

/// IEEE 754 square root that the loop vectorizer accepts. On Linux,
/// `squareRoot()` lowers to a `sqrtf` call that may set `errno` for
/// negative input, which blocks vectorization; mapping negative input to NaN
/// first (what `sqrt` returns for it anyway) lets LLVM use the plain
/// instruction. −0 stays −0 and NaN stays NaN, so results are unchanged.
@inline(__always)
func ieeeSqrt<S: OptimizerScalar>(_ x: S) -> S {
    (x < 0 ? S.nan : x).squareRoot()
}

/// Precomputed lerp weight: torch converts the Python weight to the tensor's
/// dtype first, then tests |w| < 0.5 and forms `1 - w` in that dtype.
struct LerpWeight<S: OptimizerScalar> {
    let weight: S
    let oneMinusWeight: S
    let small: Bool

    init(_ weight: Double) {
        self.weight = S(weight)
        self.oneMinusWeight = 1 - self.weight
        self.small = abs(self.weight) < 0.5
    }
}

extension Parameter {
    /// Runs `body` on the parameter's storage and its gradient, after
    /// checking they match. A gradient of the wrong length is a programmer
    /// error (torch raises too), so it stops the program with a message
    /// naming the parameter instead of reading out of bounds.
    @inline(__always)
    func withStorage<R>(
        _ grad: [Scalar],
        _ body: (UnsafeMutableBufferPointer<Scalar>, UnsafeBufferPointer<Scalar>) -> R
    ) -> R {
        precondition(
            grad.count == value.count,
            "Parameter \(name.isEmpty ? "(unnamed)" : name): gradient has \(grad.count) values, parameter has \(value.count)")
        return value.withUnsafeMutableBufferPointer { p in
            grad.withUnsafeBufferPointer { g in body(p, g) }
        }
    }
}

/// A zero-filled buffer the size of `count`, or the existing one: state is
/// created on a parameter's first step with a gradient, as torch's lazy
/// state initialization does.
@inline(__always)
func ensureBuffer<S: OptimizerScalar>(_ buffer: inout [S], count: Int, fill: S = 0) {
    if buffer.count != count { buffer = [S](repeating: fill, count: count) }
}
