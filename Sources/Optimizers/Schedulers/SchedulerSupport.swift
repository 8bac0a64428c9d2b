import Foundation
import Synchronization

/// torch keeps each parameter group's `initial_lr` in the group itself: the
/// first scheduler built on an optimizer records the optimizer's `lr` there
/// (`setdefault`), later schedulers take their `base_lrs` from it, `OneCycleLR`
/// overwrites it and `SequentialLR` resets `lr` to it. `Optimizer` has no such
/// slot, so it lives here, keyed by the optimizer's identity. The reference is
/// weak, so a dead optimizer's address reused by a new one is not mistaken for it.
enum InitialLR {
    // Unchecked: the weak reference is only tested for nil (is the optimizer
    // alive?), never used to reach the optimizer from another task.
    private struct Entry: @unchecked Sendable {
        weak var optimizer: AnyObject?
        var lr: Double
    }

    private static let table = Mutex<[ObjectIdentifier: Entry]>([:])

    /// torch's `group.setdefault("initial_lr", group["lr"])`; returns the value in force.
    static func setDefault(_ optimizer: any Optimizer) -> Double {
        let key = ObjectIdentifier(optimizer)
        let current = optimizer.lr
        return table.withLock { table in
            if let entry = table[key], entry.optimizer != nil { return entry.lr }
            table = table.filter { $0.value.optimizer != nil }
            table[key] = Entry(optimizer: optimizer, lr: current)
            return current
        }
    }

    /// torch's `group["initial_lr"] = lr`.
    static func set(_ optimizer: any Optimizer, _ lr: Double) {
        let key = ObjectIdentifier(optimizer)
        table.withLock { table in
            table = table.filter { $0.value.optimizer != nil }
            table[key] = Entry(optimizer: optimizer, lr: lr)
        }
    }

    /// torch's `group["initial_lr"]`, `nil` when no scheduler has set it.
    static func get(_ optimizer: any Optimizer) -> Double? {
        let key = ObjectIdentifier(optimizer)
        return table.withLock { table in
            guard let entry = table[key], entry.optimizer != nil else { return nil }
            return entry.lr
        }
    }
}

/// Python's `bisect.bisect_right`, probing the same positions, so that
/// unsorted milestones (which torch does not refuse) land where torch's do.
func bisectRight(_ values: [Int], _ x: Int) -> Int {
    var low = 0
    var high = values.count
    while low < high {
        let mid = (low + high) / 2
        if x < values[mid] { high = mid } else { low = mid + 1 }
    }
    return low
}

/// Python's `max(a, b)`: `a` unless `b > a`, which keeps `a` on ties of ±0 and
/// when either is NaN in the way CPython does.
func pythonMax(_ a: Double, _ b: Double) -> Double { b > a ? b : a }


extension InvalidOption {
    /// A scheduler's option check: refuses `value` of torch's keyword `option`
    /// for `reason` unless `holds`.
    static func require(
        _ holds: Bool, option: String, value: String, reason: @autoclosure () -> String
    ) throws(InvalidOption) {
        guard holds else { throw InvalidOption(option: option, value: value, reason: reason()) }
    }

    /// Refuses a count of steps below 1 (a period, a cycle length, a factor
    /// on one), which torch divides by or takes a step number modulo.
    static func requireSteps(
        _ option: String, _ steps: Int, _ reason: @autoclosure () -> String
    ) throws(InvalidOption) {
        try require(steps >= 1, option: option, value: "\(steps)", reason: reason())
    }
}

/// Python's `x ** y`, as a scheduler's `get_lr()` computes its decay factors,
/// refusing the step where Python raises OverflowError; the refusal names
/// torch's keyword `option` and its value `value` (γ, or the exponent p).
func schedulePow(
    _ x: Double, _ y: Double, option: String, _ value: Double, epoch: Int
) throws(InvalidOption) -> Double {
    guard let power = pythonPow(x, y) else {
        throw InvalidOption(
            option: option, value: "\(value)",
            reason: "its power overflows at step \(epoch), where torch raises OverflowError")
    }
    return power
}
