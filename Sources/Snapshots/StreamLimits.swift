/// What a reader accepts from a stream it did not write (docs/limits.md). Values outside these bounds
/// are refused at the door, so no consumer (monitor, charts, reports) does arithmetic that overflows.
public enum StreamLimits {
    /// Steps (evaluations, events, ends) lie in −2^53…2^53 and `total_steps` in 0…2^53: exactly
    /// representable as a JSON number and a `Double`, and far enough from `Int.min`/`Int.max` that
    /// differences of steps cannot overflow. A record with another step is skipped and counted.
    public static let maxStep = 1 << 53
    /// Distinct metric names kept per stream; later new names are dropped (counted in
    /// `StreamDiagnostics.droppedSeries`), so a writer with a name per record cannot exhaust memory.
    public static let maxMetricSeries = 256
    /// A header's `probe_size` above this is treated as unknown.
    public static let maxProbeSize = 1 << 31

    static func stepProblem(_ step: Int, field: String = "step") -> String? {
        (-maxStep...maxStep).contains(step) ? nil : "\"\(field)\" \(step) is outside ±2^53 (docs/limits.md)"
    }

    /// Why `record` is refused, or nil when it is within the limits.
    static func problem(with record: Record) -> String? {
        switch record {
        case .header(let header):
            return header.totalSteps.flatMap {
                $0 < 0 ? "\"total_steps\" \($0) is negative" : stepProblem($0, field: "total_steps")
            }
        case .evaluation(let evaluation): return stepProblem(evaluation.step)
        case .event(let event): return stepProblem(event.step)
        case .end(let end): return stepProblem(end.step)
        }
    }
}
