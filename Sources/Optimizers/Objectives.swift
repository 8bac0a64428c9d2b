/// A test function for optimizer trajectories: a value and its analytic
/// gradient at any point, and the point where the global minimum lies.
///
/// Points are plain `[Double]` so that the manual step functions
/// (`adamStep`, …) can move them directly.
public protocol Objective: Sendable {
    /// The number of coordinates a point has.
    var dimension: Int { get }
    /// f(p). - Precondition: `p.count == dimension`.
    func value(_ p: [Double]) -> Double
    /// ∇f(p). - Precondition: `p.count == dimension`.
    func gradient(_ p: [Double]) -> [Double]
    /// A global minimiser.
    var minimum: [Double] { get }
}

/// A convex quadratic with a diagonal Hessian: f(p) = ½·Σᵢ cᵢ·pᵢ², so
/// ∇f(p)ᵢ = cᵢ·pᵢ, minimum 0 at the origin.
///
/// Its condition number is max cᵢ / min cᵢ: the ratio of the steepest to
/// the flattest curvature, which is what makes plain gradient descent zig-zag
/// (a step η is stable only below 2/max cᵢ, yet progress along the flattest
/// axis is η·min cᵢ per step).
public struct Quadratic: Objective, Equatable {
    /// The curvatures cᵢ (the Hessian's diagonal). With every cᵢ > 0 the
    /// origin is the unique minimiser; otherwise it is only a stationary point.
    public let curvatures: [Double]

    /// f = ½·Σ cᵢ·pᵢ².
    public init(curvatures: [Double]) {
        self.curvatures = curvatures
    }

    /// The 2-D bowl f(x, y) = ½·(a·x² + b·y²), condition number a/b.
    public init(a: Double, b: Double) {
        self.init(curvatures: [a, b])
    }

    /// f(x, y) = ½·(κ·x² + y²): condition number κ, steep along x.
    public init(conditionNumber κ: Double) {
        self.init(curvatures: [κ, 1])
    }

    /// The number of coordinates, one per curvature.
    public var dimension: Int { curvatures.count }

    /// The origin, where f = 0.
    public var minimum: [Double] { Array(repeating: 0, count: curvatures.count) }

    /// f(p) = ½ Σᵢ λᵢ pᵢ². Traps when `p.count != dimension`.
    public func value(_ p: [Double]) -> Double {
        precondition(p.count == dimension, "Quadratic: point has \(p.count) coordinates, expected \(dimension)")
        var sum = 0.0
        for i in p.indices {
            sum += curvatures[i] * p[i] * p[i]
        }
        return 0.5 * sum
    }

    /// ∇f(p) = (λᵢ pᵢ)ᵢ. Traps when `p.count != dimension`.
    public func gradient(_ p: [Double]) -> [Double] {
        precondition(p.count == dimension, "Quadratic: point has \(p.count) coordinates, expected \(dimension)")
        var g = p
        for i in p.indices {
            g[i] = curvatures[i] * p[i]
        }
        return g
    }
}

/// Rosenbrock's banana valley (Rosenbrock, The Computer Journal 1960):
///
///     f(x, y) = (a − x)² + b·(y − x²)²
///     ∂f/∂x = −2·(a − x) − 4·b·x·(y − x²)
///     ∂f/∂y = 2·b·(y − x²)
///
/// The minimum, 0, is at (a, a²), at the end of a long curved valley whose
/// floor is nearly flat: easy to reach, slow to follow.
public struct Rosenbrock: Objective, Equatable {
    /// a, the valley's end: the minimum is at (a, a²) (default 1).
    public let a: Double
    /// b, the steepness of the valley's walls (default 100).
    public let b: Double

    /// Rosenbrock's function with parameters a and b.
    public init(a: Double = 1, b: Double = 100) {
        self.a = a
        self.b = b
    }

    /// Always 2.
    public var dimension: Int { 2 }

    /// (a, a²), where f = 0.
    public var minimum: [Double] { [a, a * a] }

    /// f(x, y) = (a − x)² + b·(y − x²)². Traps when `p.count != 2`.
    public func value(_ p: [Double]) -> Double {
        precondition(p.count == 2, "Rosenbrock: point has \(p.count) coordinates, expected 2")
        let (x, y) = (p[0], p[1])
        return (a - x) * (a - x) + b * (y - x * x) * (y - x * x)
    }

    /// (∂f/∂x, ∂f/∂y) as in the type's comment. Traps when `p.count != 2`.
    public func gradient(_ p: [Double]) -> [Double] {
        precondition(p.count == 2, "Rosenbrock: point has \(p.count) coordinates, expected 2")
        let (x, y) = (p[0], p[1])
        let valley = y - x * x
        return [-2 * (a - x) - 4 * b * x * valley, 2 * b * valley]
    }
}

/// The points an update rule visits on `objective`: `start`, then the point
/// after each of `steps` calls `update(&p, objective.gradient(p))`, so the
/// result has `steps + 1` points (fewer than 1 step gives just `[start]`).
///
/// `update` is any of the manual rules with its state captured, e.g.
/// `var s = AdamState(count: 2); trajectory(on: f, from: p0, steps: 100) { adamStep(&$0, $1, state: &s, lr: 0.1) }`.
public func trajectory(
    on objective: some Objective, from start: [Double], steps: Int,
    update: (inout [Double], [Double]) -> Void
) -> [[Double]] {
    var p = start
    var points = [p]
    points.reserveCapacity(max(steps, 0) + 1)
    for _ in 0..<max(steps, 0) {
        update(&p, objective.gradient(p))
        points.append(p)
    }
    return points
}
