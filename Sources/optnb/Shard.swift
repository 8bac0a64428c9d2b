import ArgumentParser
import Foundation
import Regression

/// `--shard I/N`: shard I (1-based) of N.
struct Shard: Equatable, CustomStringConvertible {
    var index: Int
    var count: Int

    var description: String { "\(index)/\(count)" }

    /// Parses `I/N`; the error names the option, the value and what to give.
    static func parse(_ text: String) throws -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ValidationError("--shard takes I/N, shard I of N counted from 1 (e.g. --shard 2/3); got \"\(text)\".")
        }
        guard n >= 1 else {
            throw ValidationError("--shard \(text): the number of shards N must be at least 1.")
        }
        guard (1...n).contains(i) else {
            throw ValidationError("--shard \(text): the shard I must be between 1 and \(n) (shards are counted from 1).")
        }
        return Shard(index: i, count: n)
    }
}

/// Which shard renders which notebook: computed by every shard alike, from
/// the notebooks named and the durations at hand, without talking to the
/// others. Recorded in each shard's manifest so `merge` can tell when two
/// shards computed different splits.
struct ShardPlan: Codable, Equatable {
    struct Assignment: Codable, Equatable {
        var notebook: String
        var shard: Int
    }
    var count: Int
    /// "duration" when previous results gave measured times, else "count".
    var balancedBy: String
    /// Every notebook named, in render order, with its shard.
    var notebooks: [Assignment]
    /// Whether a single render of these notebooks writes an index.
    var writesIndex: Bool

    /// Longest-processing-time-first: notebooks from the heaviest down (ties
    /// in input order) each go to the least-loaded shard (ties to the lowest
    /// number). With no durations every weight is 1 and this is round-robin.
    /// A notebook without a measured duration weighs the mean of those with
    /// one, so a new notebook counts as a typical one.
    init(notebooks: [String], count: Int, seconds: [String: Double], writesIndex: Bool) {
        let known = notebooks.compactMap { seconds[$0] }
        let weights = durationWeights(notebooks, seconds: seconds)
        let order = longestFirst(weights)
        var load = Array(repeating: 0.0, count: count)
        var shardOf = Array(repeating: 0, count: notebooks.count)
        for i in order {
            let lightest = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            load[lightest] += weights[i]
            shardOf[i] = lightest + 1
        }
        self.count = count
        self.balancedBy = known.isEmpty ? "count" : "duration"
        self.notebooks = zip(notebooks, shardOf).map { Assignment(notebook: $0, shard: $1) }
        self.writesIndex = writesIndex
    }

    func notebooks(of shard: Int) -> [String] { notebooks.filter { $0.shard == shard }.map(\.notebook) }
}

/// Each notebook's weight: its measured seconds, or for one without, the
/// mean of those with (1 when none has), so a new notebook counts as a
/// typical one.
func durationWeights(_ notebooks: [String], seconds: [String: Double]) -> [Double] {
    let known = notebooks.compactMap { seconds[$0] }
    let typical = known.isEmpty ? 1 : known.reduce(0, +) / Double(known.count)
    return notebooks.map { seconds[$0] ?? typical }
}

/// Indices from the heaviest weight down, ties in input order: the order
/// in which longest-processing-time-first hands out work.
func longestFirst(_ weights: [Double]) -> [Int] {
    weights.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
}

/// The notebooks' last measured durations: the `seconds` of the results
/// files a previous render left in the output folder.
func previousSeconds(_ notebooks: [String], renderer: Renderer) -> [String: Double] {
    var seconds: [String: Double] = [:]
    for notebook in notebooks {
        let url = renderer.resultsURL(NotebookInputs.reportName(notebook))
        if let previous = try? ResultsFile.load(from: url), let s = previous.seconds, s.isFinite, s >= 0 {
            seconds[notebook] = s
        }
    }
    return seconds
}

extension RenderSettings {
    /// The shard's part of `inputs` and the plan, or nil when not sharded.
    /// Durations come from the results files a previous render left in
    /// `--output` (their `seconds`); every shard must see the same ones,
    /// which `merge` verifies through the recorded plans.
    func sharding(_ inputs: NotebookInputs, renderer: Renderer) throws -> (inputs: NotebookInputs, plan: ShardPlan, shard: Shard)? {
        guard let text = shard else { return nil }
        let shard = try Shard.parse(text)
        let seconds = previousSeconds(inputs.notebooks, renderer: renderer)
        let plan = ShardPlan(notebooks: inputs.notebooks, count: shard.count, seconds: seconds,
                             writesIndex: inputs.writesIndex)
        var mine = inputs
        mine.notebooks = plan.notebooks(of: shard.index)
        return (mine, plan, shard)
    }
}

extension NotebookRender {
    /// The results file as written beside the report: with the measured
    /// compile and run time, or on a cache hit the time the file it replaces
    /// recorded, so that shards stay balanced by what a real run costs.
    func resultsWithDuration(replacing previous: URL) -> ResultsFile {
        var file = results
        if !run.cacheHit && run.compileSeconds + run.runSeconds > 0 {
            file.seconds = run.compileSeconds + run.runSeconds
        } else {
            file.seconds = (try? ResultsFile.load(from: previous))?.seconds
        }
        return file
    }
}
