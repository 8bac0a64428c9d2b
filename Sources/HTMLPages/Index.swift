import Foundation
import Outcome
import Records

/// One report on the index page.
public struct IndexEntry: Sendable, Equatable {
    /// The report's title (its notebook's first heading), escaped when written.
    public var title: String
    /// One line, e.g. `reportSummary(_:outcome:)`.
    public var summary: String
    /// The report's address relative to the index (`adam.html`).
    public var href: String
    /// Loss per step for the sparkline; nil for none.
    public var sparkline: [Double]?

    /// An entry as given.
    public init(title: String, summary: String, href: String, sparkline: [Double]? = nil) {
        self.title = title; self.summary = summary; self.href = href; self.sparkline = sparkline
    }
}

/// The page that lists every report: title, one-line summary and a small
/// loss sparkline per entry, in the order given (the site's reading order),
/// under a link to the agreement page when `options.agreementHref` names one. Same guarantees as
/// `renderReport` (self-contained, no script, deterministic).
public func renderIndex(_ entries: [IndexEntry], title: String, options: ReportOptions) -> String {
    renderPage(title: title, options: options, header: { h in
        h.open("header", [("class", "page-header")])
        writeSiteLinks(options, into: &h)
        h.element("h1", text: title)
        h.element("p", [("class", "source")], text: "\(entries.count) report\(entries.count == 1 ? "" : "s")")
        h.close("header"); h.newline()
    }, main: { h in writeEntries(entries, into: &h) })
}

private func writeEntries(_ entries: [IndexEntry], into h: inout HTMLWriter) {
    h.open("ul", [("class", "reports")]); h.newline()
    for (i, e) in entries.enumerated() {
        h.open("li")
        h.open("div", [("class", "entry")])
        if let href = HTML.safeURL(e.href) {
            h.element("a", [("href", href)], text: e.title)
        } else {
            h.element("span", [("class", "unsafe-link")], text: e.title)
        }
        h.element("p", text: e.summary)
        h.close("div")
        if let values = e.sparkline {
            h.raw(RawHTML(trustedMarkup: renderSparklineSVG(values, label: "Loss of \(e.title)", id: "spark\(i + 1)")))
        }
        h.close("li"); h.newline()
    }
    h.close("ul"); h.newline()
}

/// A tiny line of `values` (no axes) for the index. Log scale when the
/// values are positive and span two decades or more, as losses usually do;
/// non-finite values break the line; long series are thinned.
public func renderSparklineSVG(_ values: [Double], label: String, id: String = "spark",
                               width: Int = 120, height: Int = 32) -> String {
    let finite = values.filter(\.isFinite)
    let scale: AxisScale = (finite.min().map { $0 > 0 } ?? false) && finite.max()! / finite.min()! >= 100 ? .log : .linear
    let prepared = prepare(Series(label: label, y: values), xAxis: .linear, yAxis: scale)
    let pts = prepared.points.compactMap { $0 }
    let probe = Axis(scale: scale, lo: 0, hi: 1)
    let ys = pts.compactMap { probe.transform($0.y) }
    let W = Double(max(width, 10)), H = Double(max(height, 6))
    let frame = Frame(x: Axis.fitting(pts.map(\.x).min(), pts.map(\.x).max(), scale: .linear, pad: 0),
                      y: Axis.fitting(ys.min(), ys.max(), scale: scale, pad: 0.08),
                      left: 2, top: 2, width: W - 4, height: H - 4)
    var text = label
    if let a = prepared.first, let b = prepared.last {
        text += ": from \(formatNumber(a.y, significantDigits: 4)) to \(formatNumber(b.y, significantDigits: 4))"
        text += " over \(prepared.count) points" + (scale == .log ? " (log scale)" : "")
    } else {
        text += ": no drawable values"
    }
    var svg = SVGWriter()
    svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "spark"),
                     ("viewBox", "0 0 \(svgNumber(W)) \(svgNumber(H))"), ("role", "img"),
                     ("aria-labelledby", id + "-title")])
    svg.text("title", [("id", id + "-title")], text)
    svg.empty("path", [("d", frame.pathData(prepared.points)), ("fill", "none"), ("stroke", "currentColor"),
                       ("stroke-width", "1.5"), ("stroke-linecap", "round"), ("stroke-linejoin", "round")])
    svg.close("svg")
    return svg.output
}

/// The series an index sparkline shows for a run: the library loss of the
/// first comparison, else the first series of the first plot whose title,
/// y label or series label mentions "loss"; nil when there is none.
public func indexSparkline(from outcome: NotebookOutcome) -> [Double]? {
    let records = outcome.blocks.flatMap(\.records)
    for r in records { if case .comparison(let c) = r, !c.libraryLoss.isEmpty { return c.libraryLoss } }
    for r in records {
        guard case .plot(let p) = r else { continue }
        let mentions = { (s: String) in s.lowercased().contains("loss") }
        if mentions(p.title) || mentions(p.axes.yLabel), let s = p.series.first { return s.y }
        if let s = p.series.first(where: { mentions($0.label) }) { return s.y }
    }
    return nil
}
