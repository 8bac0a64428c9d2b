import Notebook
import Records

extension Closeness {
    /// The default for `optnb check`: tight enough to catch a changed
    /// operation order in float64, loose enough for libm's last-ulp noise.
    /// NaN matches NaN and an infinity the same infinity: a notebook that
    /// diverged the same way has not drifted.
    public static let check = Closeness(rtol: 1e-9, atol: 1e-12, nonFinite: .nanMatchesNaN)
}

/// The tolerances a notebook sets for `optnb check`: a block's `rtol=` /
/// `atol=` options, else the notebook's `<!-- optnb check … -->`, else
/// `Closeness.check`; an option a block leaves out comes from the notebook.
public struct Tolerances: Equatable, Sendable {
    /// The notebook-wide tolerance.
    public var notebook: Closeness
    /// Block id → its tolerance, for blocks that set one.
    public var blocks: [String: Closeness]

    /// Tolerances as given; by default `Closeness.check` everywhere.
    public init(notebook: Closeness = .check, blocks: [String: Closeness] = [:]) {
        self.notebook = notebook; self.blocks = blocks
    }

    /// What `document` sets (its directive was checked when it was parsed).
    public init(_ document: Document) {
        let directive = document.checkDirective
        var notebook = Closeness.check
        notebook.rtol = directive.rtol ?? notebook.rtol
        notebook.atol = directive.atol ?? notebook.atol
        var blocks: [String: Closeness] = [:]
        for e in document.experiments where e.rtol != nil || e.atol != nil {
            var block = notebook
            block.rtol = e.rtol ?? notebook.rtol
            block.atol = e.atol ?? notebook.atol
            blocks[e.id] = block
        }
        self.init(notebook: notebook, blocks: blocks)
    }

    /// The tolerance for a value from block `id` (nil: not from a block).
    public func `for`(block id: String?) -> Closeness {
        id.flatMap { blocks[$0] } ?? notebook
    }
}
