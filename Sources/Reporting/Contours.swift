import Foundation  // String(format:), for the labels
import Optimizers

/// Contour lines of a 2-D `objective` over the rectangle `x` × `y`, for
/// `trajectoryPlot(_:title:paths:contours:)`.
///
/// The objective is evaluated on a grid of (`resolution` + 1)² points
/// (`resolution` cells along each axis) and each level is traced by
/// marching squares: on every grid edge whose two ends lie on different
/// sides of the level (f < level vs f ≥ level) the crossing is placed by
/// linear interpolation, and the crossings of each cell are joined by a
/// segment. A cell whose four corners alternate (a saddle) is resolved by
/// the mean of its corners, the value of the bilinear interpolant at its
/// centre. Segments are then chained through their shared edges into
/// polylines, one `Series` each, labelled `f = <level>`; a polyline that
/// closes on itself repeats its first point at the end.
///
/// Accuracy: the crossings are exact when f is linear along grid edges
/// (e.g. f = x·y); otherwise a crossing's value of f is off by at most
/// max|∂²f|·h²/8 for cells of width h along that edge.
///
/// Cells with a NaN or infinite corner are left out, so a contour stops at
/// the border of a region where f is undefined instead of crossing it. A
/// level outside the values f takes on the grid (or a NaN level) gives no
/// polylines. The result is deterministic: levels in the order given, and
/// within a level, open polylines first, in grid order.
///
/// - Precondition: `objective.dimension == 2`, `resolution ≥ 1`, and both
///   ranges have finite bounds.
public func contours(
    of objective: some Objective, x: ClosedRange<Double>, y: ClosedRange<Double>,
    levels: [Double], resolution: Int = 60
) -> [Series] {
    precondition(objective.dimension == 2,
                 "contours: the objective has \(objective.dimension) coordinates; contours need 2")
    precondition(resolution >= 1, "contours: resolution \(resolution) must be at least 1")
    precondition(
        x.lowerBound.isFinite && x.upperBound.isFinite && y.lowerBound.isFinite && y.upperBound.isFinite,
        "contours: the rectangle \(x) × \(y) must have finite bounds")
    let traces = ContourGrid(objective, x: x, y: y, resolution: resolution).traces(of: levels)
    return zip(levels, traces).flatMap { level, trace in
        let label = "f = " + String(format: "%g", level)
        return ContourGrid.polylines(of: trace).map { points in
            Series(label: label, x: points.map(\.x), y: points.map(\.y))
        }
    }
}

/// An objective sampled on a regular grid, traced level by level.
///
/// Vertex (i, j) is at (x₀ + i·hx, y₀ + j·hy) for i, j in 0...n. Every grid
/// edge has an integer id, so the crossing on an edge is computed once and
/// two cells sharing the edge meet at exactly the same point: edge ids are
/// the nodes of the graph whose paths are the polylines.
struct ContourGrid {
    let n: Int
    let xs: [Double]
    let ys: [Double]
    /// f at vertex (i, j), at `values[j * (n + 1) + i]`.
    let values: [Double]

