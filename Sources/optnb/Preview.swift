import ArgumentParser
import CommandOptions
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `optnb preview`: hands over to the `optnb-preview` executable beside
/// optnb. The server is a product of its own so that building optnb (and
/// `swift run optnb render`) never compiles the HTTP library. The options
/// are `PreviewOptions`, the same type the server parses.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render notebooks, serve the reports on 127.0.0.1, and reload the page on every save.",
        discussion: """
            Renders the notebook (or every notebook in the folder), serves the reports at \
            http://127.0.0.1:PORT/ and renders again whenever a notebook is saved; the open page \
            reloads itself. A failed render shows its errors, with their notebook lines, at the top \
            of the page. Reports go to a temporary folder (removed on \
            exit) unless --output is given; only files in that folder are served. Ctrl-C stops it. \
            Needs the optnb-preview executable: `swift build --product optnb-preview` (or `swift build`).
            """
    )

    @OptionGroup var options: PreviewOptions

    func run() throws {
        guard let resolved = realpath("/proc/self/exe", nil) else {
            printError("optnb preview: cannot find optnb's own location (/proc/self/exe)")
            throw ExitCode(2)
        }
        let bin = URL(fileURLWithPath: String(cString: resolved)).deletingLastPathComponent()
        free(resolved)
        let server = bin.appendingPathComponent("optnb-preview").path
        guard access(server, X_OK) == 0 else {
            printError("optnb preview: \(server) is missing; build it with `swift build --product optnb-preview`")
            throw ExitCode(2)
        }
        // Replace this process, so Ctrl-C and the exit status are the server's own.
        var argv = (["optnb-preview"] + options.arguments).map { strdup($0) } + [nil]
        execv(server, &argv)
        printError("optnb preview: cannot start \(server): \(String(cString: strerror(errno)))")
        throw ExitCode(2)
    }
}
