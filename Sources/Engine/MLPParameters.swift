/// Shape of the MLP: `concat(emb a, emb b)` → Linear → σ → … → Linear → classes.
public struct ModelShape: Codable, Sendable, Equatable {
    public var vocabulary: Int
    public var embeddingDimension: Int
    public var hiddenWidths: [Int]
    public var classes: Int
    public var activation: Activation

    public init(vocabulary: Int, embeddingDimension: Int, hiddenWidths: [Int], classes: Int, activation: Activation) {
        self.vocabulary = vocabulary
        self.embeddingDimension = embeddingDimension
        self.hiddenWidths = hiddenWidths
        self.classes = classes
        self.activation = activation
    }

    public var embedding: Embedding { Embedding(vocabulary: vocabulary, dimension: embeddingDimension) }

    /// The Linear layers in order; `layers[k]` reads the output of layer k−1 (k = 0: the embeddings).
    public var layers: [Linear] {
        let widths = [2 * embeddingDimension] + hiddenWidths + [classes]
        return (0..<(widths.count - 1)).map { Linear(inputs: widths[$0], outputs: widths[$0 + 1]) }
    }

    /// `"64→100→100→31 silu"`.
    public var summary: String {
        ([2 * embeddingDimension] + hiddenWidths + [classes]).map(String.init).joined(separator: "→")
            + " \(activation.rawValue), emb \(embeddingDimension)"
    }
}

/// Where one named tensor sits in the flat parameter buffer.
public struct TensorSlot: Sendable, Equatable {
    /// Checkpoint name: `embedding.weight`, `layers.<k>.weight`, `layers.<k>.bias`.
    public var name: String
    /// Row-major shape: embedding vocabulary×dim, weights out×in, biases [out].
    public var shape: [Int]
    public var offset: Int
    public var count: Int { shape.reduce(1, *) }
    public var range: Range<Int> { offset..<(offset + count) }
}

/// All trainable values of an MLP in one flat buffer (llm.c style) of the training precision: the
/// optimizer sweeps it in one loop, gradients and AdamW moments are values of this same type, and
/// `slots` name the parts. `MLPParameters` is the float32 one.
public struct MLPParametersOf<Scalar: EngineScalar>: Sendable, Equatable {
    public let shape: ModelShape
    public let slots: [TensorSlot]
    public var values: [Scalar]

    /// All zeros (the starting point of gradients and moments).
    public init(zerosFor shape: ModelShape) {
        var slots: [TensorSlot] = []
        var offset = 0
        func add(_ name: String, _ dims: [Int]) {
            slots.append(TensorSlot(name: name, shape: dims, offset: offset))
            offset += dims.reduce(1, *)
        }
        add("embedding.weight", [shape.vocabulary, shape.embeddingDimension])
        for (k, layer) in shape.layers.enumerated() {
            add("layers.\(k).weight", [layer.outputs, layer.inputs])
            add("layers.\(k).bias", [layer.outputs])
        }
        self.shape = shape
        self.slots = slots
        self.values = [Scalar](repeating: 0, count: offset)
    }

    /// PyTorch's defaults scaled by `initScale` α: embeddings N(0, 1)·α; every Linear weight and bias
    /// U(−1/√fan_in, 1/√fan_in)·α. Draw order: embedding, then layer by layer weight then bias.
    public init(initializing shape: ModelShape, initScale: Double, generator: inout SplitMix64) {
        self.init(zerosFor: shape)
        let layers = shape.layers
        for (index, slot) in slots.enumerated() {
            if index == 0 {
                for i in slot.range { values[i] = Scalar(generator.nextStandardNormal() * initScale) }
            } else {
                let bound = 1 / Double(layers[(index - 1) / 2].inputs).squareRoot()
                for i in slot.range { values[i] = Scalar(generator.nextUniform(-bound, bound) * initScale) }
            }
        }
    }

    public var layerCount: Int { shape.hiddenWidths.count + 1 }
    public var embeddingSlot: TensorSlot { slots[0] }
    public func weightSlot(layer k: Int) -> TensorSlot { slots[1 + 2 * k] }
    public func biasSlot(layer k: Int) -> TensorSlot { slots[2 + 2 * k] }

    public func slot(named name: String) -> TensorSlot? { slots.first { $0.name == name } }

    /// A copy of one tensor's values.
    public func tensor(_ slot: TensorSlot) -> [Scalar] { Array(values[slot.range]) }

    /// The same values in another precision (a float32 view of float64 weights for LMN and norms).
    public func converted<Other: EngineScalar>(to _: Other.Type = Other.self) -> MLPParametersOf<Other> {
        var copy = MLPParametersOf<Other>(zerosFor: shape)
        copy.values = values.map { Other($0) }
        return copy
    }

    /// Sets every value to zero without reallocating.
    public mutating func zero() {
        values.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}

/// The float32 parameters (the default precision).
public typealias MLPParameters = MLPParametersOf<Float>
