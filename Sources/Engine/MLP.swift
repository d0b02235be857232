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
    /// `workspace.logits` (N×classes). Each layer's product runs with β = 0, then its bias (and for
    /// SiLU the activation, in place) in one fused pass. When the batch has more rows than 2·vocabulary,
    /// the first product goes through token tables (`Embedding+TokenSums.swift`).
    @_specialize(where Scalar == Float)  // callers in other modules (LMN, tests) get float32 code
    public func forward(
        _ examples: UnsafePointer<Example>, rows: Int, workspace: MLPWorkspaceOf<Scalar>,
        path: KernelPath = .preferred
    ) {
        precondition(
            rows <= workspace.capacity, "forward: \(rows) rows exceed the workspace capacity \(workspace.capacity)")
        let activation = shape.activation
        let embedding = shape.embedding
        let tokens = embedding.tokenSumsPay(rows: rows)
        parameters.values.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            if !tokens {  // the N×2d input rows, needed only by the plain first layer
                embedding.forward(examples, rows: rows, table: base, into: workspace.input, path: path)
            }
            for (k, layer) in layers.enumerated() {
                let weight = base + parameters.weightSlot(layer: k).offset
                let bias = base + parameters.biasSlot(layer: k).offset
                let z = workspace.preActivations[k]
                if k == 0 && tokens {
                    embedding.tokenInputs(table: base, into: workspace.tokenInputs)
                    Scalar.gemm(
                        transposeA: false, transposeB: true, m: 2 * embedding.vocabulary, n: layer.outputs,
                        k: layer.inputs, alpha: 1, a: workspace.tokenInputs, b: weight, beta: 0,
                        c: workspace.tokenOutputs)
                    embedding.tokenRows(
                        workspace.tokenOutputs, width: layer.outputs, examples: examples, rows: rows, into: z,
                        path: path)
                } else {
                    Scalar.gemm(
                        transposeA: false, transposeB: true, m: rows, n: layer.outputs, k: layer.inputs,
                        alpha: 1, a: workspace.layerInput(k), b: weight, beta: 0, c: z)
                }
                if k == layers.count - 1 {
                    LayerKernels.addBias(z, bias: bias, rows: rows, columns: layer.outputs, path: path)
                } else if activation == .silu {
                    LayerKernels.biasSiLU(
                        z, bias: bias, rows: rows, columns: layer.outputs, activations: workspace.activations[k],
                        sigmoid: workspace.sigmoidCaches[k], path: path)
                } else {
                    LayerKernels.addBias(z, bias: bias, rows: rows, columns: layer.outputs, path: path)
                    activation.forward(z, into: workspace.activations[k], count: rows * layer.outputs)
                }
            }
        }
    }

    /// Accumulates dL/dθ into `gradients`, given dL/dlogits in `workspace.logitGradient` and the
    /// activations of the matching `forward` (same rows and `path`: the backward reads what it stored).
    @_specialize(where Scalar == Float)  // callers in other modules (LMN, tests) get float32 code
    public func backward(
        _ examples: UnsafePointer<Example>, rows: Int, workspace: MLPWorkspaceOf<Scalar>,
        gradients: inout MLPParametersOf<Scalar>, path: KernelPath = .preferred
    ) {
        let activation = shape.activation
        let embedding = shape.embedding
        let tokens = embedding.tokenSumsPay(rows: rows)
        parameters.values.withUnsafeBufferPointer { p in
            gradients.values.withUnsafeMutableBufferPointer { g in
                let base = p.baseAddress!
                let gradientBase = g.baseAddress!
                for k in stride(from: layers.count - 1, through: 0, by: -1) {
                    let layer = layers[k]
                    let weight = base + parameters.weightSlot(layer: k).offset
                    let weightGradient = gradientBase + parameters.weightSlot(layer: k).offset
                    let dz = workspace.preActivationGradients[k]
                    // A hidden SiLU layer's bias gradient was summed by the fused SiLU backward below.
                    let fusedBias = activation == .silu && k < layers.count - 1
                    let biasGradient = fusedBias ? nil : gradientBase + parameters.biasSlot(layer: k).offset
                    if k == 0 && tokens {
                        // dW += Sᵀ·T and dE from S·W, with S the token sums of dz.
                        embedding.tokenSums(
                            dz, width: layer.outputs, examples: examples, rows: rows, into: workspace.tokenSums,
                            path: path)
                        Scalar.gemm(
                            transposeA: true, transposeB: false, m: layer.outputs, n: layer.inputs,
                            k: 2 * embedding.vocabulary, alpha: 1, a: workspace.tokenSums, b: workspace.tokenInputs,
                            beta: 1, c: weightGradient)
                        if let biasGradient {
                            LayerKernels.addColumnSums(
                                dz, rows: rows, columns: layer.outputs, into: biasGradient, path: path)
                        }
                        embedding.tableGradient(
                            sums: workspace.tokenSums, width: layer.outputs, weight: weight,
                            products: workspace.tokenProducts, into: gradientBase)
                        break
                    }
                    let inputGradient = k == 0 ? workspace.inputGradient : workspace.activationGradient
                    layer.backward(
                        workspace.layerInput(k), rows: rows, weight: weight, outputGradient: dz,
                        weightGradient: weightGradient, biasGradient: biasGradient, inputGradient: inputGradient,
                        path: path)
                    if k == 0 {
                        embedding.backward(
                            examples, rows: rows, outputGradient: workspace.inputGradient, tableGradient: gradientBase,
                            path: path)
                    } else if activation == .silu {
                        LayerKernels.siluBackward(
                            outputGradient: inputGradient, activations: workspace.activations[k - 1],
                            sigmoid: workspace.sigmoidCaches[k - 1], rows: rows, columns: layer.inputs,
                            into: workspace.preActivationGradients[k - 1],
                            biasGradient: gradientBase + parameters.biasSlot(layer: k - 1).offset, path: path)
                    } else {
                        activation.backward(
                            workspace.preActivations[k - 1], outputGradient: inputGradient,
                            into: workspace.preActivationGradients[k - 1], count: rows * layer.inputs)
                    }
                }
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
    public func gradients(for examples: [Example], loss: LossKind, path: KernelPath = .preferred) -> (
        result: LossResult, gradients: MLPParametersOf<Scalar>
    ) {
        var gradients = MLPParametersOf<Scalar>(zerosFor: shape)
        guard !examples.isEmpty else { return (LossResult(loss: 0, correct: 0, rows: 0), gradients) }
        let workspace = MLPWorkspaceOf<Scalar>(shape: shape, capacity: examples.count)
        let result = examples.withUnsafeBufferPointer { e in
            forward(e.baseAddress!, rows: examples.count, workspace: workspace, path: path)
            let result = loss.evaluate(
                logits: workspace.logits, rows: examples.count, classes: shape.classes, examples: e.baseAddress!,
                gradient: workspace.logitGradient, path: path)
            backward(e.baseAddress!, rows: examples.count, workspace: workspace, gradients: &gradients, path: path)
            return result
        }
        return (result, gradients)
    }
}

/// The float32 network (the default precision).
public typealias MLP = MLPOf<Float>
