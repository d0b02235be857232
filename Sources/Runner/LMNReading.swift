/// One LMN measurement: the value, and why something went wrong if it did. A reading can carry both:
/// a `--dump-lmn-matrix` file that cannot be written loses the file, never the LMN.
public struct LMNReading: Sendable, Equatable {
    public var value: Double?
    /// What went wrong, without the step (the session reports a problem once, not at every LMN step).
    public var problem: String?

    public init(value: Double?, problem: String? = nil) {
        self.value = value
        self.problem = problem
    }
}
