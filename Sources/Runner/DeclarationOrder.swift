import Foundation

/// Finds notebook code that uses a top-level variable before the block
/// that declares it has run.
///
/// All blocks form one `main.swift`, where a top-level `let` or `var` is a
/// global: swiftc accepts `scalar("x", later + 1)` in one block and
/// `let later = 2.0` in a later one, and the program reads the global
/// before it is initialised (zero, or a crash for an array). Inside a
/// function body the same statements are locals, for which swiftc reports
/// "use of local variable 'later' before its declaration". So the program's
/// block lines are type-checked a second time wrapped in one function, and
/// only those errors (with their notes) are kept: everything else that is
/// invalid inside a function (extensions, operators, protocols) was already
/// found valid in the real program. `#sourceLocation` places each at its
/// notebook line. Costs one `swiftc -typecheck` per compile (no code
/// generation), run beside the compile (`start`), not paid on a cache hit,
/// nor when `DeclarationOrderScan` shows there is nothing to find.
///
/// What it finds: uses in top-level statements (and the blocks of their
/// `if`s and loops). swiftc's type-check does not report a closure or a
/// local function that reads a later variable (that is found only when
/// SIL is generated), so neither does this check.
enum DeclarationOrder {
    /// The check program: the real one's lines, the block part wrapped in
    /// `func`, with the same `#sourceLocation` lines.
    static func checkSource(_ program: NotebookProgram) -> String {
        var lines = NotebookProgram.lines(of: program.source)
        guard let first = program.spans.first, let last = program.spans.last else { return program.source }
        lines.insert("func _optnbDeclarationOrderCheck() {", at: first.programLines.lowerBound - 1)
        lines.insert("}", at: last.programLines.upperBound + 1)
        return lines.joined(separator: "\n") + "\n"
    }

    /// swiftc's output for the check, reduced to use-before-declaration
    /// errors and the notes that follow them; "" when there are none.
    static func relevant(_ output: String) -> String {
        var kept: [String] = []
        var keeping = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            // Excerpt lines and notes belong to the diagnostic above them.
            if line.contains(": error: ") || line.contains(": warning: ") {
                keeping = line.contains("before its declaration") || line.contains("before it is declared")
            }
            guard keeping else { continue }
            // The check's functions are its own; to the notebook these are
            // top-level variables, and order is what went wrong.
            kept.append(line.replacingOccurrences(of: "use of local variable", with: "use of variable")
                .replacingOccurrences(of: "before its declaration", with: "before its declaration; blocks run in notebook order"))
        }
        return kept.joined(separator: "\n")
    }

    /// The check running on another thread; `wait()` gives `check`'s result.
    final class Running: @unchecked Sendable {
        fileprivate var result: Result<String, any Error> = .success("")
        fileprivate let done = DispatchSemaphore(value: 0)
        func wait() throws -> String {
            done.wait()
            done.signal()
            return try result.get()
        }
    }

    /// Starts `check` on another thread, so it runs while swiftc compiles.
    static func start(_ program: NotebookProgram, compiler: Compiler, library: LibraryBuild,
                      flags: [String], scratch: String, environment: [String: String]) -> Running {
        let running = Running()
        DispatchQueue.global().async {
            running.result = Result {
                try check(program, compiler: compiler, library: library, flags: flags,
                          scratch: scratch, environment: environment)
            }
            running.done.signal()
        }
        return running
    }

    /// Type-checks the wrapped program; the use-before-declaration errors
    /// as swiftc printed them, or "" when there are none.
    static func check(_ program: NotebookProgram, compiler: Compiler, library: LibraryBuild,
                      flags: [String], scratch: String, environment: [String: String]) throws -> String {
        let file = scratch + "/order-check.swift"
        do { try Data(checkSource(program).utf8).write(to: URL(fileURLWithPath: file)) } catch {
            throw RunnerIOError(path: file, reason: error.localizedDescription)
        }
        let checked = try compiler.capture(
            arguments: flags + ["-typecheck", "-I", library.modulesDirectory, file], environment: environment)
        return relevant(checked.text)
    }
}
