// How an optimizer's element loop runs over one chunk, written once. An
// optimizer's `Coefficients` say which state buffers the loop uses and which
// of its options are on this step (`flags`); the driver turns each flag into
// a constant, one inlined copy of the loop per combination, so that each
// copy is branch-free and vectorizes.

/// Up to four yes/no choices an element loop makes per step (decay on,
/// amsgrad, the lerp weight's form, …), named by each loop for itself.
struct LoopFlags {
    var a = false, b = false, c = false, d = false
}

/// One flag as a type, so that a loop generic over it is specialized, and
/// branch-free, for each value.
protocol FlagValue { static var on: Bool { get } }
enum FlagOn: FlagValue { static var on: Bool { true } }
enum FlagOff: FlagValue { static var on: Bool { false } }

/// The four flags of one specialized copy of an element loop, as types.
protocol LoopFlagSet {
    static var a: Bool { get }
    static var b: Bool { get }
    static var c: Bool { get }
    static var d: Bool { get }
}

enum Flags<A: FlagValue, B: FlagValue, C: FlagValue, D: FlagValue>: LoopFlagSet {
    static var a: Bool { A.on }
    static var b: Bool { B.on }
    static var c: Bool { C.on }
    static var d: Bool { D.on }
}

/// An optimizer's per-step scalars together with its element loop.
protocol ElementKernel {
    associatedtype Scalar: OptimizerScalar
    /// The state buffers the loop reads and writes (`StateBuffers`' first,
    /// second, third); each must then have one element per parameter element.
    var buffers: (first: Bool, second: Bool, third: Bool) { get }
    /// This step's values of the loop's flags (unused ones `false`).
    var flags: LoopFlags { get }
    /// One pass over a chunk, taking square roots with `root`, specialized
    /// for the flags `F`: `F.a` … `F.d` are constants in each copy.
    ///
    /// Each loop starts with `let k = self, x = x`: local copies, so the
    /// scalars and addresses stay in registers through the loop instead of
    /// being reloaded after every store.
    func loop<F: LoopFlagSet, R: RootFunction>(_ x: StepPointers<Scalar>, _ flags: F.Type, root: R.Type)
}

extension ElementKernel {
    /// The loop over one chunk `t`, after checking its buffers, with this
    /// step's flags: each combination of flags has its own specialized copy.
    @inline(__always)
    func run<R: RootFunction>(_ t: StepTensors<Scalar>, root: R.Type) {
        let use = buffers
        guard let x = t.pointers(first: use.first, second: use.second, third: use.third) else { return }
        let f = flags
        // Each step below turns one runtime flag into a type.
        if f.a { runB(x, f, root, FlagOn.self) } else { runB(x, f, root, FlagOff.self) }
    }

    @inline(__always)
    private func runB<R: RootFunction, A: FlagValue>(_ x: StepPointers<Scalar>, _ f: LoopFlags, _ root: R.Type, _ a: A.Type) {
        f.b ? runC(x, f, root, a, FlagOn.self) : runC(x, f, root, a, FlagOff.self)
    }

    @inline(__always)
    private func runC<R: RootFunction, A: FlagValue, B: FlagValue>(
        _ x: StepPointers<Scalar>, _ f: LoopFlags, _ root: R.Type, _ a: A.Type, _ b: B.Type
    ) {
        if f.c { runD(x, f, root, a, b, FlagOn.self) } else { runD(x, f, root, a, b, FlagOff.self) }
    }

    @inline(__always)
    private func runD<R: RootFunction, A: FlagValue, B: FlagValue, C: FlagValue>(
        _ x: StepPointers<Scalar>, _ f: LoopFlags, _ root: R.Type, _ a: A.Type, _ b: B.Type, _ c: C.Type
    ) {
        if f.d {
            loop(x, Flags<A, B, C, FlagOn>.self, root: root)
        } else {
            loop(x, Flags<A, B, C, FlagOff>.self, root: root)
        }
    }
}

/// Base addresses of one chunk's tensors, for an element loop: `count`
/// elements of the parameter, its gradient and up to three state buffers.
/// A buffer the step does not use points at the parameter; the loop never
/// touches it.
struct StepPointers<S: OptimizerScalar> {
    let param: UnsafeMutablePointer<S>
    let grad: UnsafePointer<S>
    let first, second, third: UnsafeMutablePointer<S>
    let count: Int
}

extension StepTensors {
    /// The chunk's base addresses, after checking that each state buffer the
    /// step uses (`first`, `second`, `third`) has one element per element of
    /// the parameter; `nil` for an empty chunk, which has nothing to update.
    @inline(__always)
    func pointers(first: Bool, second: Bool, third: Bool) -> StepPointers<S>? {
        let n = param.count
        precondition(grad.count == n && (!first || state.first.count == n))
        precondition((!second || state.second.count == n) && (!third || state.third.count == n))
        guard n > 0, let p = param.baseAddress, let g = grad.baseAddress else { return nil }
        return StepPointers(
            param: p, grad: g, first: state.first.baseAddress ?? p, second: state.second.baseAddress ?? p,
            third: state.third.baseAddress ?? p, count: n)
    }
}

/// The start of most element loops: the gradient, negated if maximize
/// (g·(−1) is exact, so no branch), plus λθ when coupled weight decay is on
/// (`grad.add(param, alpha=λ)`).
struct SignedGradient<S: OptimizerScalar> {
    let sign, weightDecay: S
    /// λ ≠ 0: the loop adds λθ.
    let decay: Bool

    init(maximize: Bool, weightDecay: Double) {
        sign = maximize ? -1 : 1
        self.weightDecay = S(weightDecay)
        decay = weightDecay != 0
    }

    /// ±g, plus λθ if `decay` (a constant in each loop copy).
    @inline(__always)
    func callAsFunction(_ g: S, _ theta: S, decay: Bool) -> S {
        let d = sign * g
        return decay ? d + weightDecay * theta : d
    }
}
