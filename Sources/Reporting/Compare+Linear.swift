import Optimizers

/// `compare` on the study's base model: a `Linear` layer trained with MSE on
/// `data`, full batch. Both sides start from `model`'s current weights (the
/// model itself is not changed), so one seeded model serves several
/// comparisons.
///
/// The manual side's flat vector is `weight` (row-major, out × in) followed
/// by `bias`, the order of `model.parameters`.
@discardableResult
public func compare(
    _ name: String, title: String, steps: Int,
    model: Linear<Double>, data: Dataset<Double>,
    library: ([Parameter<Double>]) throws -> any Optimizer<Double>,
    libraryLabel: String, manualLabel: String,
    manual: (inout [Double], [Double]) -> Void,
    lossThreshold: Double? = nil, lossPlot: Bool = true,
    file: String = #filePath, line: Int = #line
) rethrows -> Comparison {
    let shape = (inFeatures: model.inFeatures, outFeatures: model.outFeatures)
    return try compare(
        name, title: title, steps: steps, initial: model.parameters,
        lossAndGradients: { parameters in
            // A throwaway layer over the side's own values: Linear owns its
            // Parameters, and each side must keep its own.
            let layer = Linear(weight: parameters[0].value, bias: parameters[1].value,
                               inFeatures: shape.inFeatures, outFeatures: shape.outFeatures)
            let loss = layer.lossAndGradients(on: data)
            parameters[0].grad = layer.weight.grad
            parameters[1].grad = layer.bias.grad
            return loss
        },
        library: library, libraryLabel: libraryLabel, manualLabel: manualLabel,
        manual: manual, lossThreshold: lossThreshold, lossPlot: lossPlot, file: file, line: line)
}
