import ArgumentParser
import CommandOptions
import Testing

@Suite struct PreviewOptionsForwardingTests {
    @Test("what optnb preview passes on parses back to the same options")
    func roundTrip() throws {
        let given = try PreviewOptions.parse(["a.md", "--port", "9000", "--output", "site",
                                              "--timeout", "2.5", "--no-cache", "--", "-dash.md"])
        let forwarded = try PreviewOptions.parse(given.arguments)
        #expect(forwarded.paths == ["a.md", "-dash.md"])
        #expect(forwarded.port == 9000)
        #expect(forwarded.output == "site")
        #expect(forwarded.timeout == 2.5)
        #expect(forwarded.noCache)
        #expect(forwarded.renderArguments == ["--timeout", "2.5", "--no-cache"])
    }

    @Test("defaults forward nothing to render")
    func defaults() throws {
        let options = try PreviewOptions.parse(["a.md"])
        #expect(options.renderArguments.isEmpty)
        #expect(try PreviewOptions.parse(options.arguments).paths == ["a.md"])
    }

    @Test("the timeout rule: 0.001 s to a week, finite",
          arguments: [(0.001, true), (604_800, true), (120, true), (0.000_999, false), (0, false),
                      (-1, false), (604_800.5, false), (.infinity, false), (.nan, false)])
    func timeoutRule(seconds: Double, accepted: Bool) {
        let passed = (try? TimeoutOption.validate(seconds)) != nil
        #expect(passed == accepted)
    }

    @Test("a refused timeout's message names the range and the value")
    func timeoutMessage() {
        do {
            try TimeoutOption.validate(0)
            Issue.record("0 s was accepted")
        } catch let error as ValidationError {
            #expect(error.message == "--timeout must be a number of seconds from 0.001 to 604800 (a week), got 0.0.")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
