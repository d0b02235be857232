/// Why an LMN could not be computed: what went wrong, where, and what to do.
public struct LMNError: Error, Equatable, CustomStringConvertible {
    enum Kind: Equatable {
        case emptyTail
        case layerShape(layer: Int, expectedInputs: Int, inputs: Int, outputs: Int, weights: Int, bias: Int)
        case nonFiniteParameters(layer: Int)
        case noProbes
        case hiddenShape(count: Int, width: Int, values: Int)
        case nonFiniteHidden
        case eigenSolverFailed(info: Int32)
        case connectivityShape(count: Int, values: Int)
        case nonFiniteConnectivity
        case badOption(String)
    }

    let kind: Kind
    init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .emptyTail:
            return "LMN: the network tail has no layers; pass at least the logits layer."
        case .layerShape(let layer, let expected, let inputs, let outputs, let weights, let bias):
            return "LMN: tail layer \(layer) is malformed (expects \(expected) inputs, "
                + "declares \(inputs)→\(outputs), has \(weights) weights and \(bias) biases); "
                + "weights must be outputs×inputs row-major."
        case .nonFiniteParameters(let layer):
            return
                "LMN: tail layer \(layer) has NaN or infinite parameters (training diverged?); skip LMN at this step."
        case .noProbes:
            return "LMN: the probe set is empty; use at least one probe (default 128)."
        case .hiddenShape(let count, let width, let values):
            return "LMN: expected \(count) probe representations of width \(width) (\(count * width) values), "
                + "got \(values); pass the first hidden layer's outputs as a count×width row-major array."
        case .nonFiniteHidden:
            return "LMN: the probe representations contain NaN or infinity (training diverged?); skip LMN at this step."
        case .eigenSolverFailed(let info):
            return "LMN: LAPACK dsyevd failed to converge (info \(info)); the connectivity matrix may be corrupt."
        case .connectivityShape(let count, let values):
            return "LMN: a connectivity matrix for \(count) probes needs \(count * count) values, got \(values)."
        case .nonFiniteConnectivity:
            return "LMN: the connectivity matrix has NaN or infinite entries (the tail overflowed on these probes); "
                + "skip LMN at this step."
        case .badOption(let message):
            return "LMN: \(message)"
        }
    }
}
