import Foundation
import HTMLPages
import Notebook

/// The site's reading order: the notebooks that declare a place
/// (`<!-- optnb order N -->`, `Document.order`) first, by place, then the
/// others in the order they were named (ties keep that order too).
///
/// Every shard computes it alike from all the notebooks named, not only its
/// own, so a report's previous/next links and the index come out the same
/// whether the site is rendered at once or as shards merged.
struct ReadingOrder {
    struct Entry {
        var notebook: String
        var title: String
        var place: Int?
    }
    /// The notebooks in reading order.
    var entries: [Entry]
    /// Whether the reports link their neighbours: when they form a site
    /// (the render writes an index), not for a notebook rendered on its own.
    var linksNeighbours: Bool

    /// Reads the place and title of every notebook. One that cannot be read
    /// or parsed has no place and its file name for title; its own render
    /// reports why.
    init(_ inputs: NotebookInputs) {
        let entries = inputs.notebooks.map { notebook -> Entry in
            let document = try? parseNotebook(bytes: readNotebook(notebook), path: notebook)
            return Entry(notebook: notebook, title: document?.title ?? NotebookInputs.reportName(notebook),
                         place: document?.order)
        }
        self.entries = entries.enumerated().sorted { a, b in
            switch (a.element.place, b.element.place) {
            case let (x?, y?) where x != y: x < y
            case (_?, nil): true
            case (nil, _?): false
            default: a.offset < b.offset
            }
        }.map(\.element)
        linksNeighbours = inputs.writesIndex
    }

    var notebooks: [String] { entries.map(\.notebook) }

    /// The reports before and after `notebook`'s.
    func neighbours(of notebook: String) -> Neighbours {
        guard linksNeighbours, let i = entries.firstIndex(where: { $0.notebook == notebook }) else { return Neighbours() }
        func link(_ j: Int) -> Neighbours.Link? {
            guard entries.indices.contains(j) else { return nil }
            let name = NotebookInputs.reportName(entries[j].notebook)
            return Neighbours.Link(title: entries[j].title, href: HTML.pathSegment(name + ".html"))
        }
        return Neighbours(previous: link(i - 1), next: link(i + 1))
    }
}

/// Where `optnb replay --html` puts the agreement page beside the reports,
/// as the README's and CI's commands do; reports and the index link it.
let agreementPageHref = "torch.html"
