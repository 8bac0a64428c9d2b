// torch's constructors test options with `not 0.0 <= x`, which also refuses
// NaN. A few (SGD's `lr < 0.0`, `momentum < 0.0`) let NaN through; optnb
// refuses NaN for every numeric option, since no optimizer can step with it.

extension InvalidOption {
    /// Refuses a negative or NaN value; `what` completes torch's message
    /// ("Invalid learning rate", "Invalid epsilon value", …).
    static func requireNonNegative(_ option: String, _ value: Double, _ what: String) throws(InvalidOption) {
        guard value >= 0 else {
            throw InvalidOption(option: option, value: "\(value)", reason: "\(what) (must be >= 0)")
        }
    }

    /// Refuses NaN only (options torch leaves unchecked, e.g. `dampening`).
    static func requireNumber(_ option: String, _ value: Double) throws(InvalidOption) {
        guard !value.isNaN else {
            throw InvalidOption(option: option, value: "\(value)", reason: "must be a number")
        }
    }

    /// Refuses a beta outside [0, 1) (or NaN), naming its index like torch.
    static func requireBetas(_ betas: (Double, Double)) throws(InvalidOption) {
        for (index, beta) in [betas.0, betas.1].enumerated() where !(beta >= 0 && beta < 1) {
            throw InvalidOption(
                option: "betas", value: "\(beta)",
                reason: "Invalid beta parameter at index \(index) (must be in [0, 1))")
        }
    }

    /// torch's `lr` check, shared by every optimizer.
    static func requireLearningRate(_ lr: Double) throws(InvalidOption) {
        try requireNonNegative("lr", lr, "Invalid learning rate")
    }

    /// The checks Adam, AdamW, Adamax, NAdam and RAdam share, in the order
    /// their torch constructors make them: lr, eps, betas, weight_decay.
    static func requireAdamFamily(
        lr: Double, eps: Double, betas: (Double, Double), weightDecay: Double
    ) throws(InvalidOption) {
        try requireLearningRate(lr)
        try requireNonNegative("eps", eps, "Invalid epsilon value")
        try requireBetas(betas)
        try requireNonNegative("weight_decay", weightDecay, "Invalid weight_decay value")
    }
}
