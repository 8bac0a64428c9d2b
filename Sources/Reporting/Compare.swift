import Optimizers

/// Runs a library optimizer and a hand-written step function side by side
/// and records a `Comparison`: both loss curves, max|Δθ| after every step and
/// the mean time of one step.
///
/// Both sides start from copies of `initial` (values, shapes and names; the
/// originals are not touched) and see the same `lossAndGradients`, which
/// must depend on the parameters alone (full batch; see the step-aware
/// overload for minibatches), so the sides differ only by their update
/// rules. Step k:
/// 1. `lossAndGradients(params)` returns the loss at the current values and
///    sets every parameter's `grad` (overwriting, not accumulating); this is
///    `libraryLoss[k]` / `manualLoss[k]`.
/// 2. Library: `optimizer.step()`. Manual: `manual(&θ, g)` with θ and g the
///    parameters' values and gradients flattened in parameter order (a `nil`
///    gradient is passed as zeros); θ is written back afterwards. Only these
///    calls are timed (`ContinuousClock`), so the times compare update rules.
/// 3. `maxAbsDifference[k] = max_i |θ_library[i] − θ_manual[i]|` (NaN if any
///    element differs by NaN).
///
/// After the last step the loss is evaluated once more, so the loss curves
/// have `steps + 1` entries. The manual side keeps its own state (moments,
/// step count) in variables its closure captures.
///
/// - Parameters:
///   - name: the comparison's key in the results file (and `@fig-` label).
///   - title: the caption of its figure and table.
///   - steps: how many steps each side takes (> 0, else a trap).
///   - initial: the starting parameters; copied for each side.
///   - lossAndGradients: the loss at the given parameters, setting each
///     one's `grad`.
///   - library: builds the optimizer on exactly the parameters it is given
///     (another set traps).
///   - libraryLabel: what the library side is called, e.g. `"Adam(lr: 0.01)"`.
///   - manualLabel: what the manual side is called, e.g. `"adamStep"`.
///   - manual: one hand-written step on the flat values θ and gradients g.
///   - lossThreshold: shown in the report as "steps to reach"; see
///     `Comparison.stepsToReach`.
///   - lossPlot: whether the report draws both loss curves over each other.
///     When the sides agree the two curves are one line, so after the first
///     comparison in a notebook pass `false`: the summary table and the
///     |Δθ| plot still show the agreement, and the losses are still checked.
///   - file: the notebook file (leave the default).
///   - line: the notebook line (leave the default).
/// - Returns: the recorded comparison, for use in `expect(...)`.
@discardableResult
public func compare(
    _ name: String, title: String, steps: Int,
    initial: [Parameter<Double>],
    lossAndGradients: ([Parameter<Double>]) throws -> Double,
    library: ([Parameter<Double>]) throws -> any Optimizer<Double>,
    libraryLabel: String, manualLabel: String,
    manual: (inout [Double], [Double]) -> Void,
    lossThreshold: Double? = nil, lossPlot: Bool = true,
    file: String = #filePath, line: Int = #line
) rethrows -> Comparison {
    try compare(
        name, title: title, steps: steps, initial: initial,
        lossAndGradients: { parameters, _ in try lossAndGradients(parameters) },
        library: library, libraryLabel: libraryLabel, manualLabel: manualLabel,
        manual: manual, lossThreshold: lossThreshold, lossPlot: lossPlot, file: file, line: line)
}

/// `compare` for a loss that changes with the step, such as a minibatch
/// loss: `lossAndGradients(params, k)` is called with k = 0…steps on each
/// side. Choose the batch from k (not from a shared random generator, which
/// the two sides would draw from in turn) so both sides see the same data.
@discardableResult
public func compare(
    _ name: String, title: String, steps: Int,
    initial: [Parameter<Double>],
    lossAndGradients: ([Parameter<Double>], Int) throws -> Double,
    library: ([Parameter<Double>]) throws -> any Optimizer<Double>,
    libraryLabel: String, manualLabel: String,
    manual: (inout [Double], [Double]) -> Void,
    lossThreshold: Double? = nil, lossPlot: Bool = true,
    file: String = #filePath, line: Int = #line
) rethrows -> Comparison {
    precondition(steps > 0, "compare \"\(name)\": steps must be positive, got \(steps)")
    let libraryParameters = initial.map(copy)
    let manualParameters = initial.map(copy)
    let optimizer = try library(libraryParameters)
    precondition(
        optimizer.parameters.count == libraryParameters.count
            && zip(optimizer.parameters, libraryParameters).allSatisfy { $0 === $1 },
        "compare \"\(name)\": the library closure must build the optimizer on the parameters it is given")

    let clock = ContinuousClock()
    var libraryTime = Duration.zero
    var manualTime = Duration.zero
    var libraryLoss: [Double] = []
    var manualLoss: [Double] = []
    var maxAbsDifference: [Double] = []
    libraryLoss.reserveCapacity(steps + 1)
    manualLoss.reserveCapacity(steps + 1)
    maxAbsDifference.reserveCapacity(steps)

    for step in 0..<steps {
        libraryLoss.append(try lossAndGradients(libraryParameters, step))
        libraryTime += clock.measure { optimizer.step() }

        manualLoss.append(try lossAndGradients(manualParameters, step))
        var theta = manualParameters.flatMap(\.value)
        let gradient = manualParameters.flatMap { $0.grad ?? Array(repeating: 0, count: $0.count) }
        let count = theta.count
        manualTime += clock.measure { manual(&theta, gradient) }
        precondition(
            theta.count == count,
            "compare \"\(name)\": the manual step changed the parameter count from \(count) to \(theta.count)")
        scatter(theta, into: manualParameters)

        maxAbsDifference.append(maxAbsDifferenceOf(libraryParameters, manualParameters))
    }
    libraryLoss.append(try lossAndGradients(libraryParameters, steps))
    manualLoss.append(try lossAndGradients(manualParameters, steps))

    let comparison = Comparison(
        name: name, title: title, libraryLabel: libraryLabel, manualLabel: manualLabel,
        steps: steps, libraryLoss: libraryLoss, manualLoss: manualLoss,
        maxAbsDifference: maxAbsDifference, lossThreshold: lossThreshold,
        librarySecondsPerStep: libraryTime.totalSeconds / Double(steps),
        manualSecondsPerStep: manualTime.totalSeconds / Double(steps),
        source: SourceLine(file: file, line: line), lossPlot: lossPlot)
    ResultsChannel.shared.send(.comparison(comparison))
    return comparison
}

private func copy(_ p: Parameter<Double>) -> Parameter<Double> {
    let c = Parameter(p.value, shape: p.shape, name: p.name)
    c.grad = p.grad
    return c
}

/// Writes the flat vector `theta` back into `parameters`, in order.
private func scatter(_ theta: [Double], into parameters: [Parameter<Double>]) {
    var offset = 0
    for p in parameters {
        p.value = Array(theta[offset..<offset + p.count])
        offset += p.count
    }
}

private func maxAbsDifferenceOf(_ a: [Parameter<Double>], _ b: [Parameter<Double>]) -> Double {
    var largest = 0.0
    for (p, q) in zip(a, b) {
        for (x, y) in zip(p.value, q.value) {
            let d = abs(x - y)
            if d.isNaN { return .nan }
            largest = max(largest, d)
        }
    }
    return largest
}
