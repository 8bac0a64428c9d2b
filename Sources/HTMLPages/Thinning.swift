/// Which points of a long series to draw so an SVG stays small.
///
/// Contract: series of at most `threshold` points are kept whole. Longer ones
/// are cut into `buckets` consecutive stretches of (nearly) equal length;
/// from each stretch we keep its first and last point, the points with the
/// smallest and largest finite y (and x, when x is given: trajectories turn
/// back on themselves), and its first non-finite point, so a spike, a dip
/// and a NaN gap all survive. At most 7 points per stretch, so the result
/// has at most 7·`buckets` indices, in increasing order.
func thinnedIndices(x: [Double]?, y: [Double], count n: Int,
                    threshold: Int = 1000, buckets: Int = 500) -> [Int] {
    guard n > threshold, buckets > 0 else { return Array(0..<n) }
    var kept: [Int] = []
    kept.reserveCapacity(buckets * 4)
    for b in 0..<buckets {
        let start = b * n / buckets, end = (b + 1) * n / buckets
        guard start < end else { continue }
        var picks = [start, end - 1]
        picks += extremeIndices(y, start, end)
        if let x { picks += extremeIndices(x, start, end) }
        if let bad = (start..<end).first(where: { !y[$0].isFinite || !(x?[$0].isFinite ?? true) }) {
            picks.append(bad)
        }
        picks.sort()
        for i in picks where kept.last != i { kept.append(i) }
    }
    return kept
}

/// Indices of the smallest and largest finite values in `v[start..<end]`.
private func extremeIndices(_ v: [Double], _ start: Int, _ end: Int) -> [Int] {
    var lo: Int?, hi: Int?
    for i in start..<end where v[i].isFinite {
        if lo == nil || v[i] < v[lo!] { lo = i }
        if hi == nil || v[i] > v[hi!] { hi = i }
    }
    return [lo, hi].compactMap { $0 }
}
