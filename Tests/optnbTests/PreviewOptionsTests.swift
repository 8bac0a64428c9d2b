import Foundation
import Testing

/// `optnb preview`, the `optnb-preview` server it hands over to, and
/// `optnb render` (which preview runs with the same `--timeout`) refuse the
/// same bad values with the same message, and accept the same good ones.
@Suite struct PreviewOptionsTests {
    /// The `Error:` line ArgumentParser prints for a refused option.
    private func errorLine(_ result: CLI.Result) -> String? {
        result.stderr.split(separator: "\n").first { $0.hasPrefix("Error:") }.map(String.init)
    }

    @Test("a bad --timeout is refused by optnb preview, optnb-preview and render alike",
          arguments: ["0", "-1", "0.0005", "604801", "1e20", "nan", "inf"])
    func badTimeout(value: String) throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        let preview = try cli.run(["preview", nb, "--timeout", value])
        let server = try cli.run([nb, "--timeout", value], executable: "optnb-preview")
        let render = try cli.run(["render", nb, "--timeout", value, "--output", "out"])
        for result in [preview, server, render] {
            #expect(result.status == 64, "\(result.stderr)")
            #expect(errorLine(result)?.contains("--timeout must be a number of seconds from 0.001 to 604800") == true,
                    "\(result.stderr)")
        }
        #expect(errorLine(preview) == errorLine(render))
        #expect(errorLine(server) == errorLine(render))
        #expect(!cli.exists("out"), "render wrote output despite a refused option")
    }

    @Test("the ends of render's range pass preview's check too", arguments: ["0.001", "604800"])
    func goodTimeout(value: String) throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        // The timeout is checked first, so a bad port after a good timeout
        // shows the timeout passed: nothing is served.
        for result in [try cli.run(["preview", nb, "--timeout", value, "--port", "0"]),
                       try cli.run([nb, "--timeout", value, "--port", "0"], executable: "optnb-preview")] {
            #expect(result.status == 64)
            #expect(errorLine(result) == "Error: --port must be between 1 and 65535, got 0.", "\(result.stderr)")
        }
    }
}
