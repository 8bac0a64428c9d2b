import Reporting

/// Runs `body` at every point of the grid `axes` spans, on `threads`
/// threads, and records every point's metrics (a `SweepTable`: into the
/// report and `results.json`, where `optnb check` compares each).
///
///     let grid = try sweep("lr-grid", axes: [
///         SweepAxis("optimizer", ["SGD", "Adam"]),
///         .logGrid("lr", from: 1e-3, to: 1, count: 7),
///         .seeds(5),
///     ]) { p in
///         let (train, heldOut) = Dataset<Double>.linearRegression(samples: 256, inFeatures: 8, seed: p.seed("data"))
///             .split(heldOut: 64, seed: p.seed("split"))
///         …
///         return ["held-out loss": model.loss(on: heldOut)]
///     }
///
/// Results are identical, bit for bit, for every thread count and finishing
/// order: a point's randomness must come from `point.seed` (its own
/// coordinates), and `body` must not touch state another point writes.
/// Report from the result (`grid.sensitivityPlot(…)`), not from inside
/// `body`: points run concurrently and, when cached, not at all.
///
/// A sweep already computed by an earlier render of the same library,
/// compiler and notebook text up to its block is read from the cache
/// instead of run (see `SweepCache`), with the very same numbers.
///
/// - Parameters:
///   - name: the sweep's key in the results file and its cache entry.
///   - title: the caption of the sweep's table (default: none).
///   - axes: the grid, at least one axis; the last varies fastest.
///   - threads: default `optnb render --threads`, else every processor.
///   - file: the notebook file (leave the default).
///   - line: the notebook line (leave the default).
///   - body: the experiment at one point; returns its metrics.
/// - Throws: `SweepError` naming this line for no axes, an empty axis, a
///   repeated axis name or a label repeated on an axis, a point that
///   throws (with its coordinates), a metric some points lack, or curves
///   of different lengths. Nothing is recorded or cached then.
@discardableResult
public func sweep(_ name: String, title: String = "", axes: [SweepAxis], threads: Int? = nil,
                  file: String = #filePath, line: Int = #line,
                  _ body: (SweepPoint) throws -> SweepMetrics) throws -> SweepResult {
    func fail(_ message: String) -> SweepError {
        SweepError(sweep: name, file: file, line: line, message: message)
    }
    guard !axes.isEmpty else { throw fail("a sweep needs at least one axis") }
    var names = Set<String>()
    for axis in axes {
        guard !axis.labels.isEmpty else { throw fail("axis '\(axis.name)' has no values") }
        guard names.insert(axis.name).inserted else { throw fail("axis name '\(axis.name)' is used twice") }
        var seen = Set<String>()
        for label in axis.labels where !seen.insert(label).inserted {
            throw fail("axis '\(axis.name)' has the value \(label) twice")
        }
    }
    let total = axes.reduce(1) { $0 * $1.count }
    let progress = SweepProgress(sweep: name, total: total)
    let cache = SweepCache.forNextSweep()

    switch cache?.lookup(sweep: name, axes: axes) {
    case .hit(let entry)?:
        progress.start(line: line, cached: true, axes: axes)
        progress.end()
        return finish(SweepResult(name: name, title: title, axes: axes, metrics: entry.metrics,
                                  values: entry.values, curves: entry.curves), file: file, line: line)
    case .damaged(let why)?:
        // Recomputed below; optnb prints this once (the entry is gone).
        _optnbSend(.warning(RunWarning(
            message: "sweep '\(name)': its cache entry \(cache?.path ?? "") was damaged (\(why)); "
                + "it was removed and the sweep computed again",
            source: SourceLine(file: file, line: line))))
    case .miss?, nil:
        break
    }

    progress.start(line: line, cached: false, axes: axes)
    let outcomes = SweepPool.run(count: total, threads: threads ?? SweepPool.defaultThreads,
                                 progress: progress) { i in
        try body(SweepPoint(index: i, axes: axes))
    }
    progress.end()

    if let (i, error) = outcomes.enumerated().lazy
        .compactMap({ i, o -> (Int, any Error)? in if case .failed(let e)? = o { (i, e) } else { nil } }).first {
        throw fail("point \(SweepPoint(index: i, axes: axes).description) threw: \(error)")
    }
    let results = outcomes.map { o -> SweepMetrics in
        guard case .done(let m)? = o else { preconditionFailure("sweep: a point neither finished nor failed") }
        return m
    }
    let metrics = results[0].names
    var values: [[Double]] = []
    values.reserveCapacity(total)
    for (i, r) in results.enumerated() {
        let point = { SweepPoint(index: i, axes: axes).description }
        if Set(r.names).count != r.names.count {
            throw fail("point \(point()) returned a metric name twice: \(r.names.joined(separator: ", "))")
        }
        let missing = metrics.filter { !r.names.contains($0) }
        let extra = r.names.filter { !metrics.contains($0) }
        if !missing.isEmpty || !extra.isEmpty {
            let first = SweepPoint(index: 0, axes: axes).description
            var parts: [String] = []
            if !missing.isEmpty { parts.append("lacks \(quoted(missing)), which point \(first) returns") }
            if !extra.isEmpty { parts.append("returns \(quoted(extra)), which point \(first) lacks") }
            throw fail("point \(point()) " + parts.joined(separator: " and ") + "; every point must return the same metrics")
        }
        // The same names in another order: read them in the first point's order.
        values.append(metrics.map { r.values[r.names.firstIndex(of: $0)!] })
        if (r.curve == nil) != (results[0].curve == nil) || (r.curve?.count ?? 0) != (results[0].curve?.count ?? 0) {
            let n = { (c: [Double]?) in c.map { "a curve of \($0.count) values" } ?? "no curve" }
            throw fail("point \(point()) returned \(n(r.curve)), point \(SweepPoint(index: 0, axes: axes).description) \(n(results[0].curve)); every point must return curves of one length, or none")
        }
    }
    let result = SweepResult(name: name, title: title, axes: axes, metrics: metrics,
                             values: values, curves: results.map(\.curve))
    cache?.store(sweep: name, axes: axes,
                 SweepCache.Entry(metrics: metrics, values: result.values, curves: result.curves))
    return finish(result, file: file, line: line)
}

/// Records the sweep's table and hands the result back.
private func finish(_ result: SweepResult, file: String, line: Int) -> SweepResult {
    _optnbSend(.sweep(SweepTable(
        name: result.name, title: result.title,
        axes: result.axes.map { SweepAxisRecord(name: $0.name, labels: $0.labels) },
        metrics: result.metrics, values: result.values, source: SourceLine(file: file, line: line))))
    return result
}

private func quoted(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }
