/// The grokking network: `concat(emb a, emb b)` → Linear → σ → … → Linear → logits.
/// A value: copying it snapshots the weights (the runner hands copies to LMN). Generic over the
/// training precision; `MLP` is the float32 network.
public struct MLPOf<Scalar: EngineScalar>: Sendable {
    public var parameters: MLPParametersOf<Scalar>
    public let layers: [Linear]
    public var shape: ModelShape { parameters.shape }

    public init(parameters: MLPParametersOf<Scalar>) {
        self.parameters = parameters
        self.layers = parameters.shape.layers
    }

    /// A freshly initialized network (PyTorch-style init times α; see `MLPParameters`).
    public init(shape: ModelShape, initScale: Double = 1, generator: inout SplitMix64) {
        self.init(parameters: MLPParametersOf<Scalar>(initializing: shape, initScale: initScale, generator: &generator))
    }

    /// Fills the workspace with every layer's activations for `rows` examples; logits end up in
    /// `workspace.logits` (N×classes).
    @_specialize(where Scalar == Float)  // callers in other modules (LMN, tests) get float32 code
    public func forward(_ examples: UnsafePointer<Example>, rows: Int, workspace: MLPWorkspaceOf<Scalar>) {
        precondition(
            rows <= workspace.capacity, "forward: \(rows) rows exceed the workspace capacity \(workspace.capacity)")
        let activation = shape.activation
        parameters.values.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            shape.embedding.forward(examples, rows: rows, table: base, into: workspace.input)
            for (k, layer) in layers.enumerated() {
                layer.forward(
                    workspace.layerInput(k), rows: rows, weight: base + parameters.weightSlot(layer: k).offset,
                    bias: base + parameters.biasSlot(layer: k).offset, into: workspace.preActivations[k])
                if k < layers.count - 1 {
                    activation.forward(
                        workspace.preActivations[k], into: workspace.activations[k], count: rows * layer.outputs,
                        sigmoidCache: workspace.sigmoidCaches[k])
                }
            }
        }
    }

    /// Accumulates dL/dθ into `gradients`, given dL/dlogits in `workspace.logitGradient` and the
    /// activations of the matching `forward`.
    @_specialize(where Scalar == Float)  // callers in other modules (LMN, tests) get float32 code
    public func backward(
        _ examples: UnsafePointer<Example>, rows: Int, workspace: MLPWorkspaceOf<Scalar>,
        gradients: inout MLPParametersOf<Scalar>
    ) {
        let activation = shape.activation
        parameters.values.withUnsafeBufferPointer { p in
            gradients.values.withUnsafeMutableBufferPointer { g in
                let base = p.baseAddress!
                let gradientBase = g.baseAddress!
                for k in stride(from: layers.count - 1, through: 0, by: -1) {
                    let layer = layers[k]
                    let inputGradient = k == 0 ? workspace.inputGradient : workspace.activationGradient
                    layer.backward(
                        workspace.layerInput(k), rows: rows, weight: base + parameters.weightSlot(layer: k).offset,
                        outputGradient: workspace.preActivationGradients[k],
                        weightGradient: gradientBase + parameters.weightSlot(layer: k).offset,
                        biasGradient: gradientBase + parameters.biasSlot(layer: k).offset,
                        inputGradient: inputGradient)
                    if k > 0 {
                        activation.backward(
                            workspace.preActivations[k - 1], outputGradient: inputGradient,
                            into: workspace.preActivationGradients[k - 1], count: rows * layer.inputs,
                            sigmoidCache: workspace.sigmoidCaches[k - 1])
                    }
                }
                shape.embedding.backward(
                    examples, rows: rows, outputGradient: workspace.inputGradient, tableGradient: gradientBase)
            }
        }
    }

    /// Logits (N×classes, row-major) for any examples; allocates its own workspace.
    public func logits(for examples: [Example]) -> [Scalar] {
        guard !examples.isEmpty else { return [] }
        let workspace = MLPWorkspaceOf<Scalar>(shape: shape, capacity: examples.count)
        examples.withUnsafeBufferPointer { forward($0.baseAddress!, rows: examples.count, workspace: workspace) }
        return Array(UnsafeBufferPointer(start: workspace.logits, count: examples.count * shape.classes))
    }

    /// Loss and accuracy on `examples` (no gradient); allocates a workspace.
    public func evaluate(_ examples: [Example], loss: LossKind) -> LossResult {
        guard !examples.isEmpty else { return LossResult(loss: 0, correct: 0, rows: 0) }
        return evaluate(examples, loss: loss, workspace: MLPWorkspaceOf<Scalar>(shape: shape, capacity: examples.count))
    }

    /// Loss and accuracy on `examples` in a reusable workspace of at least `examples.count` rows
    /// (periodic evaluation without allocating).
    @_specialize(where Scalar == Float)  // callers in other modules (LMN, tests) get float32 code
    public func evaluate(_ examples: [Example], loss: LossKind, workspace: MLPWorkspaceOf<Scalar>) -> LossResult {
        guard !examples.isEmpty else { return LossResult(loss: 0, correct: 0, rows: 0) }
        return examples.withUnsafeBufferPointer { e in
            forward(e.baseAddress!, rows: examples.count, workspace: workspace)
            return loss.evaluate(
                logits: workspace.logits, rows: examples.count, classes: shape.classes, examples: e.baseAddress!,
                gradient: nil)
        }
    }

    /// Loss and dL/dθ on `examples` in one call (gradient checks and tools; allocates).
    public func gradients(for examples: [Example], loss: LossKind) -> (
        result: LossResult, gradients: MLPParametersOf<Scalar>
    ) {
        var gradients = MLPParametersOf<Scalar>(zerosFor: shape)
        guard !examples.isEmpty else { return (LossResult(loss: 0, correct: 0, rows: 0), gradients) }
        let workspace = MLPWorkspaceOf<Scalar>(shape: shape, capacity: examples.count)
        let result = examples.withUnsafeBufferPointer { e in
            forward(e.baseAddress!, rows: examples.count, workspace: workspace)
            let result = loss.evaluate(
                logits: workspace.logits, rows: examples.count, classes: shape.classes, examples: e.baseAddress!,
                gradient: workspace.logitGradient)
            backward(e.baseAddress!, rows: examples.count, workspace: workspace, gradients: &gradients)
            return result
        }
        return (result, gradients)
    }
}

/// The float32 network (the default precision).
public typealias MLP = MLPOf<Float>
