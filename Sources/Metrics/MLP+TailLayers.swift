import Engine

extension MLPOf {
    /// The network from `layers[layer]` to the logits, as `Double` weights: T(h) = L_last(…σ(L_layer(h))).
    /// Every layer but the last carries the model's activation.
    public func tailLayers(from layer: Int) throws -> [TailLayer] {
        guard linearMappingStarts.contains(layer) else {
            throw ConfigurationError(
                option: "lmn-from", problem: "is \(layer); this network has layers 0…\(layers.count - 1)",
                fix: "use 1 (output of the first hidden layer, the paper's choice) or 0 (the embeddings)")
        }
        return (layer..<layers.count).map { k in
            TailLayer(
                weights: parameters.tensor(parameters.weightSlot(layer: k)).map { Double($0) },
                bias: parameters.tensor(parameters.biasSlot(layer: k)).map { Double($0) },
                inputs: layers[k].inputs, outputs: layers[k].outputs,
                activation: k == layers.count - 1 ? nil : shape.activation)
        }
    }
}
