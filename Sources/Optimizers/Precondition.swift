/// `precondition` as the library uses it: the standard library's drops the
/// message in `-O` builds (it stops with "precondition failure" only), so a
/// notebook linked against a release build of Optimizers would trap without
/// saying which shape or option was wrong. This one, which shadows it
/// everywhere in the module, stops with the message in every build: as the
/// standard library's does in debug builds ("Precondition failed: …"),
/// through `fatalError` ("Fatal error: …") otherwise. The check is the same
/// single inlined branch; the message is only built on failure.
@inlinable @inline(__always)
func precondition(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = String(),
                  file: StaticString = #fileID, line: UInt = #line) {
    if _slowPath(!condition()) {
        preconditionFailed(message(), file: file, line: line)
    }
}

/// Not inlinable, so `DEBUG` is the library's build setting, not that of a
/// program that inlined the check.
@usableFromInline @inline(never)
func preconditionFailed(_ message: String, file: StaticString, line: UInt) -> Never {
    #if DEBUG
    Swift.precondition(false, message, file: file, line: line)
    #endif
    fatalError(message, file: file, line: line)
}

/// The standard library's `preconditionFailure` also drops its message in
/// `-O` builds; `fatalError`, which prints what it prints in debug builds,
/// never does.
@inlinable
func preconditionFailure(_ message: @autoclosure () -> String = String(),
                         file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}
