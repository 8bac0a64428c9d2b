/// A fully connected layer `y = x Wᵀ + b`, like `torch.nn.Linear`, trained
/// with the mean squared error `L = (1/(N·O)) Σ (y − t)²` over all N samples
/// and O outputs (`torch.nn.MSELoss()`, full batch).
///
/// Gradients are analytic: with r = y − t,
/// `∂L/∂W = (2/(N·O)) rᵀx` and `∂L/∂b = (2/(N·O)) Σₙ rₙ`.
///
/// `summation` says in which order the loss's squares and the bias
/// gradient are added: left to right by default, or torch's order
/// (`.torch`, see `SummationOrder`), which replay uses to reproduce
/// recorded `nn.Linear` + `nn.MSELoss` runs bit for bit.
public final class Linear<Scalar: OptimizerScalar> {
    /// Inputs per sample (torch's `in_features`).
    public let inFeatures: Int
    /// Outputs per sample (torch's `out_features`).
    public let outFeatures: Int
    /// Shape `[outFeatures, inFeatures]`, named `"weight"`.
    public let weight: Parameter<Scalar>
    /// Shape `[outFeatures]`, named `"bias"`.
    public let bias: Parameter<Scalar>

    /// The order of the additions in the loss and the bias gradient.
    public let summation: SummationOrder

    /// `[weight, bias]`, the order of `torch.nn.Linear.parameters()`.
    public var parameters: [Parameter<Scalar>] { [weight, bias] }

    /// Creates the layer from its values; the counts must match the sizes.
    public init(
        weight: [Scalar], bias: [Scalar], inFeatures: Int, outFeatures: Int,
        summation: SummationOrder = .sequential
    ) {
        precondition(
            weight.count == inFeatures * outFeatures,
            "Linear: weight has \(weight.count) values, expected \(outFeatures) × \(inFeatures)")
        precondition(bias.count == outFeatures, "Linear: bias has \(bias.count) values, expected \(outFeatures)")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.summation = summation
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
        if summation == .torch {
            let squares = zip(y, data.targets).map { yi, ti in (yi - ti) * (yi - ti) }
            return y.isEmpty ? .nan : squares.withUnsafeBufferPointer(torchSum) / Scalar(y.count)
        }
        var sum: Scalar = 0
        for (yi, ti) in zip(y, data.targets) { sum += (yi - ti) * (yi - ti) }
        return y.isEmpty ? .nan : sum / Scalar(y.count)
    }

    /// Computes the loss and sets `weight.grad` and `bias.grad` to its
    /// analytic gradient; the parameters themselves do not change, so the
    /// returned loss is the one before any optimizer step.
    @discardableResult
    public func lossAndGradients(on data: Dataset<Scalar>) -> Scalar {
        checkShape(data)
        let y = forward(data.inputs, samples: data.samples)
        if summation == .torch { return torchLossAndGradients(on: data, y) }
        let count = Scalar(y.count)
        var sum: Scalar = 0
        var gradW = [Scalar](repeating: 0, count: outFeatures * inFeatures)
        var gradB = [Scalar](repeating: 0, count: outFeatures)
        for s in 0..<data.samples {
            for o in 0..<outFeatures {
                let r = y[s * outFeatures + o] - data.targets[s * outFeatures + o]
                sum += r * r
                // torch's mse_loss_backward: (2 / numel) · r, then the matmul.
                let dy = (2 / count) * r
                gradB[o] += dy
                for i in 0..<inFeatures { gradW[o * inFeatures + i] += dy * data.inputs[s * inFeatures + i] }
            }
        }
        weight.grad = gradW
        bias.grad = gradB
        return y.isEmpty ? .nan : sum / count
    }

    /// `lossAndGradients` with `.torch` summation, as torch's `mse_loss`
    /// and `mse_loss_backward` compute it: dy = norm · (y − t) with norm =
    /// 2 / numel in Python float rounded once to the dtype, the loss and the
    /// bias gradient (`dy.sum(0)`) summed as `Tensor.sum` does.
    private func torchLossAndGradients(on data: Dataset<Scalar>, _ y: [Scalar]) -> Scalar {
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
