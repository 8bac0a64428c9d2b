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
/// offsets from its start, into the file `OPTNB_THROWS` names (mapped into
/// memory: no system call per throw), each throw replacing the last. After a crash optnb maps them to notebook lines with
/// the toolchain's `llvm-symbolizer` (the program is built with line
/// tables) and takes the top-level code's frame (`main`).
///
/// Throws on other threads (sweep points) are not recorded: top-level code
/// runs on the main thread. Cost: one stack walk (glibc's `backtrace`) per
/// main-thread throw, about 9 µs on a loaded 2-core machine against 0.3 µs
/// for the throw itself; 100,000 caught throws in a loop take 0.9 s more.
enum ThrowSites {
    static let environmentKey = "OPTNB_THROWS"
    /// Frames kept per throw; the top-level frame of a notebook is rarely
    /// deeper than a few library calls.
    static let capacity = 64

    private typealias WillThrow = @convention(c) (UnsafeMutableRawPointer?) -> Void
    private typealias WillThrowTyped = @convention(c) (
        UnsafeMutableRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?) -> Void
    private typealias Backtrace = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>?, Int32) -> Int32

    /// Installs the hooks once, when optnb asked for throw sites. Called
    /// from the main thread (`_optnbBeginBlock`), which it takes as the
    /// thread top-level code runs on.
    static let install: Void = {
        guard let path = ProcessInfo.processInfo.environment[environmentKey], !path.isEmpty,
              executable != nil,
              let walk = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "backtrace") else { return }
        // The file is shared memory: each throw's frames land in the page
        // cache without a system call, and stay there if the program dies.
        let size = 8 * (capacity + 1)
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard ftruncate(fd, off_t(size)) == 0,
              let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0),
              mapped != MAP_FAILED else { return }
        slots = mapped.assumingMemoryBound(to: UInt64.self)
        backtrace = unsafeBitCast(walk, to: Backtrace.self)
        _ = backtrace?(frames, Int32(capacity))  // loads the unwinder now, not at the first throw
        mainThread = pthread_self()
        // RTLD_DEFAULT is the null handle on glibc.
        if let hook = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "_swift_willThrow") {
            hook.assumingMemoryBound(to: Optional<WillThrow>.self).pointee = { _ in ThrowSites.record() }
        }
        if let hook = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "_swift_willThrowTypedImpl") {
            hook.assumingMemoryBound(to: Optional<WillThrowTyped>.self).pointee = { _, _, _ in ThrowSites.record() }
        }
    }()

    // Written once by `install`, before the hooks are set; read by them.
    nonisolated(unsafe) private static var slots: UnsafeMutablePointer<UInt64>?
    nonisolated(unsafe) private static var backtrace: Backtrace?
    nonisolated(unsafe) private static var mainThread = pthread_self()
    // Used by the main thread only.
    nonisolated(unsafe) private static let frames =
        UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: capacity)

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

    /// Slot 0: the number of frames n; slots 1…n: each return address in
    /// the executable minus the executable's start, minus 1 (inside the
    /// call instruction, so its line). n is set to 0 first and last, so a
    /// reader never takes half of one throw's frames with another's count.
    private static func record() {
        guard pthread_equal(pthread_self(), mainThread) != 0, let slots, let backtrace,
              let (low, high) = executable else { return }
        let count = Int(backtrace(frames, Int32(capacity)))
        slots[0] = 0
        var kept = 0
        for i in 0..<count {
            let address = UInt(bitPattern: frames[i])
            guard address > low, address < high else { continue }
            kept += 1
            slots[kept] = UInt64(address - low - 1)
        }
        slots[0] = UInt64(kept)
    }
}
