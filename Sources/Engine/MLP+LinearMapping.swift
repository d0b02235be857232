/// One affine layer of the network tail in `Double`, for LMN (Metrics evaluates T(h) in Double).
public struct AffineLayerWeights: Sendable, Equatable {
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

extension MLPOf {
    /// Valid starting layers for LMN: 0 (the concatenated embeddings) … layerCount − 1.
    public var linearMappingStarts: ClosedRange<Int> { 0...(layers.count - 1) }

    /// The input of `layers[layer]` for each example, in `Double`, N×width row-major: for layer 0 the
    /// concatenated embeddings (width 2·emb), for layer k ≥ 1 the post-activation output of hidden
    /// layer k−1 (layer 1 = the first hidden layer, the paper's LMN start).
    @_specialize(where Scalar == Float)
    public func hiddenOutputs(layer: Int, inputs: [Example]) throws -> [Double] {
        try checkStart(layer)
        guard !inputs.isEmpty else { return [] }
        let workspace = MLPWorkspaceOf<Scalar>(shape: shape, capacity: inputs.count)
        inputs.withUnsafeBufferPointer { forward($0.baseAddress!, rows: inputs.count, workspace: workspace) }
        let width = layers[layer].inputs
        return UnsafeBufferPointer(start: workspace.layerInput(layer), count: inputs.count * width).map { Double($0) }
    }

    /// The network from `layers[layer]` to the logits, as `Double` weights: T(h) = L_last(…σ(L_layer(h))).
    /// Every layer but the last carries the model's activation.
    public func tailLayers(from layer: Int) throws -> [AffineLayerWeights] {
        try checkStart(layer)
        return (layer..<layers.count).map { k in
            AffineLayerWeights(
                weights: parameters.tensor(parameters.weightSlot(layer: k)).map { Double($0) },
                bias: parameters.tensor(parameters.biasSlot(layer: k)).map { Double($0) },
                inputs: layers[k].inputs, outputs: layers[k].outputs,
                activation: k == layers.count - 1 ? nil : shape.activation)
        }
    }

    private func checkStart(_ layer: Int) throws {
        guard linearMappingStarts.contains(layer) else {
            throw ConfigurationError(
                option: "lmn-from", problem: "is \(layer); this network has layers 0…\(layers.count - 1)",
                fix: "use 1 (output of the first hidden layer, the paper's choice) or 0 (the embeddings)")
        }
    }
}
