import Foundation
import Testing

/// Issue 17: bad input, shared folders and runaway notebooks.
@Suite(.serialized) struct HardeningTests {
    /// 17.9: 2 MB of stdout and 0.4 MB of stderr from two blocks, with
    /// `--max-output 10000`: each stream keeps at most ~10 kB, the report says
    /// how much was cut, and the trap message at the end of the noisy stderr
    /// still places the crash at its line.
    @Test func blockOutputIsBounded() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("chatty.md")
        let r = try cli.run(["render", "--keep-going", "--max-output", "10000", nb])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("notebooks/chatty.md:11:"), "\(r.stderr.prefix(2000))")
        #expect(r.stderr.contains("the real problem"))
        let html = try cli.read("output/chatty.html")
        #expect(html.utf8.count < 100_000, "report is \(html.utf8.count) bytes")
        // 20,000 lines of 100 bytes, 10,000 kept.
        #expect(html.contains("1990000 bytes of this block&#39;s standard output were cut")
                || html.contains("1990000 bytes of this block's standard output were cut"), "\(html.count)")
        #expect(html.contains("standard error were cut"))
        #expect(html.contains("was cut") || html.contains("were cut"))
    }

    /// 17.10: out-of-range time limits are refused by name, not crashed on
    /// or misread as a missing value.
    @Test func timeoutOutOfRangeIsRefused() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        for value in ["1e18", "-1", "0", "nan", "1e-9"] {
            let r = try cli.run(["render", "--timeout", value, nb])
            #expect(r.status == 64, "--timeout \(value): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("--timeout must be a number of seconds from 0.001 to 604800"),
                    "--timeout \(value): \(r.stderr)")
        }
        let small = try cli.run(["render", "--max-output", "-5", nb])
        #expect(small.status == 64)
        #expect(small.stderr.contains("--max-output must be at least 1000 bytes"), "\(small.stderr)")
    }

    /// 17.5: `index.md` in a folder render would be overwritten by the
    /// index; `x.html` rendered into its own folder would overwrite itself.
    @Test func outputClashesAreRefused() throws {
        let cli = try CLI(); defer { cli.remove() }
        _ = try cli.notebook("ok.md", into: "folder")
        try cli.write(try cli.read("folder/ok.md"), to: "folder/index.md")
        let r = try cli.run(["render", "folder"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("folder/index.md would write index.html"), "\(r.stderr)")
        #expect(!cli.exists("output/ok.html"), "nothing is rendered when the outputs clash")

        let source = try cli.read("folder/ok.md")
        try cli.write(source, to: "page.html")
        let own = try cli.run(["render", "--output", ".", "page.html"])
        #expect(own.status == 2)
        #expect(own.stderr.contains("would overwrite the notebook page.html"), "\(own.stderr)")
        #expect(try cli.read("page.html") == source)
    }

    /// 17.8: a dangling symbolic link and a folder named like a notebook
    /// fail as those entries; with --keep-going the rest still renders.
    @Test func badFolderEntriesFailAlone() throws {
        let cli = try CLI(); defer { cli.remove() }
        _ = try cli.notebook("ok.md", into: "folder")
        let folder = cli.scratch.appendingPathComponent("folder")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("b.md").path, withDestinationPath: "gone.md")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("dir.md"), withIntermediateDirectories: false)
        let r = try cli.run(["render", "--keep-going", "folder"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("folder/b.md: error: cannot read the notebook: it is a symbolic link to gone.md, which does not exist"), "\(r.stderr)")
        #expect(r.stderr.contains("folder/dir.md: error: is a folder, not a notebook file"))
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(cli.exists("output/ok.html"))
        #expect(cli.exists("output/index.html"))
    }

    /// 17.12: a notebook file name with `#` is linked from the index as a
    /// file, not as a fragment.
    @Test func indexLinksArePercentEncoded() throws {
        let cli = try CLI(); defer { cli.remove() }
        _ = try cli.notebook("ok.md", into: "folder")
        try cli.write(try cli.read("folder/ok.md"), to: "folder/#frag.md")
        let r = try cli.run(["render", "folder"])
        #expect(r.status == 0, "\(r.stderr)")
        let index = try cli.read("output/index.html")
        #expect(index.contains("href=\"%23frag.html\""), "\(index)")
        #expect(cli.exists("output/#frag.html"))
    }

    /// 17.7: SIGINT and SIGTERM while the program runs (and while swiftc
    /// compiles) leave no temporary folder or file behind.
    @Test(arguments: [(SIGINT, "run"), (SIGTERM, "run"), (SIGINT, "compile")])
    func interruptLeavesNothingBehind(signal: Int32, phase: String) throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("forever.md")
        let tmp = cli.scratch.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let process = try cli.start(["render", "--no-cache", "--timeout", "60", nb], environment: ["TMPDIR": tmp.path])
        // Wait until the program runs (it has sent its block's start record:
        // an event, not a guess at how long starting takes) or swiftc has
        // made temporaries of its own. optnb must clean up whatever moment
        // the signal comes (`InterruptCleanup.creating`), so neither wait is
        // about optnb's own timing.
        let deadline = Date().addingTimeInterval(120)
        func ready() -> Bool {
            let runs = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
            for run in runs {
                let folder = tmp.appendingPathComponent(run)
                let inside = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                if phase == "run", run.hasPrefix("optnb-run"),
                   let records = try? String(contentsOf: folder.appendingPathComponent("results.jsonl"), encoding: .utf8),
                   !records.isEmpty { return true }
                if phase == "compile", run.hasPrefix("optnb-swiftc"), inside.count > 1 { return true }
            }
            return false
        }
        while Date() < deadline, !ready() { Thread.sleep(forTimeInterval: 0.01) }
        #expect(ready(), "never reached the \(phase) phase")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signal)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        #expect(left.isEmpty, "left in TMPDIR: \(left)")
        let cacheLeft = FileManager.default.enumerator(atPath: cli.cache.path)?.allObjects as? [String] ?? []
        #expect(!cacheLeft.contains { $0.hasSuffix(".tmp") }, "\(cacheLeft)")
        #expect(!cli.exists("output/forever.html"))
    }

    /// 17.6: a render that publishes while another is between writing and
    /// renaming its pair waits for it: the folder ends with one render's
    /// report and that same render's results, never one of each.
    @Test func twoRendersPublishOneAfterTheOther() throws {
        let cli = try CLI(); defer { cli.remove() }
        let slow = try cli.notebook("ok.md", into: "a")
        try cli.write(try cli.read("a/ok.md").replacingOccurrences(of: "0..<20", with: "0..<30")
            .replacingOccurrences(of: "== 190", with: "== 435"), to: "b/ok.md")
        // Compile both first so the race is only about publishing.
        #expect(try cli.run(["render", "--output", "warm-a", slow]).status == 0)
        #expect(try cli.run(["render", "--output", "warm-b", "b/ok.md"]).status == 0)
        let first = try cli.start(["render", slow], environment: ["OPTNB_TEST_PUBLISH_PAUSE": "1.5"])
        let lock = cli.scratch.appendingPathComponent("output/.optnb.lock").path
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !FileManager.default.fileExists(atPath: lock) { Thread.sleep(forTimeInterval: 0.02) }
        let second = try cli.run(["render", "b/ok.md"])
        first.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.status == 0, "\(second.stderr)")
        // The second render waited for the first, so its pair is the one left.
        let html = try cli.read("output/ok.html"), results = try cli.read("output/ok.results.json")
        #expect(html.contains("435") && results.contains("435"), "report and results from different renders")
        #expect(!html.contains(">190<"))
    }

    /// 17.6, the failing-before test: two renders of different notebooks
    /// into one folder, over and over, the first paused between renaming its
    /// report and its results (the window an unlocked publish leaves open),
    /// the second started once the first's report is in place; then pairs
    /// started together. After each round `ok.html` and `ok.results.json`
    /// are from one render. With the `flock` in `publishTogether` disabled
    /// the paused rounds fail: the second render's pair lands inside the
    /// window and the first's results file then replaces the second's.
    @Test func reportAndResultsAlwaysComeFromOneRender() throws {
        let cli = try CLI(); defer { cli.remove() }
        let a = try cli.notebook("ok.md", into: "a")
        try cli.write(try cli.read(a).replacingOccurrences(of: "0..<20", with: "0..<30")
            .replacingOccurrences(of: "== 190", with: "== 435"), to: "b/ok.md")
        let b = "b/ok.md"
        #expect(try cli.run(["render", "--output", "warm", a]).status == 0)
        #expect(try cli.run(["render", "--output", "warm", b]).status == 0)
        let report = cli.scratch.appendingPathComponent("output/ok.html")
        func fromOneRender(_ round: String) throws {
            let html = try cli.read("output/ok.html"), results = try cli.read("output/ok.results.json")
            #expect(html.contains("435") == results.contains("435"),
                    "\(round): report from \(html.contains("435") ? b : a), results from \(results.contains("435") ? b : a)")
        }
        for round in 0..<4 {
            try? FileManager.default.removeItem(at: report)
            let (first, second) = round % 2 == 0 ? (a, b) : (b, a)
            let paused = try cli.start(["render", first], environment: ["OPTNB_TEST_PUBLISH_PAUSE": "1"])
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, !FileManager.default.fileExists(atPath: report.path) {
                Thread.sleep(forTimeInterval: 0.005)
            }
            let other = try cli.run(["render", second])
            paused.waitUntilExit()
            #expect(paused.terminationStatus == 0 && other.status == 0, "\(other.stderr)")
            try fromOneRender("paused round \(round)")
        }
        for round in 0..<3 {
            let one = try cli.start(["render", a]), two = try cli.start(["render", b])
            one.waitUntilExit(); two.waitUntilExit()
            #expect(one.terminationStatus == 0 && two.terminationStatus == 0)
            try fromOneRender("round \(round) started together")
        }
    }

    /// 17.3 with several top-level `try`s in one block (and one in a `for`
    /// body, which reading the code for top-level `try`s cannot see): the
    /// error is placed at the `try` it came through, recorded when it was
    /// thrown, not at the fence; a typed throw (`InvalidOption`) too.
    @Test func anUncaughtErrorAmongSeveralTrysIsReportedAtItsLine() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.write("""
            # Several

            \(checkedSetup)

            ```swift id=run
            let a = try checked(0.5)
            do { _ = try checked(7) } catch { scalar("caught", 1) }
            let b = try checked(0.25)
            for lr in [0.125, 3.5] {
                _ = try checked(lr)
            }
            let c = try checked(0.75)
            ```
            """, to: "notebooks/several.md")
        let r = try cli.run(["render", "notebooks/several.md"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/several.md:16: error: uncaught error thrown at top level: notebook.BadRate(lr: 3.5)"), "\(r.stderr)")
        #expect(!r.stderr.contains("crashed with signal"))

        try cli.write("""
            # Typed

            ```swift id=typed
            let p = [Parameter<Double>([1, 2])]
            let fine = try Adam(p, lr: 0.1)
            let bad = try Adam(p, lr: -1)
            ```
            """, to: "notebooks/typed.md")
        let t = try cli.run(["render", "notebooks/typed.md"])
        #expect(t.status == 1)
        #expect(t.stderr.contains("notebooks/typed.md:6: error: uncaught error thrown at top level:"), "\(t.stderr)")
    }

    /// The results channel is bounded like block output: a loop of
    /// `scalar` calls stops at the call that would pass `--max-results`,
    /// reported at its notebook line; a program that writes the results file
    /// around the channel fails too, and optnb reads no more than the limit.
    @Test func resultsChannelIsBounded() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.write("""
            # Chatty results

            ```swift id=loop
            for i in 0..<1_000_000 {
                scalar("value \\(i)", Double(i))
            }
            ```
            """, to: "notebooks/results.md")
        let r = try cli.run(["render", "--max-results", "10000", "notebooks/results.md"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/results.md:5:"), "\(r.stderr)")
        #expect(r.stderr.contains("the results channel is full"), "\(r.stderr)")
        #expect(r.stderr.contains("would pass the limit of 10000 bytes (optnb render --max-results)"))
        #expect(!cli.exists("output/results.html"))

        try cli.write("""
            # Around the channel

            ```swift id=raw
            let path = ProcessInfo.processInfo.environment["OPTNB_RESULTS"]!
            let handle = FileHandle(forWritingAtPath: path)!
            handle.seekToEndOfFile()
            handle.write(Data(repeating: 0x0A, count: 20_000))
            ```
            """, to: "notebooks/raw.md")
        let raw = try cli.run(["render", "--max-results", "10000", "notebooks/raw.md"])
        #expect(raw.status == 1)
        #expect(raw.stderr.contains("notebooks/raw.md:3: error: the program wrote"), "\(raw.stderr)")
        #expect(raw.stderr.contains("more than the limit of 10000 (optnb render --max-results)"))

        let small = try cli.run(["render", "--max-results", "99", "notebooks/raw.md"])
        #expect(small.status == 64)
        #expect(small.stderr.contains("--max-results must be at least 10000 bytes"), "\(small.stderr)")
    }

    /// 17.17: the same notebook writes outside its folder and reaches a
    /// local server without --sandbox, and can do neither with it.
    @Test func sandboxedNotebookCannotWriteOrConnect() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("escape.md", into: "work/notebooks")
        let (listener, port) = try Self.listen()
        defer { close(listener) }
        try cli.write("private", to: "home/secret.txt")
        let env = ["OPTNB_TEST_PORT": String(port), "HOME": cli.scratch.appendingPathComponent("home").path]

        let open = try cli.run(["render", "--no-cache", "--keep-going", nb], environment: env)
        #expect(open.status == 1, "unsandboxed, the escape works: \(open.stderr)")
        #expect(open.stderr.contains("expectation failed: cannot write outside its folder"))
        #expect(open.stderr.contains("expectation failed: cannot reach a server on the machine"))
        #expect(open.stderr.contains("expectation failed: sees nothing of the home folder"))
        #expect(cli.exists("work/escaped.txt"))
        #expect(cli.exists("work/notebooks/beside.txt"))
        try FileManager.default.removeItem(at: cli.scratch.appendingPathComponent("work/escaped.txt"))
        try FileManager.default.removeItem(at: cli.scratch.appendingPathComponent("work/notebooks/beside.txt"))

        let boxed = try cli.run(["render", "--no-cache", "--sandbox", nb], environment: env)
        #expect(boxed.status == 0, "\(boxed.stderr)")
        #expect(!cli.exists("work/escaped.txt"))
        #expect(!cli.exists("work/notebooks/beside.txt"))
        #expect(try cli.read("output/escape.results.json").contains("\"files/scratch writable\""))
    }

    /// 17.17: without a working bwrap, --sandbox refuses to run anything.
    @Test func sandboxThatCannotBeSetUpFailsClearly() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        let bin = cli.scratch.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let swiftc = try #require(ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .map { "\($0)/swiftc" }.first { FileManager.default.isExecutableFile(atPath: $0) })
        let noBwrap = try cli.run(["render", "--sandbox", "--swiftc", swiftc, nb], environment: ["PATH": bin.path])
        #expect(noBwrap.status == 2)
        #expect(noBwrap.stderr.contains("--sandbox needs bubblewrap (bwrap), which is not on PATH"), "\(noBwrap.stderr)")
        // A bwrap that cannot make namespaces, as in a locked-down container.
        try cli.write("#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n", to: "bin/bwrap")
        chmod(bin.appendingPathComponent("bwrap").path, 0o755)
        let broken = try cli.run(["render", "--sandbox", "--swiftc", swiftc, nb],
                                 environment: ["PATH": bin.path + ":/usr/bin:/bin"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("--sandbox cannot be set up on this machine"), "\(broken.stderr)")
        #expect(broken.stderr.contains("No permissions to creating new namespace"))
        #expect(!cli.exists("output/ok.html"))
    }

    /// A TCP listener on 127.0.0.1 and its port.
    static func listen() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && Glibc.listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw CocoaError(.fileWriteUnknown) }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// 17.1 and 17.14 end to end: the render fails at the notebook's line,
    /// and no report claims "ok".
    @Test func swallowingBraceAndNonUTF8AreRefusedAtTheirLines() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.write("""
            # Swallowed

            ```swift id=a
            scalar("x", 1)
            if false {
            ```

            ```swift id=b
            expect("never evaluated", false)
            }
            ```
            """, to: "notebooks/swallow.md")
        let r = try cli.run(["render", "notebooks/swallow.md"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/swallow.md:5:10: error: this '{' is not closed in its block ('a')"), "\(r.stderr)")
        #expect(!cli.exists("output/swallow.html"))

        let latin1 = Array("# Caf".utf8) + [0xE9] + Array("\n\n```swift\nscalar(\"x\", 1)\n```\n".utf8)
        try Data(latin1).write(to: cli.scratch.appendingPathComponent("notebooks/latin1.md"))
        let l = try cli.run(["render", "notebooks/latin1.md"])
        #expect(l.status == 1)
        #expect(l.stderr.contains("notebooks/latin1.md:1:6: error: the notebook is not UTF-8 text: byte 0xE9"), "\(l.stderr)")
        #expect(!cli.exists("output/latin1.html"))
    }

    /// 17.1, the run-time guard: code the brace check cannot see through
    /// (`#if false` in one block, `#endif` in the next) still cannot make a
    /// block vanish: the render fails naming the block that never ran.
    @Test func aBlockThatNeverRanFailsTheRender() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.write("""
            # Hidden

            ```swift id=a
            scalar("x", 1)
            #if false
            ```

            ```swift id=b
            #endif
            expect("claimed", true)
            ```
            """, to: "notebooks/hidden.md")
        let r = try cli.run(["render", "notebooks/hidden.md"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("notebooks/hidden.md:8: error: block 'b' never ran although no block failed"), "\(r.stderr)")
    }

    /// 17.2: a variable used in a block before the block that declares it
    /// is a compile error at the use's notebook line, naming the declaration.
    @Test func useBeforeDeclarationIsACompileError() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("use-before.md")
        let r = try cli.run(["render", nb])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("notebooks/use-before.md:4:13: error: use of variable 'later' before its declaration; blocks run in notebook order"), "\(r.stderr)")
        #expect(r.stderr.contains("notebooks/use-before.md:8:5: note: 'later' declared here"))
        #expect(!cli.exists("output/use-before.html"))
    }

    /// 17.15: an unclosed fence's compile errors carry a note at the fence,
    /// a use of an eval=false block's variable says so, and a ```Swift
    /// block draws a warning.
    @Test func authoringSlipsAreExplained() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.write("""
            # Slips

            ```swift id=hidden eval=false
            let rate = 0.1
            ```

            ```Swift
            scalar("not run", 1)
            ```

            ```swift id=uses
            scalar("rate", rate)
            ```

            ```swift id=open
            let y = 2

            Prose that is now code.
            """, to: "notebooks/slips.md")
        let r = try cli.run(["render", "notebooks/slips.md"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/slips.md:3: note: 'rate' is declared in block 'hidden', which has eval=false and is not evaluated"), "\(r.stderr)")
        #expect(r.stderr.contains("notebooks/slips.md:15: note: the code fence of block 'open' opened here is never closed"), "\(r.stderr)")
        #expect(r.stderr.contains("notebooks/slips.md:7:1: warning: this 'Swift' block is shown but not run"), "\(r.stderr)")
        #expect(r.stderr.contains("notebooks/slips.md:15:1: warning: this code fence is never closed"))
    }

    /// 17.3: an error thrown to the top level is reported with its text at
    /// the `try` that let it out, not as "crashed with signal 4" at the fence.
    @Test func anUncaughtErrorIsReportedAtItsTry() throws {
        let cli = try CLI(); defer { cli.remove() }
        try cli.write("""
            # Thrown

            \(checkedSetup)

            ```swift id=run
            let fine = try? checked(5)
            let lr = try checked(2.5)
            scalar("lr", lr)
            ```
            """, to: "notebooks/thrown.md")
        let r = try cli.run(["render", "notebooks/thrown.md"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notebooks/thrown.md:13: error: uncaught error thrown at top level: notebook.BadRate(lr: 2.5)"), "\(r.stderr)")
        #expect(!r.stderr.contains("crashed with signal"))
    }
}

/// A setup block whose `checked(_:)` throws `BadRate` for rates above 1:
/// the two uncaught-error tests share it (7 lines, so the `try` lines
/// after it keep their notebook line numbers).
private let checkedSetup = """
    ```swift id=setup
    struct BadRate: Error { var lr: Double }
    func checked(_ lr: Double) throws -> Double {
        if lr > 1 { throw BadRate(lr: lr) }
        return lr
    }
    ```
    """
