import Foundation
import Replay
import Testing

/// Why Replay parses JSON by hand (see `Sources/Replay/JSON.swift`): what
/// Foundation's `JSONDecoder` does on this toolchain. When one of these
/// starts failing, the toolchain has changed: revisit issue 18.2.
@Suite("JSONDecoder on this toolchain")
struct JSONDecoderLimitsTests {
    struct Numbers: Decodable { var a: [Double] }

    func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        return decoder
    }

    @Test("allowsJSON5 reads Python's NaN, Infinity and -Infinity")
    func readsPythonsNonFiniteNumbers() throws {
        let numbers = try decoder().decode(Numbers.self, from: Data(#"{"a": [NaN, Infinity, -Infinity, 0.1]}"#.utf8))
        #expect(numbers.a[0].isNaN && numbers.a[1] == .infinity && numbers.a[2] == -.infinity && numbers.a[3] == 0.1)
    }

    #if os(Linux)
    @Test("a syntax error says nothing of where it is; Replay's parser names line and column")
    func syntaxErrorsHaveNoPlace() throws {
        let text = "{\"a\":\n  [1, x]}"
        do {
            _ = try decoder().decode(Numbers.self, from: Data(text.utf8))
            Issue.record("decoded malformed JSON")
        } catch {
            let said = "\(error)".lowercased()
            #expect(!said.contains("line") && !said.contains("column") && !said.contains("character"), "\(error)")
        }
        let path = try temporaryFile(text)
        #expect(replayFile(at: path).message?.hasPrefix("\(path): line 2, column 7: malformed JSON") == true)
    }
    #endif

    @Test("a duplicate key passes silently; Replay's parser refuses it")
    func duplicateKeysPass() throws {
        let text = #"{"a": [1], "a": [2]}"#
        #expect(throws: Never.self) { _ = try decoder().decode(Numbers.self, from: Data(text.utf8)) }
        let path = try temporaryFile(text)
        #expect(replayFile(at: path).message?.contains("duplicate key \"a\"") == true)
    }
}
