import Testing
@testable import Notebook

/// 17.14: binary and non-UTF-8 notebooks are refused at the first bad byte.
@Suite struct TextCheckTests {
    func refusal(_ bytes: [UInt8]) -> NotebookError? {
        do { try checkNotebookText(bytes, path: "n.md"); return nil } catch { return error }
    }

    @Test func goodTextPasses() {
        #expect(refusal(Array("# T\r\nx\té ∑ 😀 \u{0C}\n".utf8)) == nil)
        #expect(refusal([0xEF, 0xBB, 0xBF] + Array("# T\n".utf8)) == nil)
        #expect(refusal([]) == nil)
    }

    @Test func latin1IsRefusedAtItsLineAndColumn() throws {
        // "# Café" in Latin-1 on line 3, column 6.
        let e = try #require(refusal(Array("x\r\ny\n# Caf".utf8) + [0xE9] + Array("\n".utf8)))
        #expect(e.position == SourcePosition(line: 3, column: 6))
        #expect(e.message.contains("byte 0xE9"), "\(e.message)")
        #expect(e.description.hasPrefix("n.md:3:6: the notebook is not UTF-8 text"))
    }

    @Test func binaryAndIllFormedSequencesAreRefused() throws {
        #expect(try #require(refusal(Array("ab\n".utf8) + [0x00])).position.line == 2)
        #expect(try #require(refusal([0x7F, 0x45, 0x4C, 0x46])).message.contains("0x7F"))  // ELF
        for bad: [UInt8] in [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                             [0xE2, 0x82], [0xFF], [0x1B]] {
            #expect(refusal(Array("ok ".utf8) + bad) != nil, "\(bad)")
        }
    }
}
