import Optimizers

/// Reads a trajectory's `scheduler` and `momentum_schedule`, checking them
/// against each other and `lr_schedule`: a scheduler must be one optnb can
/// step after every optimizer step, a run it drove records the rate it set
/// (`lr_schedule`), and `momentum_schedule` only accompanies a scheduler.
/// Which options the scheduler takes is checked when it is replayed.
func readScheduled(
    _ top: Field.Object, root: Field, steps: Int, lrSchedule: [Double]?, refused: Bool
) throws(TrajectoryError) -> (scheduler: Trajectory.Scheduler?, momentum: [Double]?) {
    let momentumField = top.optional("momentum_schedule")
    guard let field = top.optional("scheduler") else {
        if let momentumField {
            throw momentumField.fail("only a trajectory driven by a scheduler records momentum_schedule")
        }
        return (nil, nil)
    }
    let o = try field.object(allowed: ["name", "options"])
    let nameField = try o.required("name")
    let name = try nameField.string()
    let steppable = replayableSchedulers.filter { $0 != "ReduceLROnPlateau" }
    guard steppable.contains(name) else {
        throw nameField.fail(
            "unknown scheduler \"\(name)\" (a trajectory can be driven by \(steppable.joined(separator: ", ")))")
    }
    let scheduler = Trajectory.Scheduler(name: name, options: try readArguments(try o.required("options")))
    if lrSchedule == nil && !refused {
        throw root.child("lr_schedule", .null).fail("missing (a trajectory driven by a scheduler records its rates)")
    }
    let momentum = try momentumField.map { f throws(TrajectoryError) in try f.numbers(count: steps) }
    return (scheduler, momentum)
}
