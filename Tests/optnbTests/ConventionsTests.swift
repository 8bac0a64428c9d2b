import Foundation
import Testing

/// The conventions a command-line tool is expected to follow: --version that
/// agrees with the report footer, and shell completions from
/// swift-argument-parser's generator covering every command and choice.
@Suite(.serialized) struct ConventionsTests {
    @Test("--version prints the version the report footer names")
    func version() throws {
        let cli = try CLI(); defer { cli.remove() }
        let v = try cli.run(["--version"])
        #expect(v.status == 0)
        let version = v.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." },
                "\(v.stdout)")
        let nb = try cli.notebook("ok.md")
        #expect(try cli.run(["render", nb]).status == 0)
        #expect(try cli.read("output/ok.html").contains("Rendered by optnb \(version) ·"))
    }

    @Test("completion scripts for bash, zsh and fish offer every command and --format's choices",
          arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) throws {
        let cli = try CLI(); defer { cli.remove() }
        let r = try cli.run(["--generate-completion-script", shell])
        #expect(r.status == 0)
        for word in ["render", "check", "preview", "replay", "bench", "junit", "github", "port"] {
            #expect(r.stdout.contains(word), "\(shell) completion lacks \(word)")
        }
    }
}