    init(_ objective: some Objective, x: ClosedRange<Double>, y: ClosedRange<Double>, resolution n: Int) {
        self.n = n
        // Spacing by i/n rather than by adding steps keeps the far edge exact.
        xs = (0...n).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(n) }
        ys = (0...n).map { y.lowerBound + (y.upperBound - y.lowerBound) * Double($0) / Double(n) }
        var values: [Double] = []
        values.reserveCapacity((n + 1) * (n + 1))
        for yj in ys {
            for xi in xs { values.append(objective.value([xi, yj])) }
        }
        self.values = values
    }

    func value(_ i: Int, _ j: Int) -> Double { values[j * (n + 1) + i] }

    /// The edge from vertex (i, j) to (i + 1, j).
    func horizontalEdge(_ i: Int, _ j: Int) -> Int { 2 * (j * (n + 1) + i) }
    /// The edge from vertex (i, j) to (i, j + 1).
    func verticalEdge(_ i: Int, _ j: Int) -> Int { 2 * (j * (n + 1) + i) + 1 }

    /// The segments of one level: pairs of edge ids, and where the level
    /// crosses each of those edges.
    struct Trace {
        var pairs: [(Int, Int)] = []
        var points: [Int: (x: Double, y: Double)] = [:]
    }

    /// The traces of all `levels`, in the order given, from one pass over
    /// the cells: a cell is worked on only for the levels that cross it,
    /// found by binary search among the sorted levels, so the cost is about
    /// n²·log(levels) plus the crossings rather than n²·levels (it matters in
    /// the debug builds notebooks link against).
    func traces(of levels: [Double]) -> [Trace] {
        var traces = Array(repeating: Trace(), count: levels.count)
        // A NaN level crosses nothing; leaving it out keeps the sort total.
        let order = levels.indices.filter { !levels[$0].isNaN }.sorted { levels[$0] < levels[$1] }
        let sorted = order.map { levels[$0] }
        for j in 0..<n {
            for i in 0..<n {
                let f = (value(i, j), value(i + 1, j), value(i + 1, j + 1), value(i, j + 1))
                guard f.0.isFinite && f.1.isFinite && f.2.isFinite && f.3.isFinite else { continue }
                let lo = min(f.0, f.1, f.2, f.3), hi = max(f.0, f.1, f.2, f.3)
                // A level crosses the cell when a corner is below it and a
                // corner at or above it: lo < level ≤ hi.
                var k = firstIndex(in: sorted, above: lo)
                while k < sorted.count && sorted[k] <= hi {
                    trace(cell: i, j, [f.0, f.1, f.2, f.3], at: sorted[k], into: &traces[order[k]])
                    k += 1
                }
            }
        }
        return traces
    }

    /// The first index whose value is greater than `bound` in ascending
    /// `values` (`values.count` when there is none).
    private func firstIndex(in values: [Double], above bound: Double) -> Int {
        var (low, high) = (0, values.count)
        while low < high {
            let mid = (low + high) / 2
            if values[mid] > bound { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Adds the segments of cell (i, j) at `level` to `trace`; `f` holds the
    /// corner values counter-clockwise from the bottom left, all finite.
    private func trace(cell i: Int, _ j: Int, _ f: [Double], at level: Double, into trace: inout Trace) {
        // Edge k runs from corner k to corner k + 1: bottom, right, top, left.
        let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
        let above = f.map { $0 >= level }
        let edges = [horizontalEdge(i, j), verticalEdge(i + 1, j),
                     horizontalEdge(i, j + 1), verticalEdge(i, j)]
        var crossed: [Int] = []
        for k in 0..<4 where above[k] != above[(k + 1) % 4] {
            crossed.append(k)
            if trace.points[edges[k]] == nil {
                let (a, b) = (corners[k], corners[(k + 1) % 4])
                let t = (level - f[k]) / (f[(k + 1) % 4] - f[k])
                trace.points[edges[k]] = (xs[a.0] + t * (xs[b.0] - xs[a.0]),
                                          ys[a.1] + t * (ys[b.1] - ys[a.1]))
            }
        }
        if crossed.count == 2 {
            trace.pairs.append((edges[crossed[0]], edges[crossed[1]]))
        } else if crossed.count == 4 {
            // Saddle: corners 0 and 2 lie on one side, 1 and 3 on the other.
            // If the centre sides with corners 0 and 2, they are joined
            // through it and the level cuts off corners 1 (bottom + right
            // edges) and 3 (top + left); otherwise it cuts off corners 0
            // (left + bottom) and 2 (right + top).
            let centre = f.reduce(0, +) / 4
            if (centre >= level) == above[0] {
                trace.pairs += [(edges[0], edges[1]), (edges[2], edges[3])]
            } else {
                trace.pairs += [(edges[3], edges[0]), (edges[1], edges[2])]
            }
        }
    }

    /// A trace's segments chained into polylines through shared edges.
    /// Each edge belongs to at most two cells and each cell gives it at most
    /// one segment, so every node has one or two neighbours: the graph is a
    /// set of disjoint paths and cycles.
    static func polylines(of trace: Trace) -> [[(x: Double, y: Double)]] {
        let points = trace.points
        var neighbours: [Int: [Int]] = [:]
        for (a, b) in trace.pairs {
            neighbours[a, default: []].append(b)
            neighbours[b, default: []].append(a)
        }
        // Sorted so that the output does not depend on Dictionary order.
        let nodes = neighbours.keys.sorted()
        var visited = Set<Int>()
        var lines: [[(x: Double, y: Double)]] = []

        func walk(from start: Int) -> [Int] {
            var path = [start]
            visited.insert(start)
            var current = start
            while let next = neighbours[current]?.first(where: { !visited.contains($0) }) {
                path.append(next)
                visited.insert(next)
                current = next
            }
            return path
        }

        // Open polylines start at their ends, so they come out whole.
        for node in nodes where neighbours[node]!.count == 1 && !visited.contains(node) {
            lines.append(walk(from: node).map { points[$0]! })
        }
        // Whatever is left lies on cycles.
        for node in nodes where !visited.contains(node) {
            let cycle = walk(from: node)
            lines.append((cycle + [node]).map { points[$0]! })
        }
        return lines
    }
}
