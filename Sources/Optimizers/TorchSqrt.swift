// The square root torch's CPU kernels compute for `Tensor.sqrt()`.
//
// torch (the PyPI wheels, built with MKL) sends `sqrt` of a float tensor to
// MKL's vector math (`vsSqrt`), which is not correctly rounded: on AMD hosts
// MKL runs its generic SSE kernel, which refines the CPU's 12-bit `rsqrtps`
// estimate by one Goldschmidt step in float arithmetic without fused
// multiply-add. About 17% of float32 results then differ from IEEE `sqrt` by
// one unit in the last place (at most 0.75 ulp from the true root; measured
// on torch 2.15.0, any ATEN_CPU_CAPABILITY, any MKL_CBWR). Those units reach
// the parameters whenever they change the rounding of an update, so an
// optimizer that wants torch's bits must take the same root. For float64
// MKL starts from the same estimate and refines it with a split of x and a
// short series (about 1.3% of results differ from IEEE). Both were read from
// MKL's kernels in the torch 2.15.0 wheel and checked against torch.sqrt on
// millions of inputs across the exponent range, with no difference.
//
// On Intel hosts MKL picks other kernels and `rsqrtps` gives other
// estimates, so torch itself returns other bits there; optnb returns these
// on every machine, the same everywhere.

// Both functions compute the refined root for every input (the table index
// is in range for any bits) and the IEEE root, then pick one with a bit
// mask. Written as `special ? ieeeSqrt(x) : refined`, the optimizer moved the
// estimate's table load under a branch, where the loop vectorizer cannot
// reach it. (The other two conditions for vectorized loops: the table is a
// constant in the kernels' own object file, see TorchSqrt+Table.swift, and
// the kernels' pointers are not integers converted back, see TensorElements.)

/// All ones when `value > bound`, else zero: the choice between MKL's two
/// paths as a mask rather than a branch.
@inline(__always)
private func mask(_ value: Int32, above bound: Int32) -> UInt64 {
    UInt64(bitPattern: (Int64(bound) - Int64(value)) >> 63)
}

extension Float {
    /// `torch.sqrt` on a float32 CPU tensor as recorded on AMD hosts (MKL's
    /// generic kernel): with y the hardware estimate of 1/√x,
    ///
    ///     s = x·y,  h = y·½,  e = ½ − s·h,  s₁ = s·e + s,  h₁ = h·e + h,
    ///     √x ≈ (x − s₁·s₁)·h₁ + s₁
    ///
    /// each operation rounded to float. Zero, subnormal, negative, infinite,
    /// NaN and the largest inputs (above 0x7f7ff000) take MKL's other path,
    /// which is the IEEE root (checked against torch for all of them).
    @inline(__always)
    public static func torchSqrt(_ x: Float) -> Float {
        let b = x.bitPattern
        // MKL's test, as it is written: a positive normal x maps to a
        // negative Int32 here, everything else (and the top 4,095 values)
        // to one above the bound.
        let special = mask(Int32(bitPattern: b &+ 0x7f80_0000), above: Int32(bitPattern: 0xfeff_f000))
        // x = 4^k · x' with x' in [1, 4): the estimate is the table's for x'
        // scaled by 2^−k. The index stays in range for any bits, so special
        // inputs compute something harmless that is then not chosen.
        let exponent = Int32(bitPattern: (b >> 23) & 0xff) - 127
        let parity = exponent & 1
        let k = (exponent - parity) >> 1
        let index = Int(UInt32(bitPattern: parity) << 12 | (b >> 11) & 4095)
        let estimate = Float(bitPattern: rsqrtEstimateBits(index) &- UInt32(bitPattern: k << 23))
        let s = x * estimate, h = estimate * 0.5
        let e = 0.5 - s * h
        let s1 = s * e + s, h1 = h * e + h
        let refined = (x - s1 * s1) * h1 + s1
        return Float(bitPattern: UInt32(truncatingIfNeeded: special) & ieeeSqrt(x).bitPattern
            | ~UInt32(truncatingIfNeeded: special) & refined.bitPattern)
    }
}

extension Double {
    /// `torch.sqrt` on a float64 CPU tensor as recorded on AMD hosts (MKL's
    /// generic kernel). With y the float estimate of 1/√x (taken from x's
    /// exponent parity and top twelve mantissa bits, scaled exactly), x split
    /// into x_h (x with its low 27 bits cleared) and x_l = x − x_h:
    ///
    ///     e = (1 − y²·x_h) − y²·x_l
    ///     p = (((c₄e + c₃)e + c₂)e + c₁)e        (≈ (1 − e)^(−½) − 1)
    ///     √x ≈ x_h·y + (x_l·y + (p·y)·x)
    ///
    /// each operation rounded to double, in this order. Zero, subnormal,
    /// negative, infinite, NaN and inputs of 2¹⁰²² or more take MKL's other
    /// path, which is the IEEE root (checked against torch).
    @inline(__always)
    public static func torchSqrt(_ x: Double) -> Double {
        let b = x.bitPattern
        let high = UInt32(truncatingIfNeeded: b >> 32)
        let special = mask(Int32(bitPattern: high &+ 0x7ff0_0000), above: Int32(bitPattern: 0xffbf_ffff))
        // The float MKL hands to rsqrtps lies in [1, 2) for an odd biased
        // exponent and in [2, 4) for an even one; `scale` is 2^−k for
        // x = 4^k·x', built from the exponent bits as MKL builds it.
        let evenExponent = ~b & 0x0010_0000_0000_0000
        let index = Int(truncatingIfNeeded: (evenExponent >> 52) << 12 | (b >> 40) & 4095)
        let estimate = Double(Float(bitPattern: rsqrtEstimateBits(index)))
        let scale = Double(bitPattern: (evenExponent &- (b & 0x7ff0_0000_0000_0000) &+ 0xbfd0_0000_0000_0000) >> 1)
        let y = scale * estimate
        let yy = y * y
        let xh = Double(bitPattern: b & 0xffff_ffff_f800_0000)
        let xl = x - xh
        let e = (1 - yy * xh) - yy * xl
        // MKL's coefficients, bit for bit (near 35/128, 5/16, 3/8, 1/2).
        let c4 = Double(bitPattern: 0x3fd1_8000_3233_8cbb), c3 = Double(bitPattern: 0x3fd4_0000_b130_01d9)
        let c2 = Double(bitPattern: 0x3fd8_0000_0000_00f6), c1 = Double(bitPattern: 0x3fdf_ffff_ffff_fe71)
        let p = (((e * c4 + c3) * e + c2) * e + c1) * e
        let refined = xh * y + (xl * y + (p * y) * x)
        return Double(bitPattern: special & ieeeSqrt(x).bitPattern | ~special & refined.bitPattern)
    }

}
