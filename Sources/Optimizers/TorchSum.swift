// torch's order of additions in `Tensor.sum` on the CPU (ATen's
// `cascade_sum` in aten/src/ATen/native/cpu/SumKernel.cpp), for the two
// reductions `Linear`'s loss and gradients need: the sum of a whole
// contiguous tensor (the mean in `MSELoss`) and the sum over the rows of a
// row-major matrix (the bias gradient, `grad.sum(0)`). The additions are the
// same as ATen's, in the same order, so a float sum carries the same bits
// (checked against torch 2.15 on the closed-loop fixtures). Assumptions: one
// thread does the whole reduction (torch splits tensors of 32,768 elements
// or more across its threads), and ATen's vectors are 32 bytes wide (its
// `default` and AVX2 builds; AVX-512 has 64-byte vectors).

/// Lanes in one of ATen's 32-byte vectors: 8 floats, 4 doubles.
@inline(__always)
private func vectorLanes<S: OptimizerScalar>(_: S.Type) -> Int { 32 / MemoryLayout<S>.size }

/// ATen's `multi_row_sum` for one column: values `value(0..<count)` added
/// into the first of four accumulator levels, each level flushed into the
/// next every 2^p additions (p = max(4, ⌈log₂ count⌉ / 4)), so that only
/// sums of similar size meet.
@inline(__always)
private func cascadeSum<S: OptimizerScalar>(count: Int, _ value: (Int) -> S) -> S {
    let ceilLog2 = count <= 2 ? 1 : Int.bitWidth - (count - 1).leadingZeroBitCount
    let levelPower = max(4, ceilLog2 / 4)
    let levelStep = 1 << levelPower, levelMask = levelStep - 1
    var acc: (S, S, S, S) = (0, 0, 0, 0)
    var i = 0
    while i + levelStep <= count {
        for _ in 0..<levelStep {
            acc.0 += value(i)
            i += 1
        }
        acc.1 += acc.0
        acc.0 = 0
        if i & (levelMask << levelPower) != 0 { continue }
        acc.2 += acc.1
        acc.1 = 0
        if i & (levelMask << (2 * levelPower)) != 0 { continue }
        acc.3 += acc.2
        acc.2 = 0
    }
    while i < count {
        acc.0 += value(i)
        i += 1
    }
    return ((acc.0 + acc.1) + acc.2) + acc.3
}

/// ATen's `row_sum`: four interleaved cascades (element i goes to partial
/// sum i mod 4), the leftover elements added to the first, then the four
/// partial sums added in order.
@inline(__always)
private func rowSum<S: OptimizerScalar>(count: Int, _ value: (Int) -> S) -> S {
    let groups = count / 4
    var partial0 = cascadeSum(count: groups) { value(4 * $0) }
    let partial1 = cascadeSum(count: groups) { value(4 * $0 + 1) }
    let partial2 = cascadeSum(count: groups) { value(4 * $0 + 2) }
    let partial3 = cascadeSum(count: groups) { value(4 * $0 + 3) }
    for i in 4 * groups..<count { partial0 += value(i) }
    return ((partial0 + partial1) + partial2) + partial3
}

/// `x.sum()` of a contiguous tensor as torch's CPU kernel adds it: each
/// vector lane l sums elements l, l + V, l + 2V, … (V = 32 bytes / scalar
/// size) with `rowSum`; then the elements past the last whole vector, in
/// order, and the lanes, in order, are added to 0. Tensors shorter than one
/// vector are one `rowSum`.
func torchSum<S: OptimizerScalar>(_ x: UnsafeBufferPointer<S>) -> S {
    let lanes = vectorLanes(S.self)
    guard x.count >= lanes else { return rowSum(count: x.count) { x[$0] } }
    let vectors = x.count / lanes
    var total: S = 0
    for i in vectors * lanes..<x.count { total += x[i] }
    for lane in 0..<lanes {
        total += rowSum(count: vectors) { x[$0 * lanes + lane] }
    }
    return total
}

/// `x.sum(0)` of a row-major `rows × columns` matrix, as torch's CPU kernel
/// adds it: one column is a contiguous `torchSum`; with more, the first
/// columns go in blocks (4·V columns when there are V or more, else 4) whose
/// columns are each one `cascadeSum` down the rows, and the columns after
/// the last block are each one `rowSum` (ATen's `vectorized_outer_sum` and
/// `scalar_outer_sum`).
func torchColumnSums<S: OptimizerScalar>(_ x: UnsafeBufferPointer<S>, rows: Int, columns: Int) -> [S] {
    precondition(x.count == rows * columns, "torchColumnSums: \(x.count) values for \(rows) × \(columns)")
    if columns == 1 { return [torchSum(x)] }
    let lanes = vectorLanes(S.self)
    let block = columns >= lanes ? 4 * lanes : 4
    let blocked = columns / block * block
    return (0..<columns).map { c in
        c < blocked
            ? cascadeSum(count: rows) { x[$0 * columns + c] } : rowSum(count: rows) { x[$0 * columns + c] }
    }
}

/// The order in which `Linear` adds up the squared errors of its MSE loss
/// and the bias gradient's terms.
///
/// The two orders give the same sums up to the last bits: a float sum
/// depends on the order of its additions.
public enum SummationOrder: Sendable, Hashable {
    /// Left to right, in one pass (the default): the order notebooks' recorded
    /// numbers and baselines were made with.
    case sequential
    /// The order of torch's `Tensor.sum` on the CPU (ATen's `cascade_sum`,
    /// one thread, 32-byte vectors), with `mse_loss_backward`'s 2/numel
    /// computed in double and rounded once. `optnb replay` uses it so that
    /// the closed-loop `*-linear-mse` recordings (torch 2.15,
    /// `ATEN_CPU_CAPABILITY=default`) replay bit for bit.
    case torch
}
