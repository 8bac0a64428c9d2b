import Foundation
import HTMLPages
import Notebook
import Runner

/// Syntax classes being computed on a thread of their own; `wait()` blocks
/// until they are there.
final class PendingHighlights: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read after.
    private var value = SyntaxHighlights()

    init(_ document: Document, configuration: RunnerConfiguration) {
        Thread.detachNewThread {
            self.value = PendingHighlights.highlights(document, configuration: configuration)
            self.done.signal()
        }
    }

    func wait() -> SyntaxHighlights {
        done.wait()
        done.signal()
        return value
    }

    /// Syntax classes for the notebook's Swift listings (shown experiment
    /// blocks and `swift` code blocks), from one run of the cached helper.
    static func highlights(_ document: Document, configuration: RunnerConfiguration) -> SyntaxHighlights {
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
        let result = SwiftHighlighter.classify(listings, configuration: configuration)
        var spans: [String: [SyntaxHighlights.Span]] = [:]
        for (code, tokens) in zip(listings, result.tokens) {
            spans[code] = tokens.map { SyntaxHighlights.Span(offset: $0.offset, length: $0.length, kind: $0.kind) }
        }
        return SyntaxHighlights(spans: spans, note: result.note)
    }
}
