@_exported import struct Optimizers.SplitMix64

/// Seeded fuzz input for the robustness tests (notebook parser, TeX reader,
/// SVG plots): the study's own `SplitMix64`, so every run, on every machine,
/// draws the same inputs and a failure names a case that can be replayed.
extension SplitMix64 {
    /// A number in 0..<n; the modulo bias is negligible for the small n a
    /// fuzz test picks from (n ≪ 2⁶⁴).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// One of `xs`, uniformly (as `below` is).
    public mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}
