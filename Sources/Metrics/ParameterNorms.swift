import Engine

/// L2 norms of the parameters (docs/lmn.md): over all of them, embeddings and biases included,
/// and per layer. Layer names: `embedding`, `layers.0`, `layers.1`, …, and `out` for the output
/// layer, kept separate because AdamW's "slingshot" spikes show in its norm.
public struct ParameterNorms: Sendable, Equatable {
    /// sqrt(Σ θ²) over every trainable value.
    public var total: Double
    /// (layer name, norm over that layer's weight and bias), in network order.
    public var layers: [(name: String, norm: Double)]

    public static func == (lhs: ParameterNorms, rhs: ParameterNorms) -> Bool {
        lhs.total == rhs.total && lhs.layers.map(\.name) == rhs.layers.map(\.name)
            && lhs.layers.map(\.norm) == rhs.layers.map(\.norm)
    }

    /// The per-layer name of Linear layer `k` among `count` layers.
    public static func layerName(_ k: Int, of count: Int) -> String {
        k == count - 1 ? "out" : "layers.\(k)"
    }

    /// Norms accumulated in `Double`.
    public init(_ parameters: MLPParameters) {
        func sumOfSquares(_ slot: TensorSlot) -> Double {
            parameters.values[slot.range].reduce(0) { $0 + Double($1) * Double($1) }
        }
        var layers: [(String, Double)] = [("embedding", sumOfSquares(parameters.embeddingSlot))]
        for k in 0..<parameters.layerCount {
            let squares = sumOfSquares(parameters.weightSlot(layer: k)) + sumOfSquares(parameters.biasSlot(layer: k))
            layers.append((Self.layerName(k, of: parameters.layerCount), squares))
        }
        self.total = layers.reduce(0) { $0 + $1.1 }.squareRoot()
        self.layers = layers.map { (name: $0.0, norm: $0.1.squareRoot()) }
    }
}
