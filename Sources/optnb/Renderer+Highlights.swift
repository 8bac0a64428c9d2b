import HTMLPages
import Notebook
import Runner

extension Renderer {
    /// Syntax classes for the notebook's Swift listings (shown experiment
    /// blocks and `swift` code blocks), from one run of the cached helper.
    func highlights(_ document: Document) -> SyntaxHighlights {
        var listings: [String] = []
        var seen: Set<String> = []
        func add(_ code: String) { if seen.insert(code).inserted { listings.append(code) } }
        func walk(_ blocks: [Block]) {
            for block in blocks {
                switch block.kind {
                case .experiment(let e) where e.echo: add(e.code)
                case .code("swift"?, let text): add(text)
                case .blockQuote(let inner): walk(inner)
                case .list(_, _, _, let items): items.forEach(walk)
                default: break
                }
            }
        }
        walk(document.blocks)
        let result = SwiftHighlighter.classify(listings, configuration: runner)
        var spans: [String: [SyntaxHighlights.Span]] = [:]
        for (code, tokens) in zip(listings, result.tokens) {
            spans[code] = tokens.map { SyntaxHighlights.Span(offset: $0.offset, length: $0.length, kind: $0.kind) }
        }
        return SyntaxHighlights(spans: spans, note: result.note)
    }
}
