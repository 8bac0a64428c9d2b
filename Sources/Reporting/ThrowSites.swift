import Foundation

/// Where the last error thrown on the main thread was thrown from, for
/// optnb to place an error that reaches the top level at its `try`.
///
/// The runtime ends a program whose top-level code lets an error out with
/// `Fatal error: Error raised at top level` from code the compiler made
/// without a line, so the crash's backtrace shows no notebook line, and a
/// block may have several top-level `try`s. The line is known only while
/// the error is thrown: then the call stack still holds the top-level
/// code's frame at that `try`. So the runtime's throw hooks
/// (`_swift_willThrow`, and `_swift_willThrowTypedImpl` for typed throws;
/// the same hooks Swift Testing uses) record, at every throw on the main
/// thread, the return addresses in the program's own executable, as
/// offsets from its start, into the file `OPTNB_THROWS` names, each throw
/// replacing the last. After a crash optnb maps them to notebook lines with
/// the toolchain's `llvm-symbolizer` (the program is built with line
/// tables) and takes the top-level code's frame (`main`).
///
/// Throws on other threads (sweep points) are not recorded: top-level code
/// runs on the main thread. Cost: one stack walk and one small write per
/// main-thread throw.
enum ThrowSites {
    static let environmentKey = "OPTNB_THROWS"

    private typealias WillThrow = @convention(c) (UnsafeMutableRawPointer?) -> Void
    private typealias WillThrowTyped = @convention(c) (
        UnsafeMutableRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?) -> Void

    /// Installs the hooks once, when optnb asked for throw sites.
    static let install: Void = {
        guard let path = ProcessInfo.processInfo.environment[environmentKey], !path.isEmpty,
              executable != nil else { return }
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        // RTLD_DEFAULT is the null handle on glibc.
        if let hook = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "_swift_willThrow") {
            hook.assumingMemoryBound(to: Optional<WillThrow>.self).pointee = { _ in ThrowSites.record() }
        }
        if let hook = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "_swift_willThrowTypedImpl") {
            hook.assumingMemoryBound(to: Optional<WillThrowTyped>.self).pointee = { _, _, _ in ThrowSites.record() }
        }
    }()

    nonisolated(unsafe) private static var fd: Int32 = -1

    /// The address range the executable is mapped at, from /proc/self/maps.
    private static let executable: (low: UInt, high: UInt)? = {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return nil }
        var low = UInt.max, high: UInt = 0
        for line in maps.split(separator: "\n") where line.hasSuffix(" " + exe) {
            let range = line.prefix { $0 != " " }.split(separator: "-")
            guard range.count == 2, let a = UInt(range[0], radix: 16), let b = UInt(range[1], radix: 16)
            else { continue }
            low = min(low, a); high = max(high, b)
        }
        return low < high ? (low, high) : nil
    }()

    private static func record() {
        guard Thread.isMainThread, fd >= 0, let (low, high) = executable else { return }
        // Return addresses − 1: inside the call instruction, so its line.
        let text = Thread.callStackReturnAddresses.compactMap { n -> String? in
            let address = UInt(truncating: n)
            guard address > low, address < high else { return nil }
            return "0x" + String(address - low - 1, radix: 16)
        }.joined(separator: " ") + "\n"
        var bytes = Array(text.utf8)
        _ = ftruncate(fd, 0)
        _ = bytes.withUnsafeMutableBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }
}
