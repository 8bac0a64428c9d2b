import Foundation
import Optimizers

/// A test-only optimizer: it holds a rate for schedulers to set and counts
/// its steps, and has no parameters to update.
final class StubOptimizer: Optimizer {
    typealias Scalar = Double

    let parameters: [Parameter<Double>] = []
    var lr: Double
    private(set) var steps = 0

    init(lr: Double) { self.lr = lr }

    func step() { steps += 1 }
}

/// Runs the torch recording loop `lr = group["lr"]; optimizer.step();
/// scheduler.step()` for `steps` steps and returns the rates in force.
func recordRates(_ scheduler: any LRScheduler, steps: Int) -> [Double] {
    (0..<steps).map { _ in
        let rate = scheduler.optimizer.lr
        scheduler.optimizer.step()
        scheduler.step()
        return rate
    }
}

/// `|actual − expected| ≤ atol + rtol·|expected|` elementwise, same length,
/// with NaN equal only to NaN.
func close(_ actual: [Double], _ expected: [Double], rtol: Double = 1e-13, atol: Double = 1e-15) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
        (a.isNaN && e.isNaN) || abs(a - e) <= atol + rtol * abs(e)
    }
}
