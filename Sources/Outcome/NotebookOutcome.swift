import Records

/// What running a notebook's program produced, block by block: the input
/// `HTMLPages` renders next to the notebook's prose, and what the cache keeps.
public struct NotebookOutcome: Codable, Equatable, Sendable {
    /// One entry per experiment block, in notebook order (blocks with
    /// `eval=false`, and blocks after a failure, have status `.notRun`).
    public var blocks: [BlockOutcome]
    public init(blocks: [BlockOutcome]) { self.blocks = blocks }

    /// True when every evaluated block ran to its end and no expectation failed.
    public var succeeded: Bool {
        blocks.allSatisfy { b in
            switch b.status {
            case .ok, .notRun: return !b.records.contains {
                if case .expectation(let e) = $0 { return !e.passed } else { return false }
            }
            case .failed, .timedOut, .compileError: return false
            }
        }
    }
}

public struct BlockOutcome: Codable, Equatable, Sendable {
    public enum Status: Codable, Equatable, Sendable {
        case ok
        /// `eval=false`, or an earlier block failed.
        case notRun
        /// A trap or non-zero exit while this block ran: at the notebook
        /// line the crash happened on, else at the block's fence.
        case failed(Diagnostic)
        /// The time limit ran out while this block ran.
        case timedOut(seconds: Double)
        /// The program did not compile; the errors that belong to this block
        /// (at its lines, or unplaced ones such as the linker's).
        case compileError([Diagnostic])
    }
    public var index: Int
    public var id: String
    public var status: Status
    /// Everything the block reported, in order (no blockStart/blockEnd).
    public var records: [Record]
    /// What the block printed to standard output and standard error.
    public var stdout: String
    public var stderr: String
    /// swiftc's warnings about this block's code, in notebook line order,
    /// each with its source excerpt and notes. Empty when the program did
    /// not compile (the errors are in `status` then). They never fail a
    /// block.
    ///
    /// A required key: outcomes encoded before it existed (old cache
    /// entries) fail to decode, and the cache treats that as a miss, so a
    /// warm render never shows fewer warnings than a cold one.
    public var compilerWarnings: [Diagnostic]
    /// The notebook line the program crashed at while this block ran (from
    /// the crashed thread's backtrace; the failure diagnostic is there too).
    /// nil when the block did not crash or no frame of the crashed thread
    /// was in the notebook. Optional, so outcomes without it still decode.
    public var crashLine: Int?
    public init(index: Int, id: String, status: Status, records: [Record] = [],
                stdout: String = "", stderr: String = "", compilerWarnings: [Diagnostic] = [],
                crashLine: Int? = nil) {
        self.index = index; self.id = id; self.status = status
        self.records = records; self.stdout = stdout; self.stderr = stderr
        self.compilerWarnings = compilerWarnings; self.crashLine = crashLine
    }
}
