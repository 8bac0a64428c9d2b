/// What a replayed file records about itself, for pages that show replay
/// results beside the recording (`optnb replay --html`).
extension ReplayResult {
    /// What a replayed file records about itself (class, dtype, source,
    /// tolerance, steps, torch's refusal).
    public struct Recording: Sendable {
        /// torch's class the file exercises: the optimizer's (`"Adam"`) for a
        /// trajectory, even one driven by a scheduler; the scheduler's
        /// (`"StepLR"`) for a schedule file.
        public let torchClass: String
        /// The tensors' dtype; nil for a schedule, whose rates are Python floats.
        public let dtype: String?
        /// The file's `source` (which torch recorded it), if given.
        public let source: String?
        /// `|a − e| ≤ atol + rtol·|e|`; nil for a file recording only a refusal.
        public let tolerance: Trajectory.Tolerance?
        /// Steps the file records, each compared unless replay stopped early
        /// (which fails the file).
        public let steps: Int
        /// torch's message when the file records a refused construction.
        public let torchRefusal: String?

        /// A description with every field as given.
        public init(torchClass: String, dtype: String?, source: String?, tolerance: Trajectory.Tolerance?,
                    steps: Int, torchRefusal: String?) {
            self.torchClass = torchClass; self.dtype = dtype; self.source = source
            self.tolerance = tolerance; self.steps = steps; self.torchRefusal = torchRefusal
        }
    }

    /// The same result, told which file it came from and what that file records.
    func from(file: String, recording: Recording?) -> ReplayResult {
        ReplayResult(name: name, passed: passed, worst: worst, message: message, file: file, recording: recording)
    }
}

extension Trajectory {
    var recording: ReplayResult.Recording {
        .init(torchClass: optimizer, dtype: dtype.rawValue, source: source, tolerance: tolerance,
              steps: steps.count, torchRefusal: error)
    }
}

extension RecordedSchedule {
    var recording: ReplayResult.Recording {
        .init(torchClass: scheduler, dtype: nil, source: source, tolerance: tolerance, steps: steps,
              torchRefusal: nil)
    }
}
