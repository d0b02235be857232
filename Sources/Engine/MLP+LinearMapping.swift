/// What LMN needs from the model that only the engine can compute: the input of any layer for a batch
/// of examples (Metrics turns the weights into its `TailLayer`s itself; docs/lmn.md).
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
        if layer == 0 {
            // The concatenated embeddings (`forward` skips them when the first layer runs on token tables).
            return shape.embedding.forward(inputs, table: parameters.tensor(parameters.embeddingSlot)).map {
                Double($0)
            }
        }
        let workspace = MLPWorkspaceOf<Scalar>(shape: shape, capacity: inputs.count)
        inputs.withUnsafeBufferPointer { forward($0.baseAddress!, rows: inputs.count, workspace: workspace) }
        let width = layers[layer].inputs
        return UnsafeBufferPointer(start: workspace.layerInput(layer), count: inputs.count * width).map { Double($0) }
    }

    private func checkStart(_ layer: Int) throws {
        guard linearMappingStarts.contains(layer) else {
            throw ConfigurationError(
                option: "lmn-from", problem: "is \(layer); this network has layers 0…\(layers.count - 1)",
                fix: "use 1 (output of the first hidden layer, the paper's choice) or 0 (the embeddings)")
        }
    }
}
