/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014; Vigna's `splitmix64.c`): a 64-bit counter passed
/// through a mixing function.
///
/// Used to expand one 64-bit seed into the 256-bit state of `RandomSource`, as
/// the xoshiro authors recommend; on its own it is a fine generator too.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The counter; the next output mixes `state + 0x9E3779B97F4A7C15`.
    public var state: UInt64

    /// Starts the counter at `seed`; every seed, 0 included, is valid.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits: state += 0x9E3779B97F4A7C15, then the
    /// splitmix64 finaliser of the state.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The study's seeded generator: xoshiro256** 1.0 (Blackman and Vigna,
/// "Scrambled linear pseudorandom number generators", ACM TOMS 2021;
/// `xoshiro256starstar.c`), its state seeded by four `SplitMix64` outputs.
///
/// Every number it gives is a function of the seed alone, the same on every
/// machine: integer arithmetic for the raw stream, then only IEEE 754 basic
/// operations (+, −, ×, ÷, √, which are correctly rounded everywhere) for
/// `uniform`, `normal` and `shuffle`. That is why it draws through its own
/// methods rather than the standard library's `Double.random(in:using:)` or
/// `shuffle(using:)`, whose algorithms are not promised to stay the same
/// across Swift releases, and why `normal` avoids the C library's `log`,
/// `cos` and `sin` (see `normal(mean:std:)`).
///
/// It is a `RandomNumberGenerator`, so it also works with standard-library
/// APIs when exact reproducibility across Swift versions does not matter.
public struct RandomSource: RandomNumberGenerator, Sendable, Equatable {
    private var s0, s1, s2, s3: UInt64
    /// The second value of the last polar-method pair, handed out next
    /// (not private: `normal` lives in RNG+Normal.swift).
    var spareNormal: Double?

    /// Seeds the state with the first four outputs of `SplitMix64(seed:)`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        spareNormal = nil
    }

    /// Starts from an explicit xoshiro256** state, for checking against the
    /// algorithm's published outputs. Returns `nil` for the all-zero state,
    /// from which xoshiro only ever produces zeros.
    public init?(state: (UInt64, UInt64, UInt64, UInt64)) {
        guard state != (0, 0, 0, 0) else { return nil }
        (s0, s1, s2, s3) = state
        spareNormal = nil
    }

    /// The current xoshiro256** state.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    /// The next 64 random bits of xoshiro256** (Blackman and Vigna 2018):
    /// rotl(s₁·5, 7)·9, then the state advances one step.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    // MARK: Uniform numbers

    /// A uniform number in [0, 1): the top 53 bits of `next()` times 2⁻⁵³,
    /// so every multiple of 2⁻⁵³ in [0, 1) is equally likely (an exact
    /// conversion, no rounding).
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform number in `range` (half-open): `lower + (upper − lower)·u`
    /// with `u = uniform()`. Rounding can land that on `upper`; such a draw
    /// is returned as the largest double below `upper`, so the bound holds.
    ///
    /// - Precondition: the bounds are finite, `upper − lower` is finite and
    ///   the range is not empty.
    public mutating func uniform(in range: Range<Double>) -> Double {
        let width = range.upperBound - range.lowerBound
        precondition(
            range.lowerBound.isFinite && width.isFinite && !range.isEmpty,
            "uniform(in:): range \(range) must be finite and non-empty")
        let x = range.lowerBound + width * uniform()
        return x < range.upperBound ? x : range.upperBound.nextDown
    }

    /// A uniform number in `range` (closed): `lower + (upper − lower)·u` with
    /// `u` = the top 53 bits of `next()` divided by 2⁵³ − 1, so both bounds
    /// can occur. Results are clamped to `upper` against rounding.
    ///
    /// - Precondition: the bounds and `upper − lower` are finite.
    public mutating func uniform(in range: ClosedRange<Double>) -> Double {
        let width = range.upperBound - range.lowerBound
        precondition(
            range.lowerBound.isFinite && width.isFinite,
            "uniform(in:): range \(range) must be finite")
        let u = Double(next() >> 11) / Double((1 as UInt64) << 53 - 1)
        return min(range.lowerBound + width * u, range.upperBound)
    }

    // MARK: Integers and permutations

    /// A uniform integer in `0..<bound`, by Lemire's multiply-and-reject
    /// method ("Fast random integer generation in an interval", ACM TOMICS
    /// 2019): unbiased, and the same on every platform.
    ///
    /// - Precondition: `bound > 0`.
    public mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0, "integer(below:): bound \(bound) must be positive")
        let n = UInt64(bound)
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            // 2⁶⁴ mod n: draws whose low half falls below it would bias the result.
            let threshold = (0 &- n) % n
            while product.low < threshold {
                product = next().multipliedFullWidth(by: n)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `elements` in place by Fisher–Yates (Durstenfeld's form):
    /// for i from the last index down to 1, swap element i with a uniform
    /// j in 0...i. Every permutation is equally likely.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        var i = elements.count - 1
        while i > 0 {
            elements.swapAt(i, integer(below: i + 1))
            i -= 1
        }
    }

    /// `elements` in a uniformly random order (see `shuffle(_:)`).
    public mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var copy = elements
        shuffle(&copy)
        return copy
    }

    /// A uniformly random permutation of `0..<count`.
    public mutating func permutation(of count: Int) -> [Int] {
        shuffled(Array(0..<max(count, 0)))
    }
}
