/// A parameter tensor: contiguous row-major storage plus an optional gradient,
/// like a `torch.nn.Parameter` with its `.grad`.
///
/// Optimizers hold parameters by reference (it is a class), so a model and its
/// optimizer see the same storage, as in torch. `grad == nil` means "no
/// gradient on this step": torch's optimizers skip such a parameter entirely,
/// leaving its state and step count untouched.
public final class Parameter<Scalar: OptimizerScalar> {
    /// A name for messages and reports (`"weight"`, `"p0"`, …).
    public let name: String
    /// Row-major shape; `value.count == shape.reduce(1, *)`.
    public let shape: [Int]
    /// The parameter's values, row-major.
    public var value: [Scalar]
    /// The gradient, same count as `value`, or `nil` when there is none.
    public var grad: [Scalar]?

    /// Creates a parameter. `shape` defaults to a vector of `value.count`.
    public init(_ value: [Scalar], shape: [Int]? = nil, name: String = "") {
        let shape = shape ?? [value.count]
        precondition(
            shape.reduce(1, *) == value.count,
            "Parameter \(name): shape \(shape) does not hold \(value.count) values")
        self.name = name
        self.shape = shape
        self.value = value
        self.grad = nil
    }

    /// Number of scalars in the tensor.
    public var count: Int { value.count }
}
