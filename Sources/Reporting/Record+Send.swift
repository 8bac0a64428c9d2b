import Records
import Synchronization

/// Sends `record` on the results channel, for library modules that report
/// records of their own (the sweep API). Notebook code calls the reporting
/// functions (`scalar`, `plot`, …) instead.
public func _optnbSend(_ record: Record) {
    ResultsChannel.shared.send(record)
}

/// The experiment block that is running (its 0-based index), as the
/// generated program's markers set it; nil before the first block or
/// outside optnb. The sweep cache keys a sweep by its block.
public var _optnbCurrentBlock: Int? { CurrentBlock.index.withLock { $0 } }

enum CurrentBlock {
    static let index = Mutex<Int?>(nil)
}
