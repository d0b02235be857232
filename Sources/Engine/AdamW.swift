import EngineKernels
import Foundation

/// AdamW hyper-parameters, with PyTorch's names and the paper's values as defaults
/// except `weightDecay` (PyTorch's default is 0.01; the paper uses 0.2).
public struct AdamWOptions: Codable, Sendable, Equatable {
    public var learningRate: Double = 1e-3
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    public var weightDecay: Double = 0.2

    public init(
        learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
        weightDecay: Double = 0.2
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func validate() throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw ConfigurationError(
                option: "lr", problem: "is \(learningRate)", fix: "use a positive learning rate such as 1e-3")
        }
        for (name, beta) in [("beta1", beta1), ("beta2", beta2)] where !(0..<1).contains(beta) {
            throw ConfigurationError(
                option: name, problem: "is \(beta); betas must lie in [0, 1)", fix: "use e.g. 0.9 and 0.999")
        }
        guard epsilon >= 0, weightDecay >= 0, weightDecay.isFinite else {
            throw ConfigurationError(
                option: epsilon < 0 ? "eps" : "wd", problem: "is negative or not finite", fix: "use a value ≥ 0")
        }
    }
}

/// PyTorch's `torch.optim.AdamW` (non-amsgrad, single-tensor path), step t = 1, 2, …:
///   θ ← θ − lr·wd·θ                                   (decoupled decay, not through the gradient)
///   m ← β1·m + (1−β1)·g;   v ← β2·v + (1−β2)·g²
///   θ ← θ − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
/// The moments are parameters of the same shape and precision as the weights (saved in
/// checkpoints); the update runs in that precision. `AdamW` is the float32 optimizer.
public struct AdamWOf<Scalar: EngineScalar>: Sendable, Equatable {
    public var options: AdamWOptions
    public var firstMoment: MLPParametersOf<Scalar>
    public var secondMoment: MLPParametersOf<Scalar>
    /// Number of updates applied so far (PyTorch's `state["step"]`).
    public var step: Int = 0

    public init(options: AdamWOptions, shape: ModelShape) {
        self.options = options
        self.firstMoment = MLPParametersOf<Scalar>(zerosFor: shape)
        self.secondMoment = MLPParametersOf<Scalar>(zerosFor: shape)
    }

    /// One update of `parameters` with `gradients`: one loop over the flat buffers (the C loop of
    /// `EngineKernels` on the vector path, the same operations in the same order).
    public mutating func update(
        _ parameters: inout MLPParametersOf<Scalar>, gradients: MLPParametersOf<Scalar>,
        path: KernelPath = .preferred
    ) {
        step += 1
        let t = Double(step)
        let decay = Scalar(1 - options.learningRate * options.weightDecay)
        let beta1 = Scalar(options.beta1)
        let beta2 = Scalar(options.beta2)
        let stepSize = Scalar(options.learningRate / (1 - Foundation.pow(options.beta1, t)))
        let correction2Root = Scalar((1 - Foundation.pow(options.beta2, t)).squareRoot())
        let epsilon = Scalar(options.epsilon)
        let count = parameters.values.count
        parameters.values.withUnsafeMutableBufferPointer { p in
            gradients.values.withUnsafeBufferPointer { g in
                firstMoment.values.withUnsafeMutableBufferPointer { m in
                    secondMoment.values.withUnsafeMutableBufferPointer { v in
                        if path.runsVector(Scalar.self), count > 0 {
                            ek_adamw_f32(
                                LayerKernels.float(p.baseAddress!), LayerKernels.float(g.baseAddress!),
                                LayerKernels.float(m.baseAddress!), LayerKernels.float(v.baseAddress!), count,
                                Float(beta1), Float(beta2), Float(decay), Float(stepSize), Float(correction2Root),
                                Float(epsilon))
                            return
                        }
                        for i in 0..<count {
                            let gradient = g[i]
                            m[i] = beta1 * m[i] + (1 - beta1) * gradient
                            v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient
                            let denominator = v[i].squareRoot() / correction2Root + epsilon
                            p[i] = p[i] * decay - stepSize * m[i] / denominator
                        }
                    }
                }
            }
        }
    }
}

/// The float32 optimizer (the default precision).
public typealias AdamW = AdamWOf<Float>
