import Foundation
import Records

/// A screen coordinate as SVG text: at most two decimals, no exponent, never
/// "nan"/"inf" (a non-finite value, which callers already skip, becomes 0),
/// magnitude capped so a wild value cannot produce a huge number.
func svgNumber(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let hundredths = Int((min(max(v, -1e7), 1e7) * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let m = abs(hundredths)
    let whole = m / 100, frac = m % 100
    if frac == 0 { return sign + String(whole) }
    let fracText = frac % 10 == 0 ? String(frac / 10) : (frac < 10 ? "0" : "") + String(frac)
    return sign + String(whole) + "." + fracText
}

/// One series ready to draw: its thinned points in data units, with nil
/// where the line must break (a non-finite value, or ≤ 0 on a log axis).
struct PreparedSeries {
    var label: String
    var points: [(x: Double, y: Double)?]
    /// First and last drawable points (data units), for markers and the description.
    var first: (x: Double, y: Double)?
    var last: (x: Double, y: Double)?
    var count: Int
}

func prepare(_ s: Series, xAxis: AxisScale, yAxis: AxisScale) -> PreparedSeries {
    let n = min(s.y.count, s.x?.count ?? s.y.count)
    let keep = thinnedIndices(x: s.x, y: s.y, count: n)
    let xa = Axis(scale: xAxis, lo: 0, hi: 1), ya = Axis(scale: yAxis, lo: 0, hi: 1)
    var points: [(x: Double, y: Double)?] = []
    points.reserveCapacity(keep.count)
    for i in keep {
        let x = s.x?[i] ?? Double(i), y = s.y[i]
        if xa.transform(x) != nil && ya.transform(y) != nil {
            points.append((x, y))
        } else if points.last.map({ $0 != nil }) ?? false {
            points.append(nil)
        }
    }
    let valid = points.compactMap { $0 }
    return PreparedSeries(label: s.label, points: points, first: valid.first,
                          last: valid.last, count: n)
}

/// Maps data to the plot area.
struct Frame {
    var x: Axis
    var y: Axis
    var left: Double, top: Double, width: Double, height: Double

    /// Screen position of a data point, or nil when it cannot be drawn.
    func point(_ px: Double, _ py: Double) -> (Double, Double)? {
        guard let tx = x.transform(px), let ty = y.transform(py) else { return nil }
        let sx = left + x.fraction(tx) * width
        let sy = top + (1 - y.fraction(ty)) * height
        return sx.isFinite && sy.isFinite ? (sx, sy) : nil
    }

    /// `d` attribute for a polyline that breaks at nil points. An isolated
    /// point becomes a zero-length segment, which round caps draw as a dot.
    func pathData(_ points: [(x: Double, y: Double)?]) -> String {
        var d = ""
        var pen = false, segmentLength = 0
        func endSegment() { if pen && segmentLength == 0 { d += "h0" }; pen = false }
        for p in points {
            guard let p, let (sx, sy) = point(p.x, p.y) else { endSegment(); continue }
            d += (pen ? "L" : "M") + svgNumber(sx) + " " + svgNumber(sy)
            if pen { segmentLength += 1 } else { pen = true; segmentLength = 0 }
        }
        endSegment()
        return d
    }
}

/// Series styling: colour by class (the page's CSS maps `s1`…`s8` to theme
/// variables), dash pattern as an attribute so series stay distinct in
/// print, for colour-blind readers and in a bare SVG. Dashes cycle with
/// period 6 and colours with period 8, so the first 24 series differ in at
/// least one of the two.
enum SeriesStyle {
    static let dashes = ["", "7 3", "2 3", "9 3 2 3", "14 4", "1 4"]
    static let colors = 8
    static func colorClass(_ i: Int) -> String { "s\(i % colors + 1)" }
    static func fillClass(_ i: Int) -> String { "f\(i % colors + 1)" }
    static func dash(_ i: Int) -> String? {
        let d = dashes[i % dashes.count]
        return d.isEmpty ? nil : d
    }
}

/// A fragment of SVG with attributes escaped; numbers go through `svgNumber`.
struct SVGWriter {
    private(set) var output = ""

    mutating func open(_ tag: String, _ attributes: [(String, String?)] = [], selfClosing: Bool = false) {
        output += "<" + tag
        for (name, value) in attributes {
            guard let value else { continue }
            output += " " + name + "=\"" + HTML.escapeAttribute(value) + "\""
        }
        output += selfClosing ? "/>" : ">"
    }

    mutating func empty(_ tag: String, _ attributes: [(String, String?)]) {
        open(tag, attributes, selfClosing: true)
    }

    mutating func close(_ tag: String) { output += "</" + tag + ">" }

    mutating func text(_ tag: String, _ attributes: [(String, String?)], _ content: String) {
        open(tag, attributes)
        output += HTML.escapeText(content)
        close(tag)
    }

    /// Escaped character data inside the open element.
    mutating func content(_ s: String) { output += HTML.escapeText(s) }

    mutating func newline() { output += "\n" }
}
