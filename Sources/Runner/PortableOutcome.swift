import Notebook
import Outcome
import Records

/// A notebook's program and cached outcome name the notebook by a fixed
/// placeholder, never by its path, so that the cache key holds no absolute
/// path, host or user name: the same notebook rendered from another clone,
/// another folder or another machine finds the same entry (issue 16,
/// "a cache that travels"). The placeholder is swapped for the path the
/// user gave only in the outcome handed back (`NotebookOutcome.relocated`).
enum PortableNotebook {
    /// What the program's `#sourceLocation`s, `#filePath` and `#fileID`
    /// say instead of the notebook's path. Distinctive, so that replacing it
    /// in text replaces nothing else.
    static let placeholder = "optnb-notebook.md"

    /// `document` as the program and the cache see it: named by the placeholder.
    static func document(_ document: Document) -> Document {
        var portable = document
        portable.path = placeholder
        return portable
    }
}

extension NotebookOutcome {
    /// The outcome with every mention of `placeholder` (diagnostics' files,
    /// messages and excerpts, record sources, block output) naming `path`.
    func relocated(from placeholder: String, to path: String) -> NotebookOutcome {
        guard placeholder != path else { return self }
        func text(_ s: String) -> String { s.replacingOccurrences(of: placeholder, with: path) }
        func diagnostic(_ d: Diagnostic) -> Diagnostic {
            var d = d
            if d.file == placeholder { d.file = path }
            d.message = text(d.message)
            d.excerpt = d.excerpt.map(text)
            d.notes = d.notes.map(diagnostic)
            return d
        }
        func source(_ s: SourceLine?) -> SourceLine? {
            guard var s, s.file == placeholder else { return s }
            s.file = path
            return s
        }
        func record(_ r: Record) -> Record {
            switch r {
            case .scalar(var v): v.source = source(v.source); return .scalar(v)
            case .table(var v): v.source = source(v.source); return .table(v)
            case .plot(var v): v.source = source(v.source); return .plot(v)
            case .comparison(var v): v.source = source(v.source); return .comparison(v)
            case .expectation(var v):
                v.source = source(v.source)
                v.detail = text(v.detail)
                return .expectation(v)
            case .sweep(var v): v.source = source(v.source); return .sweep(v)
            case .sweepPlot(var v): v.source = source(v.source); return .sweepPlot(v)
            case .warning(var v): v.source = source(v.source); return .warning(v)
            case .blockStart, .blockEnd: return r
            }
        }
        var copy = self
        for i in copy.blocks.indices {
            var block = copy.blocks[i]
            switch block.status {
            case .failed(let d): block.status = .failed(diagnostic(d))
            case .compileError(let ds): block.status = .compileError(ds.map(diagnostic))
            case .ok, .notRun, .timedOut: break
            }
            block.records = block.records.map(record)
            block.stdout = text(block.stdout)
            block.stderr = text(block.stderr)
            block.compilerWarnings = block.compilerWarnings.map(diagnostic)
            copy.blocks[i] = block
        }
        return copy
    }
}
