/// Activation and gradient buffers for batches of up to `capacity` rows, allocated once so that a
/// training step allocates nothing. Not thread-safe: one workspace per training loop.
public final class MLPWorkspaceOf<Scalar: EngineScalar> {
    public let capacity: Int
    /// N×(2·emb): the concatenated embeddings, input of `layers[0]` (not filled when the first layer
    /// runs on token tables, see `Embedding+TokenSums.swift`).
    let input: UnsafeMutablePointer<Scalar>
    /// dL/d(input), N×(2·emb), scattered into the embedding gradient.
    let inputGradient: UnsafeMutablePointer<Scalar>
    /// Per layer k: pre-activations N×out_k (the last one holds the logits).
    let preActivations: [UnsafeMutablePointer<Scalar>]
    /// Per hidden layer k: σ(pre-activations) N×out_k. For SiLU the same buffers as
    /// `preActivations`: the fused forward overwrites each product with its activation in place (one
    /// stream less to memory; SiLU's backward needs only the activations and `sigmoidCaches`).
    let activations: [UnsafeMutablePointer<Scalar>]
    /// Per layer k: dL/d(pre-activations) N×out_k (the last one is dL/dlogits, written by the loss);
    /// the hidden layers' are one shared buffer.
    let preActivationGradients: [UnsafeMutablePointer<Scalar>]
    /// Per hidden layer k: the sigmoid of the pre-activations (SiLU's backward reuses it).
    let sigmoidCaches: [UnsafeMutablePointer<Scalar>]
    /// The first layer by token tables (`Embedding+TokenSums.swift`): T (2V×2·emb), P = T·Wᵀ
    /// (2V×width), the first layer's dL/dz summed by token S (2V×width), and S·W (2V×2·emb).
    let tokenInputs: UnsafeMutablePointer<Scalar>
    let tokenOutputs: UnsafeMutablePointer<Scalar>
    let tokenSums: UnsafeMutablePointer<Scalar>
    let tokenProducts: UnsafeMutablePointer<Scalar>
    /// dL/d(activations) of the widest hidden layer, reused layer after layer.
    let activationGradient: UnsafeMutablePointer<Scalar>
    private let all: [UnsafeMutablePointer<Scalar>]

    public init(shape: ModelShape, capacity: Int) {
        func buffer(_ width: Int) -> UnsafeMutablePointer<Scalar> {
            let pointer = UnsafeMutablePointer<Scalar>.allocate(capacity: max(1, capacity * width))
            pointer.initialize(repeating: 0, count: max(1, capacity * width))
            return pointer
        }
        let layers = shape.layers
        self.capacity = capacity
        input = buffer(2 * shape.embeddingDimension)
        inputGradient = buffer(2 * shape.embeddingDimension)
        preActivations = layers.map { buffer($0.outputs) }
        activations =
            shape.activation == .silu ? Array(preActivations.dropLast()) : layers.dropLast().map { buffer($0.outputs) }
        // The hidden layers' dL/dz share one buffer: layer k's is dead once its backward has run,
        // before layer k−1's is written (a smaller working set for the cache).
        let hiddenGradient = buffer(shape.hiddenWidths.max() ?? 1)
        preActivationGradients = layers.dropLast().map { _ in hiddenGradient } + [buffer(layers.last!.outputs)]
        sigmoidCaches = layers.dropLast().map { buffer($0.outputs) }
        activationGradient = buffer(shape.hiddenWidths.max() ?? 1)
        // Fixed sizes, not per row: `buffer` multiplies by capacity, so size them directly.
        func fixed(_ count: Int) -> UnsafeMutablePointer<Scalar> {
            let pointer = UnsafeMutablePointer<Scalar>.allocate(capacity: max(1, count))
            pointer.initialize(repeating: 0, count: max(1, count))
            return pointer
        }
        // Allocated only when some batch can use them (2V ≤ rows ≤ capacity): then they are smaller
        // than the N-row buffers above, so the memory budget of the N-row buffers still bounds them.
        let tokenRows = shape.embedding.tokenSumsPay(rows: capacity) ? 2 * shape.vocabulary : 0
        tokenInputs = fixed(tokenRows * 2 * shape.embeddingDimension)
        tokenOutputs = fixed(tokenRows * layers[0].outputs)
        tokenSums = fixed(tokenRows * layers[0].outputs)
        tokenProducts = fixed(tokenRows * 2 * shape.embeddingDimension)
        all =
            [
                input, inputGradient, activationGradient, hiddenGradient, tokenInputs, tokenOutputs, tokenSums,
                tokenProducts,
            ]
            + preActivations
            + [preActivationGradients.last!] + sigmoidCaches
            + (shape.activation == .silu ? [] : activations)
    }

    deinit {
        for pointer in all { pointer.deallocate() }
    }

    /// The logits of the last forward pass, N×classes.
    public var logits: UnsafePointer<Scalar> { UnsafePointer(preActivations[preActivations.count - 1]) }
    /// Where the loss writes dL/dlogits before `backward`.
    public var logitGradient: UnsafeMutablePointer<Scalar> { preActivationGradients[preActivationGradients.count - 1] }

    /// The input of `layers[k]` from the last forward pass: the embeddings for k = 0, else σ of layer k−1.
    func layerInput(_ k: Int) -> UnsafePointer<Scalar> {
        UnsafePointer(k == 0 ? input : activations[k - 1])
    }
}

public typealias MLPWorkspace = MLPWorkspaceOf<Float>
