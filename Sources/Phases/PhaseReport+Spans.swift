/// A phase over a closed step range, for phase bands and the report's "phases" line.
public struct PhaseSpan: Sendable, Equatable {
    public var phase: Phase
    public var steps: ClosedRange<Int>
    /// Whether the boundary that opens this span is confirmed (memorization always is).
    public var isConfirmed: Bool

    public init(phase: Phase, steps: ClosedRange<Int>, isConfirmed: Bool) {
        self.phase = phase
        self.steps = steps
        self.isConfirmed = isConfirmed
    }
}

extension PhaseReport {
    /// The phases over `first...last`, in order, consistent with `phase(at:)`: each span runs from its
    /// boundary to the step before the next one. Everything that draws or names phases uses this.
    public func spans(first: Int, last: Int, includingTentative: Bool = false) -> [PhaseSpan] {
        guard evaluationCount > 0, first <= last else { return [] }
        func usable(_ b: PhaseBoundary?) -> PhaseBoundary? {
            guard let b, b.isConfirmed || includingTentative else { return nil }
            return b
        }
        let tMem = usable(memorization)
        let tGen = usable(generalization)
        var edges: [(phase: Phase, start: Int, confirmed: Bool)] = [(.memorization, Int.min, true)]
        if let tMem, tGen.map({ tMem.step < $0.step }) ?? true {
            edges.append((.memorized, tMem.step, tMem.isConfirmed))
            // Compression is drawn only once confirmed: a tentative streak is not evidence yet.
            if let c = compressionStart, c.isConfirmed, c.step >= tMem.step, tGen.map({ c.step < $0.step }) ?? true {
                edges.append((.compression, c.step, c.isConfirmed))
            }
        }
        if let tGen { edges.append((.generalization, tGen.step, tGen.isConfirmed)) }
        var spans: [PhaseSpan] = []
        for (i, edge) in edges.enumerated() {
            let end = i + 1 < edges.count ? edges[i + 1].start - 1 : Int.max
            let lower = max(edge.start, first)
            let upper = min(end, last)
            if lower <= upper {
                spans.append(PhaseSpan(phase: edge.phase, steps: lower...upper, isConfirmed: edge.confirmed))
            }
        }
        return spans
    }
}
