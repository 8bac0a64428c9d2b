import ArgumentParser

/// The rule for `--timeout`, written once: `optnb render`, `optnb check`,
/// `optnb preview` and the `optnb-preview` server all check it here, so a
/// value one of them accepts is never refused by the render it is passed on to.
public enum TimeoutOption {
    /// Below a millisecond the limit rounds to nothing; above a week it is no
    /// limit and, near 1e16 s, overflows the clock.
    public static let seconds: ClosedRange<Double> = 0.001...maxSeconds
    /// A week, in seconds: the longest limit accepted.
    public static let maxSeconds: Double = 7 * 24 * 3600

    /// The `help:` every command gives `--timeout`.
    public static let help =
        "Seconds a notebook's program may run before it is stopped (more than 0, at most \(Int(maxSeconds)), a week)."

    /// Throws the message every command prints for a bad `--timeout`.
    public static func validate(_ timeout: Double) throws {
        guard timeout.isFinite, seconds.contains(timeout) else {
            throw ValidationError(
                "--timeout must be a number of seconds from 0.001 to \(Int(maxSeconds)) (a week), got \(timeout).")
        }
    }
}

/// The options of `optnb preview`, declared once: optnb parses them and hands
/// its arguments over to the `optnb-preview` executable, which parses them
/// again with this same type, so both accept and refuse the same values with
/// the same messages. Depends on ArgumentParser only, so optnb never builds
/// the HTTP server to know them.
public struct PreviewOptions: ParsableArguments {
    /// The notebooks to serve, as given (files or folders).
    @Argument(help: "A notebook (.md) or a folder of them.")
    public var paths: [String]

    /// The loopback port (1–65535).
    @Option(help: "Port on 127.0.0.1 to serve on.")
    public var port: Int = 4848

    /// Where reports are written; nil for a temporary folder removed on exit.
    @Option(help: "Folder the reports are written to (default: a temporary folder, removed on exit).")
    public var output: String?

    /// Each render's `--timeout`; nil for render's default.
    @Option(parsing: .unconditional, help: ArgumentHelp(TimeoutOption.help))
    public var timeout: Double?

    /// Pass `--no-cache` to each render.
    @Flag(help: "Compile and run every notebook even when a cached result is valid.")
    public var noCache = false

    /// The defaults, as ArgumentParser requires; parsing fills in the rest.
    public init() {}

    /// Refuses a `--timeout` outside `TimeoutOption.seconds` and a port outside 1–65535.
    public func validate() throws {
        if let timeout { try TimeoutOption.validate(timeout) }
        guard (1...65535).contains(port) else {
            throw ValidationError("--port must be between 1 and 65535, got \(port).")
        }
    }

    /// The options for each `optnb render` that preview runs.
    public var renderArguments: [String] {
        var arguments: [String] = []
        if let timeout { arguments += ["--timeout", String(timeout)] }
        if noCache { arguments.append("--no-cache") }
        return arguments
    }

    /// These options as `optnb-preview` takes them: what `optnb preview` passes on.
    public var arguments: [String] {
        var arguments = ["--port", String(port)]
        if let output { arguments += ["--output", output] }
        // `--` so that a notebook named like an option stays a notebook.
        return arguments + renderArguments + ["--"] + paths
    }
}
