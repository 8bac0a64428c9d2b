// The one walk every library optimizer's `step()` takes. For each parameter
// with a gradient: take its state out (so its buffers stay uniquely
// referenced and writing through them never copies), count the step and size
// the buffers, compute the step's scalars, run the element kernel over the
// tensor in chunks (on up to `threads` threads), and put the state back. The
// optimizers supply only what differs: their state, their per-step scalars
// (`Coefficients`) and their element loop (ElementKernel.swift).

/// A library optimizer that may split each large tensor's update across
/// threads. Every library optimizer adopts it.
public protocol ThreadedOptimizer<Scalar>: Optimizer {
    /// The parameters' scalar type (`Optimizer.Scalar`).
    associatedtype Scalar

    /// Threads one `step()` may use on each tensor of at least
    /// `parallelThreshold` elements (default: every processor). The result
    /// is bitwise the same for any value, because every update is
    /// elementwise; values below 1 mean 1.
    var threads: Int { get set }
}

/// An optimizer whose update of element i reads only element i of the
/// parameter, its gradient and its state buffers, plus per-step scalars:
/// what `runStep` needs to take its steps.
protocol ElementwiseOptimizer: ThreadedOptimizer {
    associatedtype State: StepState<Scalar>
    /// The options value the step reads (`LibraryOptimizer.options`).
    associatedtype Options
    /// The step's scalars, computed once per parameter and step in Python
    /// float (Double) arithmetic and rounded once to `Scalar`, as torch does,
    /// with the element loop that uses them (`ElementKernel`).
    associatedtype Coefficients: ElementKernel where Coefficients.Scalar == Scalar

    /// Per-parameter state, in the order of `parameters`.
    var state: [State] { get set }
    /// The options in force for the next step.
    var options: Options { get }
    /// The root the kernel takes: `options.squareRoot` when the options
    /// have one, `.ieee` for optimizers that take none.
    var squareRoot: SquareRoot { get }

    /// Takes a parameter of `count` elements to its next step: counts the
    /// step, creates or sizes the state's buffers, and returns the step's
    /// scalars, which depend only on the options and this scalar state.
    func prepare(_ state: inout State, count: Int) -> Coefficients

    /// Updates the scalar state after the kernel ran (ASGD's η and μ);
    /// nothing by default.
    func finish(_ state: inout State)
}

/// Options that choose the square root (`SquareRoot`) the kernel takes.
protocol RootOption {
    var squareRoot: SquareRoot { get }
}

extension ElementwiseOptimizer {
    var squareRoot: SquareRoot { .ieee }
    func finish(_ state: inout State) {}
}

extension ElementwiseOptimizer where Options: RootOption {
    var squareRoot: SquareRoot { options.squareRoot }
}

/// An optimizer's per-parameter state as the driver sees it: a value with
/// up to three element buffers.
protocol StepState<Scalar> {
    associatedtype Scalar: OptimizerScalar
    /// The state of a parameter that has not stepped (buffers empty).
    init()
    /// Runs `body` on the state's buffers, in the order the kernel expects.
    mutating func withBuffers<R>(_ body: (StateBuffers<Scalar>) -> R) -> R
}

/// Up to three state buffers of one parameter; unused ones are empty.
struct StateBuffers<S: OptimizerScalar> {
    private let elements: (TensorElements<S>, TensorElements<S>, TensorElements<S>)

    @inline(__always)
    init(
        first: UnsafeMutableBufferPointer<S>, second: UnsafeMutableBufferPointer<S> = .init(start: nil, count: 0),
        third: UnsafeMutableBufferPointer<S> = .init(start: nil, count: 0)
    ) {
        elements = (TensorElements(first), TensorElements(second), TensorElements(third))
    }

    var first: UnsafeMutableBufferPointer<S> { elements.0.buffer }
    var second: UnsafeMutableBufferPointer<S> { elements.1.buffer }
    var third: UnsafeMutableBufferPointer<S> { elements.2.buffer }
}

/// What one kernel call updates: a chunk of a parameter, the same chunk of
/// its gradient and of each state buffer (unused buffers stay empty).
struct StepTensors<S: OptimizerScalar> {
    private let elements: (param: TensorElements<S>, grad: TensorElements<S>)
    let state: StateBuffers<S>

    @inline(__always)
    init(param: UnsafeMutableBufferPointer<S>, grad: UnsafeBufferPointer<S>, state: StateBuffers<S>) {
        elements = (TensorElements(param), TensorElements(UnsafeMutableBufferPointer(mutating: grad)))
        self.state = state
    }

    var param: UnsafeMutableBufferPointer<S> { elements.param.buffer }
    var grad: UnsafeBufferPointer<S> { UnsafeBufferPointer(elements.grad.buffer) }

    /// Elements `range` of every tensor.
    @inline(__always)
    func chunk(_ range: Range<Int>) -> StepTensors {
        StepTensors(
            param: param.chunk(range), grad: grad.chunk(range),
            state: StateBuffers(
                first: state.first.chunk(range), second: state.second.chunk(range),
                third: state.third.chunk(range)))
    }
}

