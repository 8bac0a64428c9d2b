/// Full-batch training: `steps` times, compute the loss and gradients on all
/// of `data` (`model.lossAndGradients`), then `optimizer.step()`.
///
/// Returns `steps + 1` losses: the loss before each step (the one whose
/// gradients that step used, as torch's recorded `loss`), then the loss
/// after the last step. So `result[k]` is the loss after k steps, and
/// `result.last` is the trained model's loss.
///
/// `optimizer` must have been built with `model.parameters`; this function
/// does not check it. A negative `steps` counts as 0.
@discardableResult
public func train<Scalar>(
    _ model: Linear<Scalar>, on data: Dataset<Scalar>,
    optimizer: some Optimizer<Scalar>, steps: Int
) -> [Scalar] {
    var losses: [Scalar] = []
    losses.reserveCapacity(max(steps, 0) + 1)
    for _ in 0..<max(steps, 0) {
        losses.append(model.lossAndGradients(on: data))
        optimizer.step()
    }
    losses.append(model.loss(on: data))
    return losses
}

/// Mini-batch training: each epoch visits every sample once, in an order
/// from `RandomSource(seed:)` (one Fisher–Yates permutation per epoch,
/// drawn in epoch order), cut into consecutive batches of `batchSize`; the
/// last batch of an epoch is smaller when `batchSize` does not divide
/// `data.samples` (torch's `DataLoader(shuffle=True, drop_last=False)`).
/// One `optimizer.step()` per batch, on that batch's mean loss.
///
/// Returns `epochs + 1` losses on the whole of `data`: before training,
/// then after each epoch. (Per-batch losses are noisy and measured on
/// different samples, so they are not comparable across steps.)
///
/// - Precondition: `batchSize > 0`. A negative `epochs` counts as 0.
@discardableResult
public func train<Scalar>(
    _ model: Linear<Scalar>, on data: Dataset<Scalar>,
    optimizer: some Optimizer<Scalar>, epochs: Int, batchSize: Int, seed: UInt64
) -> [Scalar] {
    precondition(batchSize > 0, "train: batchSize \(batchSize) must be positive")
    var rng = RandomSource(seed: seed)
    var losses = [model.loss(on: data)]
    losses.reserveCapacity(max(epochs, 0) + 1)
    for _ in 0..<max(epochs, 0) {
        let order = rng.permutation(of: data.samples)
        var start = 0
        while start < order.count {
            let end = min(start + batchSize, order.count)
            _ = model.lossAndGradients(on: data.batch(Array(order[start..<end])))
            optimizer.step()
            start = end
        }
        losses.append(model.loss(on: data))
    }
    return losses
}

/// Full-batch training with a hand-written update rule instead of an
/// `Optimizer`: θ is the model's weight (row-major) followed by its bias,
/// as one flat vector, and g the matching gradient. Each step computes the
/// loss and gradients, calls `update(&θ, g)`, and writes θ back into the
/// model.
///
/// `update` is one of the manual rules with its state captured, e.g.
/// `var s = AdamState(count: (inF + 1) * outF)` and
/// `trainManual(model, on: data, steps: 100) { adamStep(&$0, $1, state: &s, lr: 0.01) }`.
///
/// Returns `steps + 1` losses, as `train(_:on:optimizer:steps:)`.
///
/// - Precondition: `update` keeps θ's count.
@discardableResult
public func trainManual(
    _ model: Linear<Double>, on data: Dataset<Double>, steps: Int,
    update: (inout [Double], [Double]) -> Void
) -> [Double] {
    let weightCount = model.weight.value.count
    var losses: [Double] = []
    losses.reserveCapacity(max(steps, 0) + 1)
    for _ in 0..<max(steps, 0) {
        losses.append(model.lossAndGradients(on: data))
        guard let weightGrad = model.weight.grad, let biasGrad = model.bias.grad else {
            preconditionFailure("trainManual: lossAndGradients left a gradient unset")
        }
        var θ = model.weight.value + model.bias.value
        update(&θ, weightGrad + biasGrad)
        precondition(
            θ.count == weightCount + model.bias.value.count,
            "trainManual: update changed the parameter count to \(θ.count)")
        model.weight.value = Array(θ[..<weightCount])
        model.bias.value = Array(θ[weightCount...])
    }
    losses.append(model.loss(on: data))
    return losses
}
