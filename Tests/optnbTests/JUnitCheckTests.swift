import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `optnb check --format junit`, read back with Foundation's XML parser (an
/// independent reader): the document CI systems would see.
@Suite(.serialized) struct JUnitCheckTests {
    private func document(_ xml: String) throws -> XMLDocument {
        try XMLDocument(xmlString: xml, options: [])
    }

    private func testcase(_ doc: XMLDocument, _ name: String) throws -> XMLElement? {
        try doc.nodes(forXPath: "//testcase[@name='\(name)']").first as? XMLElement
    }

    @Test("drift and a passing claim: one failing value case at its line; the rest pass; text on stderr")
    func drift() throws {
        let cli = try CLI(); defer { cli.remove() }
        let nb = try cli.notebook("ok.md")
        #expect(try cli.run(["check", nb]).status == 0)
        let baseline = "notebooks/baselines/ok.json"
        try cli.write(try cli.read(baseline).replacingOccurrences(of: "\"value\" : 190", with: "\"value\" : 190.5"),
                      to: baseline)
        let r = try cli.run(["check", "--format", "junit", nb], environment: ["CI": "true"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("second/sum") && r.stderr.contains("0 passed, 1 failed"), "\(r.stderr)")
        let doc = try document(r.stdout)
        let suite = try #require(try doc.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "name")?.stringValue == "notebooks/ok.md")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")

        let sum = try #require(try testcase(doc, "value: second/sum"))
        #expect(sum.attribute(forName: "line")?.stringValue == "12")
        #expect(sum.attribute(forName: "classname")?.stringValue == "ok")
        let failure = try #require(sum.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "drift")
        #expect(failure.attribute(forName: "message")?.stringValue?.contains("190.5 → 190") == true)
        #expect(failure.stringValue?.hasPrefix("notebooks/ok.md:12: ") == true)

        let claim = try #require(try testcase(doc, "claim: the sum of 0…19 is 190"))
        #expect(claim.attribute(forName: "line")?.stringValue == "13")
        #expect(claim.elements(forName: "failure").isEmpty)
        let render = try #require(try testcase(doc, "render"))
        #expect(render.elements(forName: "failure").isEmpty)
        #expect(suite.attribute(forName: "tests")?.stringValue == String(suite.elements(forName: "testcase").count))
    }

    @Test("a failed claim and a compile error are failing cases at their notebook lines")
    func failures() throws {
        let cli = try CLI(); defer { cli.remove() }
        let claimNotebook = try cli.notebook("failed-expectation.md")
        let broken = try cli.notebook("compile-error.md")
        let r = try cli.run(["check", "--format", "junit", "--keep-going", claimNotebook, broken])
        #expect(r.status == 1)
        let doc = try document(r.stdout)
        #expect(try doc.nodes(forXPath: "/testsuites/testsuite").count == 2)

        let claim = try #require(try testcase(doc, "claim: the loss is below 0.1"))
        #expect(claim.attribute(forName: "line")?.stringValue == "5")
        let claimFailure = try #require(claim.elements(forName: "failure").first)
        #expect(claimFailure.attribute(forName: "type")?.stringValue == "failed claim")

        let renders = try doc.nodes(forXPath: "//testsuite[@name='notebooks/compile-error.md']/testcase[@name='render']")
        let render = try #require(renders.first as? XMLElement)
        #expect(render.attribute(forName: "line")?.stringValue == "10")
        let renderFailure = try #require(render.elements(forName: "failure").first)
        #expect(renderFailure.attribute(forName: "type")?.stringValue == "render error")
        #expect(renderFailure.attribute(forName: "message")?.stringValue?.hasPrefix("notebooks/compile-error.md:10:") == true)
    }
}
