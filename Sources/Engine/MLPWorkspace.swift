/// Activation and gradient buffers for batches of up to `capacity` rows, allocated once so that a
/// training step allocates nothing. Not thread-safe: one workspace per training loop.
public final class MLPWorkspaceOf<Scalar: EngineScalar> {
    public let capacity: Int
    /// N×(2·emb): the concatenated embeddings, input of `layers[0]`.
    let input: UnsafeMutablePointer<Scalar>
    /// dL/d(input), N×(2·emb), scattered into the embedding gradient.
    let inputGradient: UnsafeMutablePointer<Scalar>
    /// Per layer k: pre-activations N×out_k (the last one holds the logits).
    let preActivations: [UnsafeMutablePointer<Scalar>]
    /// Per hidden layer k: σ(pre-activations) N×out_k.
    let activations: [UnsafeMutablePointer<Scalar>]
    /// Per layer k: dL/d(pre-activations) N×out_k (the last one is dL/dlogits, written by the loss).
    let preActivationGradients: [UnsafeMutablePointer<Scalar>]
    /// Per hidden layer k: the sigmoid of the pre-activations (SiLU's backward reuses it).
    let sigmoidCaches: [UnsafeMutablePointer<Scalar>]
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
        activations = layers.dropLast().map { buffer($0.outputs) }
        preActivationGradients = layers.map { buffer($0.outputs) }
        sigmoidCaches = layers.dropLast().map { buffer($0.outputs) }
        activationGradient = buffer(shape.hiddenWidths.max() ?? 1)
        all =
            [input, inputGradient, activationGradient] + preActivations + activations + preActivationGradients
            + sigmoidCaches
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
