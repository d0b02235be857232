import Engine

/// One affine layer of the network tail `T`, in `Double`: `y = σ(W·x + b)` (Metrics evaluates T(h) in
/// Double).
public struct TailLayer: Sendable, Equatable {
    public var inputs: Int
    public var outputs: Int
    /// outputs×inputs, row-major.
    public var weights: [Double]
    /// outputs.
    public var bias: [Double]
    /// σ applied after this layer; `nil` for the output layer.
    public var activation: Activation?

    public init(weights: [Double], bias: [Double], inputs: Int, outputs: Int, activation: Activation?) {
        self.weights = weights
        self.bias = bias
        self.inputs = inputs
        self.outputs = outputs
        self.activation = activation
    }
}

extension TailLayer {
    /// From the engine's `Float` parameters (widened exactly to `Double`; LMN is computed in `Double`).
    public init(widening weights: [Float], bias: [Float], inputs: Int, outputs: Int, activation: Activation?) {
        self.init(
            weights: weights.map(Double.init), bias: bias.map(Double.init), inputs: inputs, outputs: outputs,
            activation: activation)
    }

    /// The literal layer: `σ(W·x + b)` for one input vector, plain loops.
    public func evaluate(_ x: [Double]) -> [Double] {
        (0..<outputs).map { o in
            var sum = bias[o]
            for i in 0..<inputs { sum += weights[o * inputs + i] * x[i] }
            return activation?.apply(sum) ?? sum
        }
    }
}

/// The sub-network `T` from the first hidden layer's output `h` to the logits (docs/lmn.md).
/// For the paper net: `[Linear(100→100) + SiLU, Linear(100→K)]`.
public struct NetworkTail: Equatable, Sendable {
    public var layers: [TailLayer]

    public init(layers: [TailLayer]) { self.layers = layers }

    /// Width of `h`.
    public var inputWidth: Int { layers.first?.inputs ?? 0 }
    /// Number of logits `K`.
    public var outputWidth: Int { layers.last?.outputs ?? 0 }

    /// The literal `T(h)`.
    public func evaluate(_ h: [Double]) -> [Double] {
        layers.reduce(h) { x, layer in layer.evaluate(x) }
    }

    /// Checks shapes and finiteness, so that the LMN code can trust the tail.
    public func validate() throws {
        guard !layers.isEmpty else { throw LMNError(.emptyTail) }
        var width = layers[0].inputs
        for (index, layer) in layers.enumerated() {
            guard layer.inputs == width, layer.inputs > 0, layer.outputs > 0,
                layer.weights.count == layer.inputs * layer.outputs, layer.bias.count == layer.outputs
            else {
                throw LMNError(
                    .layerShape(
                        layer: index, expectedInputs: width, inputs: layer.inputs, outputs: layer.outputs,
                        weights: layer.weights.count, bias: layer.bias.count))
            }
            guard layer.weights.allSatisfy(\.isFinite), layer.bias.allSatisfy(\.isFinite) else {
                throw LMNError(.nonFiniteParameters(layer: index))
            }
            width = layer.outputs
        }
    }

    /// Validates the tail together with the probe representations `hidden` (`count × inputWidth`).
    func validate(hidden: [Double], count: Int) throws {
        try validate()
        guard count >= 1 else { throw LMNError(.noProbes) }
        guard hidden.count == count * inputWidth else {
            throw LMNError(.hiddenShape(count: count, width: inputWidth, values: hidden.count))
        }
        guard hidden.allSatisfy(\.isFinite) else { throw LMNError(.nonFiniteHidden) }
    }
}
