import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files that belong together (a report and its results file) so
/// that readers and other renders see all of them from one render or none:
/// every file is first written in full to a temporary name beside its
/// target, then all are renamed while holding
///
/// - an exclusive `flock` on `<folder>/.optnb.lock`, so two renders writing
///   one output folder at once publish one after the other, never
///   interleaved (one's report with the other's results), and
/// - `InterruptCleanup`'s publishing lock, so Ctrl-C or SIGTERM ends optnb
///   before the first rename or after the last, never between.
///
/// A failure before the renames leaves every old file as it was and no
/// temporary behind.
///
/// - Throws: `RunnerIOError` naming the file that could not be written.
public func publishTogether(_ files: [(data: Data, url: URL)]) throws {
    guard let folder = files.first?.url.deletingLastPathComponent() else { return }
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
        throw RunnerIOError(path: folder.path, reason: error.localizedDescription)
    }
    var temporaries: [(temporary: String, target: String)] = []
    defer {
        for t in temporaries { unlink(t.temporary); InterruptCleanup.shared.forget(t.temporary) }
    }
    for file in files {
        let temporary = file.url.deletingLastPathComponent()
            .appendingPathComponent(".\(file.url.lastPathComponent).\(getpid()).\(UInt32.random(in: .min ... .max)).tmp").path
        temporaries.append((temporary, file.url.path))
        do {
            try InterruptCleanup.shared.creating {
                InterruptCleanup.shared.remember(temporary)
                try file.data.write(to: URL(fileURLWithPath: temporary))
            }
        } catch {
            throw RunnerIOError(path: file.url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
    try withOutputLock(folder) {
        try InterruptCleanup.shared.whilePublishing {
            for (k, t) in temporaries.enumerated() {
                guard rename(t.temporary, t.target) == 0 else {
                    throw RunnerIOError(path: t.target, reason: "cannot write: " + String(cString: strerror(errno)))
                }
                if k == 0 { testPublishPause() }
            }
        }
    }
}

/// Only for the tests that show the lock at work: a pause after the first
/// file of a locked write (`OPTNB_TEST_PUBLISH_PAUSE` seconds) holds the
/// window in which, unlocked, another writer's files could land between
/// this one's.
public func testPublishPause() {
    if let pause = ProcessInfo.processInfo.environment["OPTNB_TEST_PUBLISH_PAUSE"].flatMap(Double.init) {
        Thread.sleep(forTimeInterval: pause)
    }
}

/// Runs `body` holding an exclusive `flock` on `<folder>/.optnb.lock`, the
/// lock every writer of an output folder takes (`publishTogether` for each
/// report and results file, `optnb merge` for a whole merge), so they write
/// one after the other, never interleaved. The folder must exist.
///
/// - Throws: `RunnerIOError` when the lock file cannot be opened or locked,
///   and whatever `body` throws.
public func withOutputLock<T>(_ folder: URL, _ body: () throws -> T) throws -> T {
    let lockPath = folder.appendingPathComponent(".optnb.lock").path
    let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard lock >= 0 else {
        throw RunnerIOError(path: lockPath, reason: "cannot lock the output folder: " + String(cString: strerror(errno)))
    }
    defer { close(lock) }
    while flock(lock, LOCK_EX) != 0 {
        guard errno == EINTR else {
            throw RunnerIOError(path: lockPath, reason: "cannot lock the output folder: " + String(cString: strerror(errno)))
        }
    }
    return try body()
}
