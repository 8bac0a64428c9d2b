import Records

/// What running a notebook's program produced, block by block: the input
/// `HTMLPages` renders next to the notebook's prose, and what the cache keeps.
public struct NotebookOutcome: Codable, Equatable, Sendable {
    /// One entry per experiment block, in notebook order (blocks with
    /// `eval=false`, and blocks after a failure, have status `.notRun`).
    public var blocks: [BlockOutcome]
    /// The outcome of these blocks.
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

/// What one experiment block did: how it ended, what it recorded and printed,
/// and the compiler's warnings about its code.
public struct BlockOutcome: Codable, Equatable, Sendable {
    /// How the block ended.
    public enum Status: Codable, Equatable, Sendable {
        /// It ran to its end (its expectations may still have failed: see `records`).
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
    /// The block's position among the notebook's experiment blocks, from 0.
    public var index: Int
    /// The block's id (its `id=` option, else `block-N`), which keys its results.
    public var id: String
    /// How it ended.
    public var status: Status
    /// Everything the block reported, in order (no blockStart/blockEnd).
    public var records: [Record]
    /// What the block printed to standard output and standard error.
    public var stdout: String
    /// What the block printed to standard error (at most `--max-output` bytes of each).
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
    /// An outcome as given; by default nothing recorded, printed or warned about.
    public init(index: Int, id: String, status: Status, records: [Record] = [],
                stdout: String = "", stderr: String = "", compilerWarnings: [Diagnostic] = [],
                crashLine: Int? = nil) {
        self.index = index; self.id = id; self.status = status
        self.records = records; self.stdout = stdout; self.stderr = stderr
        self.compilerWarnings = compilerWarnings; self.crashLine = crashLine
    }
}
