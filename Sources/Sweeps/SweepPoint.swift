/// One point of a sweep: a value on every axis, and a seed derived from
/// the point's own coordinates (never from a generator shared between
/// points, so results do not depend on which thread ran the point or when).
public struct SweepPoint: @unchecked Sendable {
    // @unchecked: the axes' values are only read.
    /// Row-major position among the sweep's points (the last axis fastest).
    public let index: Int
    /// The index of this point's value on each axis.
    public let coordinates: [Int]
    let axes: [SweepAxis]

    /// Point `index` (row-major, the last axis fastest) of a grid over
    /// `axes`: the point `sweep` hands its closure, for running one point
    /// outside a sweep (a plain loop, a test).
    public init(index: Int, axes: [SweepAxis]) {
        self.index = index
        self.axes = axes
        var rest = index
        var coordinates = Array(repeating: 0, count: axes.count)
        for a in axes.indices.reversed() {
            coordinates[a] = rest % axes[a].count
            rest /= axes[a].count
        }
        self.coordinates = coordinates
    }

    private func axis(_ name: String) -> Int {
        guard let a = axes.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("sweep point: no axis named '\(name)' (axes: \(axes.map(\.name).joined(separator: ", ")))")
        }
        return a
    }

    /// The label of this point's value on axis `name`.
    public func label(_ name: String) -> String {
        let a = axis(name)
        return axes[a].labels[coordinates[a]]
    }

    /// The number on numeric axis `name` (a seed axis gives its seed).
    public func double(_ name: String) -> Double {
        let a = axis(name)
        guard let numbers = axes[a].numbers else {
            preconditionFailure("sweep point: axis '\(name)' holds no numbers; use label(_:) or value(_:as:)")
        }
        return numbers[coordinates[a]]
    }

    /// The integer on numeric axis `name`.
    public func int(_ name: String) -> Int {
        let x = double(name)
        guard x == x.rounded(), abs(x) < 1e15 else {
            preconditionFailure("sweep point: axis '\(name)' value \(x) is not an integer")
        }
        return Int(x)
    }

    /// The value on axis `name`, as the type it was put on the axis with.
    public func value<T>(_ name: String, as type: T.Type) -> T {
        let a = axis(name)
        guard let v = axes[a].values[coordinates[a]] as? T else {
            preconditionFailure("sweep point: axis '\(name)' value is a \(Swift.type(of: axes[a].values[coordinates[a]])), not \(T.self)")
        }
        return v
    }

    /// `optimizer=Adam, lr=0.01, seed=3`.
    public var description: String {
        zip(axes, coordinates).map { "\($0.name)=\($0.labels[$1])" }.joined(separator: ", ")
    }

    /// This point's seed: a 64-bit hash of its coordinates on the seed axes
    /// (`SweepAxis.seeds`), or of all its coordinates when there is none.
    /// The same on every machine and thread count.
    public var seed: UInt64 {
        let used = axes.indices.filter { axes[$0].isSeed }
        var h = SeedHash()
        for a in used.isEmpty ? Array(axes.indices) : used {
            h.add(axes[a].name); h.add("="); h.add(axes[a].labels[coordinates[a]]); h.add(";")
        }
        return h.value
    }

    /// An independent seed for one use of randomness, so the data, the
    /// initialisation and the batch order do not share a stream:
    /// `point.seed("data")`, `point.seed("init")`, `point.seed("batches")`.
    public func seed(_ stream: String) -> UInt64 {
        var h = SeedHash(start: seed)
        h.add(stream)
        return h.value
    }
}

/// FNV-1a over UTF-8 bytes, finished with SplitMix64's mixer so nearby
/// inputs give unrelated seeds.
struct SeedHash {
    private var state: UInt64
    init(start: UInt64 = 0xcbf2_9ce4_8422_2325) { state = start }
    mutating func add(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01b3
        }
    }
    var value: UInt64 {
        var z = state &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