/// One tensor's elements as a non-optional base address and a count: how
/// `StepTensors` and `StateBuffers` hold them. The driver hands those to
/// `ElementKernel.run` in memory, and a buffer pointer's optional base
/// address is stored there as an integer; read back as one, LLVM could
/// no longer tell the tensors from the constant estimate table `TorchMKLRoot`
/// reads, so no loop taking that root vectorized. A pointer keeps its
/// provenance.
struct TensorElements<S> {
    let base: UnsafeMutablePointer<S>
    let count: Int

    @inline(__always)
    init(_ buffer: UnsafeMutableBufferPointer<S>) {
        // An empty buffer may have no base address; this one is never read.
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<S>.alignment)!
        count = buffer.count
    }

    @inline(__always)
    var buffer: UnsafeMutableBufferPointer<S> { .init(start: count == 0 ? nil : base, count: count) }
}

/// Runs `body` on one array's storage as the state's only buffer.
@inline(__always)
func withBuffers<S: OptimizerScalar, R>(_ a: inout [S], _ body: (StateBuffers<S>) -> R) -> R {
    a.withUnsafeMutableBufferPointer { a in body(StateBuffers(first: a)) }
}

/// Runs `body` on two arrays' storage, in this order.
@inline(__always)
func withBuffers<S: OptimizerScalar, R>(_ a: inout [S], _ b: inout [S], _ body: (StateBuffers<S>) -> R) -> R {
    a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in body(StateBuffers(first: a, second: b)) }
    }
}

/// Runs `body` on three arrays' storage, in this order.
@inline(__always)
func withBuffers<S: OptimizerScalar, R>(
    _ a: inout [S], _ b: inout [S], _ c: inout [S], _ body: (StateBuffers<S>) -> R
) -> R {
    a.withUnsafeMutableBufferPointer { a in
        b.withUnsafeMutableBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in body(StateBuffers(first: a, second: b, third: c)) }
        }
    }
}

/// One `step()` of `optimizer`: every parameter whose `grad` is not `nil`
/// is updated in place, with its state; the others keep value and state.
/// A gradient whose count differs from its parameter's stops the program
/// with a message naming the parameter.
///
/// The square root is chosen once per tensor, so each root gets its own
/// copy of the kernel's loops and the IEEE ones vectorize.
// Specialized for each library optimizer on Float and Double, here and
// nowhere else: a notebook calls `step()` across a module boundary, where
// unspecialized code runs the kernels generically, with metadata lookups on
// every element. Measured with `optnb bench`, float32, one thread, the two
// binaries alternating in one run (load average 13-16): without these
// lines every optimizer is 900-3,200x slower at 1,000 elements (Adam 1.3
// vs 1,468 million elements/s, SGD 3.7 vs 6,005) and 80-190x slower at 10^7
// (SGD, Adagrad, SGD with momentum and Nesterov measured). With them, the
// five optimizers that had no specialization before the driver (Adamax,
// RAdam, Adadelta, Rprop, ASGD) ran 2.3-4.3x faster at 1,000 elements.
@_specialize(where O == SGD<Float>)
@_specialize(where O == SGD<Double>)
@_specialize(where O == Adagrad<Float>)
@_specialize(where O == Adagrad<Double>)
@_specialize(where O == RMSprop<Float>)
@_specialize(where O == RMSprop<Double>)
@_specialize(where O == Adam<Float>)
@_specialize(where O == Adam<Double>)
@_specialize(where O == NAdam<Float>)
@_specialize(where O == NAdam<Double>)
@_specialize(where O == Adamax<Float>)
@_specialize(where O == Adamax<Double>)
@_specialize(where O == RAdam<Float>)
@_specialize(where O == RAdam<Double>)
@_specialize(where O == Adadelta<Float>)
@_specialize(where O == Adadelta<Double>)
@_specialize(where O == Rprop<Float>)
@_specialize(where O == Rprop<Double>)
@_specialize(where O == ASGD<Float>)
@_specialize(where O == ASGD<Double>)
func runStep<O: ElementwiseOptimizer>(_ optimizer: O) {
    let threads = optimizer.threads, root = optimizer.squareRoot
    for (i, p) in optimizer.parameters.enumerated() {
        guard let grad = p.grad else { continue }
        var s = O.State()
        swap(&s, &optimizer.state[i])
        let k = optimizer.prepare(&s, count: p.count)
        p.withStorage(grad) { param, g in
            s.withBuffers { buffers in
                let t = StepTensors(param: param, grad: g, state: buffers)
                switch root {
                case .ieee:
                    forEachChunk(count: param.count, threads: threads) { r in
                        k.run(t.chunk(r), root: IEEERoot.self)
                    }
                case .torchMKL:
                    forEachChunk(count: param.count, threads: threads) { r in
                        k.run(t.chunk(r), root: TorchMKLRoot.self)
                    }
                }
            }
        }
        optimizer.finish(&s)
        optimizer.state[i] = s
    }
}
