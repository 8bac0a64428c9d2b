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
// MKL uses another algorithm (about 1.3% of results differ from IEEE); it
// is not reproduced here yet, so `Double` keeps the IEEE root.
//
// On Intel hosts MKL picks other kernels and `rsqrtps` gives other
// estimates, so torch itself returns other bits there; optnb returns these
// on every machine, the same everywhere.

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
        let special = Int32(bitPattern: b &+ 0x7f80_0000) > Int32(bitPattern: 0xfeff_f000)
        // x = 4^k · x' with x' in [1, 4): the estimate is the table's for x'
        // scaled by 2^−k. The index stays in range for any bits, so special
        // inputs compute something harmless that is then not chosen.
        let exponent = Int32(bitPattern: (b >> 23) & 0xff) - 127
        let parity = exponent & 1
        let k = (exponent - parity) >> 1
        let index = Int(UInt32(bitPattern: parity) << 12 | (b >> 11) & 4095)
        let estimate = Float(
            bitPattern: (0x3f00_0000 + UInt32(amdRsqrtEstimate[index]) << 11) &- UInt32(bitPattern: k << 23))
        let s = x * estimate, h = estimate * 0.5
        let e = 0.5 - s * h
        let s1 = s * e + s, h1 = h * e + h
        let refined = (x - s1 * s1) * h1 + s1
        return special ? ieeeSqrt(x) : refined
    }
}
