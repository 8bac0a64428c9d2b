import Records

/// A value that can stand in a table cell, so rows can mix variables of
/// different types: `[name, loss, steps]`. Integers and floats become
/// `.number` (converted to `Double`), strings `.text`.
public protocol CellConvertible {
    /// The cell this value shows as.
    var cell: Cell { get }
}

extension Cell: CellConvertible {
    /// The cell itself.
    public var cell: Cell { self }
}
extension String: CellConvertible {
    /// `.text(self)`, shown escaped and compared exactly.
    public var cell: Cell { .text(self) }
}
extension Substring: CellConvertible {
    /// `.text` of the substring.
    public var cell: Cell { .text(String(self)) }
}
extension Double: CellConvertible {
    /// `.number(self)`; NaN and ±∞ are kept.
    public var cell: Cell { .number(self) }
}
extension Float: CellConvertible {
    /// `.number`, widened to `Double` exactly (0.1 as a `Float` shows as
    /// 0.100000001…).
    public var cell: Cell { .number(Double(self)) }
}
extension Int: CellConvertible {
    /// `.number`, exact for |n| ≤ 2⁵³.
    public var cell: Cell { .number(Double(self)) }
}
