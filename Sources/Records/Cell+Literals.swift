/// Lets table rows be written as literals: `["Adam", 0.123, 50]`.
extension Cell: ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral {
    /// `"Adam"` in a row is `.text("Adam")`.
    public init(stringLiteral value: String) { self = .text(value) }
    /// `0.123` in a row is `.number(0.123)`.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// `50` in a row is `.number(50)` (exact up to 2⁵³).
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
