import Records

/// A value that can stand in a table cell, so rows can mix variables of
/// different types: `[name, loss, steps]`. Integers and floats become
/// `.number` (converted to `Double`), strings `.text`.
public protocol CellConvertible {
    var cell: Cell { get }
}

extension Cell: CellConvertible { public var cell: Cell { self } }
extension String: CellConvertible { public var cell: Cell { .text(self) } }
extension Substring: CellConvertible { public var cell: Cell { .text(String(self)) } }
extension Double: CellConvertible { public var cell: Cell { .number(self) } }
extension Float: CellConvertible { public var cell: Cell { .number(Double(self)) } }
extension Int: CellConvertible { public var cell: Cell { .number(Double(self)) } }
