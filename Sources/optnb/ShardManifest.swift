import Foundation
import HTMLPages
import Records

/// What a shard leaves beside its reports for `optnb merge`: the split it
/// computed, and for each report it wrote the index entry a single render
/// would have built from the parsed notebook (so merge needs neither the
/// notebooks nor a re-run to write the same index).
struct ShardManifest: Codable, Equatable {
    static let fileName = "optnb-shard.json"
    static let format = "optnb-shard/1"

    struct Entry: Codable, Equatable {
        var notebook: String
        /// `<name>.html` and `<name>.results.json` hold its report and numbers.
        var name: String
        var title: String
        var summary: String
        var sparkline: [Double]?
    }

    var format = Self.format
    /// `I/N`.
    var shard: String
    var plan: ShardPlan
    /// The index footer a single render would write (optnb, Swift, platform);
    /// nil when this shard wrote no report.
    var generationNote: String?
    /// The reports this shard wrote, in render order.
    var reports: [Entry]

    func encoded() throws -> Data {
        let e = Record.encoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try e.encode(self)
        data.append(0x0A)
        return data
    }
}

extension NotebookRender {
    /// Its line on the index page.
    var indexEntry: ShardManifest.Entry {
        ShardManifest.Entry(notebook: path, name: name, title: document.title ?? name,
                            summary: Renderer.summary(of: document),
                            sparkline: indexSparkline(from: run.outcome))
    }
}

/// Writes `index.html` in `output`: the one index writer of single renders
/// and merges, so both give the same bytes.
func writeIndexPage(_ entries: [ShardManifest.Entry], generationNote: String?, in output: URL) throws {
    let items = entries.map {
        IndexEntry(title: $0.title, summary: $0.summary, href: HTML.pathSegment($0.name + ".html"), sparkline: $0.sparkline)
    }
    let html = renderIndex(items, title: "Optimizer notebooks",
                           options: ReportOptions(unsafeHTML: false, generationNote: generationNote, indexHref: nil,
                                                  agreementHref: agreementPageHref))
    try writeAtomically(Data(html.utf8), to: output.appendingPathComponent("index.html"))
}

/// Writes the shard's manifest after its reports.
func writeShardManifest(_ written: [NotebookRender], shard: Shard, plan: ShardPlan, output: URL) throws {
    let manifest = ShardManifest(
        shard: shard.description, plan: plan,
        generationNote: written.first.map { generationNote(compilerVersion: $0.run.compilerVersion) },
        reports: written.map(\.indexEntry))
    try writeAtomically(try manifest.encoded(), to: output.appendingPathComponent(ShardManifest.fileName))
}
