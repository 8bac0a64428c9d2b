import Foundation
import Testing
@testable import Runner

@Suite("The line an uncaught error came through, from the recorded throw")
struct ThrowSiteTests {
    /// What the program's shared-memory record holds: a count, then offsets.
    static func record(_ offsets: [UInt64], slots: Int = 65) -> Data {
        var data = Data()
        for value in [UInt64(offsets.count)] + offsets + Array(repeating: 0, count: slots - 1 - offsets.count) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    @Test func framesAreReadUpToTheirCount() {
        #expect(ThrowSite.frames(in: Self.record([0x4b32, 0x4718, 0x2d06])) == [0x4b32, 0x4718, 0x2d06])
        #expect(ThrowSite.frames(in: Self.record([])) == [])
        #expect(ThrowSite.frames(in: Data()) == [])
        // A count larger than the file (a torn or foreign file) is cut to what is there.
        var torn = Self.record([7, 8], slots: 3)
        torn.replaceSubrange(0..<8, with: withUnsafeBytes(of: UInt64(99).littleEndian) { Data($0) })
        #expect(ThrowSite.frames(in: torn) == [7, 8])
    }

    /// llvm-symbolizer's output for a throw in `checked`, called from the
    /// notebook's top-level code at line 12 (recorded from a real program).
    static let symbolized = """
        $s8notebook7checkedyS2dKF
        /tmp/optnb-run-x/notebooks/nb.md:5:17

        main
        /tmp/optnb-run-x/notebooks/nb.md:12:13

        _start
        ??:0:0

        """

    @Test func theTopLevelFrameInTheNotebookGivesTheLine() {
        #expect(ThrowSite.line(inSymbolized: Self.symbolized, notebookPath: "notebooks/nb.md") == 12)
        #expect(ThrowSite.line(inSymbolized: Self.symbolized, notebookPath: "/tmp/optnb-run-x/notebooks/nb.md") == 12)
        // Another notebook's path, or no `main` frame: no line.
        #expect(ThrowSite.line(inSymbolized: Self.symbolized, notebookPath: "other.md") == nil)
        #expect(ThrowSite.line(inSymbolized: "f\n/x/nb.md:3:1\n", notebookPath: "nb.md") == nil)
    }
}
