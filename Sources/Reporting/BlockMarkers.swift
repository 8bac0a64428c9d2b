#if canImport(Glibc)
// `stdout`/`stderr` are C globals, which Swift 6 rejects unless the import
// is @preconcurrency; this file must not import Foundation, whose plain
// re-export of Glibc would take precedence.
@preconcurrency import Glibc
#endif

/// Marks the start of experiment block `index` (0-based, notebook order).
/// optnb's generated program calls this; notebook code should not.
///
/// When `OPTNB_BLOCK_OUTPUT` names a directory, the C streams are flushed and
/// fresh files `<dir>/<index>.stdout` and `<dir>/<index>.stderr` are put on
/// file descriptors 1 and 2, so everything the block prints, including a
/// Swift runtime trap message, lands in that block's own files. Block
/// boundaries travel on the results channel, never in printed text, so a
/// user's `print` cannot fake one.
public func _optnbBeginBlock(index: Int, id: String) {
    ThrowSites.install
    CurrentBlock.index.withLock { $0 = index }
    BlockOutput.shared.redirect(toBlock: index)
    ResultsChannel.shared.send(.blockStart(BlockMarker(index: index, id: id)))
}

/// Marks the normal end of experiment block `index`. Called by optnb's
/// generated program after the block's last statement.
public func _optnbEndBlock(index: Int, id: String) {
    fflush(stdout)
    fflush(stderr)
    ResultsChannel.shared.send(.blockEnd(BlockMarker(index: index, id: id)))
}

/// Per-block capture of file descriptors 1 and 2. Holds no mutable state:
/// the generated program calls the markers from its main thread, in order.
final class BlockOutput: Sendable {
    static let environmentKey = "OPTNB_BLOCK_OUTPUT"
    /// Created by the first `_optnbBeginBlock`, before any notebook code runs.
    static let shared = BlockOutput(directory: getenv(environmentKey).map { String(cString: $0) })

    private let directory: String?

    init(directory: String?) {
        self.directory = (directory?.isEmpty ?? true) ? nil : directory
        if self.directory != nil {
            // A trap skips the final flush of a fully buffered stdout; line
            // buffering keeps every completed line of a crashing block.
            setvbuf(stdout, nil, _IOLBF, 0)
        }
    }

    func redirect(toBlock index: Int) {
        guard let directory else { return }
        // Text still in the C buffers belongs to the previous block.
        fflush(stdout)
        fflush(stderr)
        Self.replace(1, with: "\(directory)/\(index).stdout")
        Self.replace(2, with: "\(directory)/\(index).stderr")
    }

    private static func replace(_ target: Int32, with path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            ResultsChannel.writeStandardError(
                "optnb: cannot capture output in \(path): \(reason)\n")
            return
        }
        // dup2 clears O_CLOEXEC on the new descriptor, as fd 1/2 should be.
        dup2(fd, target)
        close(fd)
    }
}
