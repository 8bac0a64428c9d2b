/// A fully connected layer `y = x Wᵀ + b`, like `torch.nn.Linear`, trained
/// with the mean squared error `L = (1/(N·O)) Σ (y − t)²` over all N samples
/// and O outputs (`torch.nn.MSELoss()`, full batch).
///
/// Gradients are analytic: with r = y − t,
/// `∂L/∂W = (2/(N·O)) rᵀx` and `∂L/∂b = (2/(N·O)) Σₙ rₙ`.
///
/// Where torch's order of operations is knowable, it is followed: the loss
/// sums the squares as `Tensor.sum` does and divides by N·O; the bias
/// gradient is `(2/(N·O)) · r` (2/(N·O) in Python float, rounded once) summed
/// over the samples as `Tensor.sum(0)` does (see TorchSum.swift). The
/// forward pass and the weight gradient are matrix products that torch
/// hands to a BLAS, whose order is its own; they are plain loops here.
public final class Linear<Scalar: OptimizerScalar> {
    /// Inputs per sample (torch's `in_features`).
    public let inFeatures: Int
    /// Outputs per sample (torch's `out_features`).
    public let outFeatures: Int
    /// Shape `[outFeatures, inFeatures]`, named `"weight"`.
    public let weight: Parameter<Scalar>
    /// Shape `[outFeatures]`, named `"bias"`.
    public let bias: Parameter<Scalar>

    /// `[weight, bias]`, the order of `torch.nn.Linear.parameters()`.
    public var parameters: [Parameter<Scalar>] { [weight, bias] }

    /// Creates the layer from its values; the counts must match the sizes.
    public init(weight: [Scalar], bias: [Scalar], inFeatures: Int, outFeatures: Int) {
        precondition(
            weight.count == inFeatures * outFeatures,
            "Linear: weight has \(weight.count) values, expected \(outFeatures) × \(inFeatures)")
        precondition(bias.count == outFeatures, "Linear: bias has \(bias.count) values, expected \(outFeatures)")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.weight = Parameter(weight, shape: [outFeatures, inFeatures], name: "weight")
        self.bias = Parameter(bias, shape: [outFeatures], name: "bias")
    }

    /// `x Wᵀ + b` for `samples` rows of `inFeatures` values; returns
    /// `samples × outFeatures`, row-major.
    public func forward(_ inputs: [Scalar], samples: Int) -> [Scalar] {
        precondition(
            inputs.count == samples * inFeatures,
            "Linear.forward: \(inputs.count) inputs, expected \(samples) × \(inFeatures)")
        var out = [Scalar](repeating: 0, count: samples * outFeatures)
        let w = weight.value, b = bias.value
        for s in 0..<samples {
            for o in 0..<outFeatures {
                var acc: Scalar = 0
                for i in 0..<inFeatures { acc += inputs[s * inFeatures + i] * w[o * inFeatures + i] }
                out[s * outFeatures + o] = acc + b[o]
            }
        }
        return out
    }

    /// The mean squared error on `data` (mean over all outputs).
    public func loss(on data: Dataset<Scalar>) -> Scalar {
        checkShape(data)
        let y = forward(data.inputs, samples: data.samples)
        let squares = zip(y, data.targets).map { yi, ti in (yi - ti) * (yi - ti) }
        return y.isEmpty ? .nan : squares.withUnsafeBufferPointer(torchSum) / Scalar(y.count)
    }

    /// Computes the loss and sets `weight.grad` and `bias.grad` to its
    /// analytic gradient; the parameters themselves do not change, so the
    /// returned loss is the one before any optimizer step.
    @discardableResult
    public func lossAndGradients(on data: Dataset<Scalar>) -> Scalar {
        checkShape(data)
        let y = forward(data.inputs, samples: data.samples)
        // torch's mse_loss_backward: norm · (y − t), with norm = 2 / numel
        // computed in Python float and rounded once to the dtype.
        let norm = Scalar(2 / Double(y.count))
        var squares = [Scalar](repeating: 0, count: y.count)
        var dy = [Scalar](repeating: 0, count: y.count)
        for k in 0..<y.count {
            let r = y[k] - data.targets[k]
            squares[k] = r * r
            dy[k] = norm * r
        }
        var gradW = [Scalar](repeating: 0, count: outFeatures * inFeatures)
        for s in 0..<data.samples {
            for o in 0..<outFeatures {
                let d = dy[s * outFeatures + o]
                for i in 0..<inFeatures { gradW[o * inFeatures + i] += d * data.inputs[s * inFeatures + i] }
            }
        }
        weight.grad = gradW
        bias.grad = dy.withUnsafeBufferPointer { torchColumnSums($0, rows: data.samples, columns: outFeatures) }
        return y.isEmpty ? .nan : squares.withUnsafeBufferPointer(torchSum) / Scalar(y.count)
    }

    private func checkShape(_ data: Dataset<Scalar>) {
        precondition(
            data.inFeatures == inFeatures && data.outFeatures == outFeatures,
            "Linear(\(inFeatures) → \(outFeatures)) given a data set of \(data.inFeatures) → \(data.outFeatures) features")
    }
}
