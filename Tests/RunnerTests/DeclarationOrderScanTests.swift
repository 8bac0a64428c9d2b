import Foundation
import Testing
@testable import Runner

/// The syntactic scan that lets a render skip the declaration-order
/// type-check. Every case is also type-checked for real: whenever swiftc's
/// check finds a use before a declaration, the scan must have said "may"
/// (a wrong "cannot" would let a misordered notebook through). The cases
/// marked false are the ones the scan must prove clean, so that the check
/// is really skipped for ordinary notebooks.
@Suite("Declaration-order scan", .serialized)
struct DeclarationOrderScanTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The blocks, in order.
        var blocks: [String]
        /// What the scan must say: true, "a top-level name may be used before its declaration".
        var may: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Uses before the declaration, in every form the check sees or might.
        Case(name: "a later block's variable", blocks: ["print(later + 1)", "let later = 2.0"], may: true),
        Case(name: "inside an if at top level", blocks: ["if true { print(later) }", "let later = 2"], may: true),
        Case(name: "in a closure", blocks: ["let f = { later * 2 }", "let later = 2", "print(f())"], may: true),
        Case(name: "in an interpolation", blocks: ["print(\"value \\(later)\")", "let later = 2"], may: true),
        Case(name: "in a raw string's interpolation", blocks: ["print(#\"v \\#(later)\"#)", "let later = 2"], may: true),
        Case(name: "a tuple binding", blocks: ["print(b)", "let (a, b) = (1, 2)", "_ = a"], may: true),
        Case(name: "the second of two bindings", blocks: ["print(b)", "let a = 1, b = 2", "_ = a"], may: true),
        Case(name: "after an if let of the same name", blocks: ["if let n = Int(\"1\") { print(n) }\nprint(n)", "let n = 2"], may: true),
        Case(name: "a guard case binding", blocks: ["print(x)", "guard case let .some(x) = Optional(1) else { fatalError() }"], may: true),
        Case(name: "a local binding's own initializer reads the outer name",
             blocks: ["let f = { () -> Int in\n    let n = 1\n        + n\n    return n\n}", "let n = 2", "print(f())"], may: true),
        Case(name: "an if let in a closure does not shadow past its braces",
             blocks: ["let f = { () -> Int in\n    if let n = Int(\"1\") { _ = n }\n    return n\n}", "let n = 2", "print(f())"], may: true),
        Case(name: "a switch case's local ends at the next case",
             blocks: ["let f = { (k: Int) -> Int in\n    switch k {\n    case 0:\n        let n = 1\n        return n\n    default:\n        return n\n    }\n}", "let n = 2", "print(f(1))"], may: true),
        Case(name: "a function called before the variable it reads", blocks: ["g()", "let n = 2", "func g() { print(n) }"], may: true),
        Case(name: "#if is not followed", blocks: ["#if DEBUG\nlet a = 1\n#endif", "print(2)"], may: true),
        Case(name: "a backquoted name", blocks: ["print(`default`)", "let `default` = 1"], may: true),
        Case(name: "a parameter shadows only in its function's body",
             blocks: ["func f(a: Int) -> Int { a }\nprint(a)", "let a = 1", "print(f(a: a))"], may: true),
        Case(name: "a requirement's parameter shadows nothing after it",
             blocks: ["protocol P { func f(n: Int) }\nlet g = { () -> Int in n }", "let n = 2", "print(g())"], may: true),

        // Clean notebooks: the scan proves there is nothing to find.
        Case(name: "declarations before uses", blocks: ["let a = 1", "print(a + 1)", "let b = a * 2\nprint(b)"], may: false),
        Case(name: "a closure parameter of the same name",
             blocks: ["let f = { (model: Int) -> Int in model * 2 }", "let model = 3", "print(f(model))"], may: false),
        Case(name: "short closure parameters", blocks: ["let s = [1, 2].map { x in x * 2 }", "let x = 3", "print(s, x)"], may: false),
        Case(name: "a local before its use in a sweep-like closure",
             blocks: ["func run(_ body: (Int) -> Int) -> Int { body(1) }\nlet r = run { p in\n    let data = p * 2\n    let losses = data + 1\n    return losses\n}",
                      "let data = 5\nlet losses = data + r", "print(losses)"], may: false),
        Case(name: "argument labels and members", blocks: ["struct S { var lr = 0.1 }\nlet s = S(lr: 0.2)\nprint(s.lr)", "let lr = 0.3", "print(lr)"], may: false),
        Case(name: "words in strings and comments", blocks: ["// later is set below\nprint(\"later\")", "let later = 1 /* later */", "print(later)"], may: false),
        Case(name: "a member declared before a method reading it",
             blocks: ["struct Model {\n    var steps = 1\n    func twice() -> Int { steps * 2 }\n}", "let steps = Model().twice()", "print(steps)"], may: false),
        Case(name: "a function's parameter of the same name",
             blocks: ["func run(lr rate: Double, steps: Int) -> Double {\n    rate * Double(steps)\n}", "let steps = 3\nlet rate = run(lr: 0.1, steps: steps)", "print(rate)"], may: false),
        Case(name: "generic arguments are not bindings",
             blocks: ["let m: KeyValuePairs<String, Any> = [\"a\": 1]", "let k: KeyValuePairs<String, Any> = [:]\nprint(m, k)"], may: false),
        Case(name: "unicode names", blocks: ["let η = 0.1", "let β = η * 2\nprint(β)"], may: false),
    ]

    @Test(arguments: cases)
    func theScanNeverMissesWhatSwiftcFinds(_ c: Case) throws {
        let scanned = DeclarationOrderScan.mayUseBeforeDeclaration(c.blocks.joined(separator: "\n"))
        #expect(scanned == c.may)
        let document = notebook(c.blocks.enumerated().map { (id: "b\($0.offset)", code: $0.element, eval: true) })
        let program = NotebookProgram(document: document)
        let scratch = try TemporaryDirectory(prefix: "optnb-order-scan")
        defer { scratch.remove() }
        let environment = ProcessInfo.processInfo.environment
        let found = try DeclarationOrder.check(
            program, compiler: try Compiler.locate(configured: nil, environment: environment),
            library: try LibraryBuild.locate(binDirectory: nil), flags: compileFlags(optimize: false),
            scratch: scratch.path, environment: environment)
        if !found.isEmpty { #expect(scanned, "swiftc found \(found), the scan said cannot") }
        if !c.may { #expect(found.isEmpty, "a clean case is clean for swiftc too: \(found)") }
    }
}
