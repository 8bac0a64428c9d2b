import Foundation
import Optimizers
import Testing
@testable import Reporting

/// f(x, y) = x² + y²: its level r² is the circle of radius r.
private struct Bowl: Objective {
    var dimension: Int { 2 }
    var minimum: [Double] { [0, 0] }
    func value(_ p: [Double]) -> Double { p[0] * p[0] + p[1] * p[1] }
    func gradient(_ p: [Double]) -> [Double] { [2 * p[0], 2 * p[1]] }
}

/// f(x, y) = x·y, linear along every grid edge, so marching squares places
/// its crossings exactly.
private struct Saddle: Objective {
    var dimension: Int { 2 }
    var minimum: [Double] { [0, 0] }
    func value(_ p: [Double]) -> Double { p[0] * p[1] }
    func gradient(_ p: [Double]) -> [Double] { [p[1], p[0]] }
}

/// The bowl, undefined (NaN) on the half plane x < 0.
private struct HalfBowl: Objective {
    var dimension: Int { 2 }
    var minimum: [Double] { [0, 0] }
    func value(_ p: [Double]) -> Double { p[0] < 0 ? .nan : p[0] * p[0] + p[1] * p[1] }
    func gradient(_ p: [Double]) -> [Double] { [2 * p[0], 2 * p[1]] }
}

private func points(_ s: Series) -> [(x: Double, y: Double)] {
    Array(zip(s.x ?? [], s.y))
}

@Suite("contours traces levels of an objective by marching squares")
struct ContoursTests {
    // 60 cells over [-2, 2]: h = 1/15.
    static let h = 4.0 / 60

    @Test("the bowl's level r² is one closed ring within h²/(4r) of radius r")
    func circle() throws {
        for r in [0.5, 1.0, 1.7] {
            let lines = contours(of: Bowl(), x: -2...2, y: -2...2, levels: [r * r])
            try #require(lines.count == 1, "radius \(r): \(lines.count) polylines")
            let ring = points(lines[0])
            #expect(ring.count > 20)
            #expect(ring.first! == ring.last!, "radius \(r): the ring is not closed")
            // Along an edge f has second derivative 2, so linear interpolation
            // misses f by at most 2·h²/8; dividing by |∇f| ≈ 2r bounds the
            // error in the radius.
            let tolerance = Self.h * Self.h / (4 * r)
            let worst = ring.map { abs(($0.x * $0.x + $0.y * $0.y).squareRoot() - r) }.max()!
            #expect(worst <= tolerance, "radius \(r): worst |ρ − r| = \(worst) > \(tolerance)")
            // The ring goes all the way round: its shoelace area is πr².
            var area = 0.0
            for (p, q) in zip(ring, ring.dropFirst()) { area += p.x * q.y - q.x * p.y }
            #expect(abs(abs(area / 2) - Double.pi * r * r) <= 0.01 * Double.pi * r * r)
            #expect(lines[0].label == "f = \(String(format: "%g", r * r))")
        }
    }

    @Test("consecutive points of a ring are at most one cell diagonal apart")
    func joined() throws {
        let lines = contours(of: Bowl(), x: -2...2, y: -2...2, levels: [1])
        let ring = points(try #require(lines.first))
        let longest = zip(ring, ring.dropFirst()).map { hypot($1.x - $0.x, $1.y - $0.y) }.max()!
        #expect(longest <= Self.h * 2.squareRoot() + 1e-12)
    }

    @Test("several levels give one ring each, in the order given; a NaN level gives none")
    func levelsInOrder() {
        let lines = contours(of: Bowl(), x: -2...2, y: -2...2, levels: [2.25, .nan, 0.25, 1, 1])
        #expect(lines.map(\.label) == ["f = 2.25", "f = 0.25", "f = 1", "f = 1"])
        #expect(lines[2] == lines[3])
        let radii = lines.map { line in points(line).map { hypot($0.x, $0.y) }.reduce(0, +) / Double(line.y.count) }
        #expect(abs(radii[0] - 1.5) < 0.01 && abs(radii[1] - 0.5) < 0.01 && abs(radii[2] - 1) < 0.01)
    }

    @Test("a level outside the grid's values, or NaN, gives no polylines")
    func outsideRange() {
        // On [-2, 2]² the bowl takes values in [0, 8].
        #expect(contours(of: Bowl(), x: -2...2, y: -2...2, levels: [8.5, -1, .nan, .infinity]).isEmpty)
        let traces = ContourGrid(Bowl(), x: -2...2, y: -2...2, resolution: 10).traces(of: [9, -1])
        #expect(traces.count == 2 && traces.allSatisfy { $0.pairs.isEmpty })
    }

    @Test("cells with a NaN corner are skipped: the ring becomes an arc ending at x = 0")
    func nanSkipped() throws {
        let lines = contours(of: HalfBowl(), x: -2...2, y: -2...2, levels: [1])
        try #require(lines.count == 1)
        let arc = points(lines[0])
        #expect(arc.allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.x >= 0 })
        let (first, last) = (arc.first!, arc.last!)
        #expect(first != last)
        // The arc's ends lie on the grid line x = 0 (vertex 30 of 60), at y = ∓1.
        #expect(first.x == 0 && last.x == 0)
        #expect(abs(abs(first.y) - 1) <= Self.h * Self.h / 4 && abs(abs(last.y) - 1) <= Self.h * Self.h / 4)
        #expect(first.y * last.y < 0)
    }

    @Test("crossings are exact where f is linear along edges: x·y = level at every point")
    func bilinearExact() {
        let lines = contours(of: Saddle(), x: -2...2, y: -2...2, levels: [0.5], resolution: 37)
        // Two hyperbola branches, in the first and third quadrants.
        #expect(lines.count == 2)
        for line in lines {
            let arc = points(line)
            #expect(arc.allSatisfy { abs($0.x * $0.y - 0.5) <= 1e-12 })
            #expect(arc.first! != arc.last!)
        }
        #expect(Set(lines.map { $0.y[0] > 0 }) == [true, false])
    }

    // One cell, corners f(±1, ±1) = x·y: +1, −1, +1, −1 counter-clockwise
    // from (−1, −1), a saddle for any level in (−1, 1). The centre value is 0.
    @Test("a saddle cell at level 0.5 (centre below) cuts off the two corners above it")
    func saddleAbove() {
        let lines = contours(of: Saddle(), x: -1...1, y: -1...1, levels: [0.5], resolution: 1)
        // On the bottom edge f = −x: 0.5 at x = −0.5; on the left edge f = −y.
        let found = Set(lines.map { points($0).map { "\($0.x),\($0.y)" }.sorted() })
        #expect(found == [["-0.5,-1.0", "-1.0,-0.5"], ["0.5,1.0", "1.0,0.5"]])
    }

    @Test("a saddle cell at level −0.5 (centre above) cuts off the two corners below it")
    func saddleBelow() {
        let lines = contours(of: Saddle(), x: -1...1, y: -1...1, levels: [-0.5], resolution: 1)
        let found = Set(lines.map { points($0).map { "\($0.x),\($0.y)" }.sorted() })
        #expect(found == [["0.5,-1.0", "1.0,-0.5"], ["-0.5,1.0", "-1.0,0.5"]])
    }
}
