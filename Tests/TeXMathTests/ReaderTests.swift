import Testing
@testable import TeXMath

@Suite struct ReaderTests {
    @Test func placeholder() throws {
        let f = try TeXMath.convert("x", display: false)
        #expect(f.mathML.contains("<mi>x</mi>"))
    }
}
