/// What a reader saw besides records: the numbers a monitor shows so that a damaged stream is never
/// silently taken for a clean one. All counts are cumulative over the life of the reader.
public struct StreamDiagnostics: Sendable, Equatable {
    /// A line that was not a record, and why.
    public struct LineProblem: Sendable, Equatable, CustomStringConvertible {
        /// 1-based line number in the stream (counting from the last restart after a truncation).
        public var line: Int
        public var reason: String
        /// "line 7: …"; sources without lines (TensorBoard records) use line 0 and say where in `reason`.
        public var description: String { line > 0 ? "line \(line): \(UntrustedText(reason))" : "\(UntrustedText(reason))" }

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    /// Complete lines seen (records, blank, skipped and ignored ones).
    public var linesRead = 0
    /// Records delivered.
    public var records = 0
    /// Empty or whitespace-only lines (not errors).
    public var blankLines = 0
    /// Lines that are not records: bad JSON, wrong field types, too long, after an incompatible header.
    public var skippedLines = 0
    /// The first skipped line and why.
    public var firstError: LineProblem?
    /// Of `skippedLines`, those longer than the reader's limit.
    public var oversizedLines = 0
    /// Well-formed objects of a record type this reader does not know (forward compatibility).
    public var ignoredRecords = 0
    /// The first record was not a header (the records are still delivered).
    public var headerMissing = false
    /// Headers after the first record.
    public var extraHeaders = 0
    /// Evaluations whose step equals the previous evaluation's step.
    public var duplicateSteps = 0
    /// Evaluations whose step is below the previous evaluation's step.
    public var decreasingSteps = 0
    /// The stream's header names a major version this reader does not read; no records after it.
    public var incompatibility: StreamFormatError?
    /// Times the reader was restarted because its file was truncated or replaced.
    public var restarts = 0
    /// Bytes after the last newline when the input ended, that did not form a complete record
    /// (a writer stopped mid-line). Not counted in `skippedLines`.
    public var incompleteTailBytes = 0
    /// Distinct metric names beyond `StreamLimits.maxMetricSeries`, whose values were dropped.
    public var droppedSeries = 0

    public init() {}

    /// Whether anything is worth telling the user.
    public var isClean: Bool {
        skippedLines == 0 && ignoredRecords == 0 && !headerMissing && extraHeaders == 0 && duplicateSteps == 0
            && decreasingSteps == 0 && incompatibility == nil && incompleteTailBytes == 0 && droppedSeries == 0
    }

    /// One line for a status bar, e.g. `1000 records; 3 lines skipped (first: line 7: …)`.
    public var summary: String {
        var parts = ["\(records) records"]
        if let incompatibility { parts.append("stopped: \(incompatibility)") }
        if skippedLines > 0 {
            let first = firstError.map { " (first: \($0))" } ?? ""
            parts.append("\(skippedLines) line\(skippedLines == 1 ? "" : "s") skipped\(first)")
        }
        if ignoredRecords > 0 { parts.append("\(ignoredRecords) unknown records ignored") }
        if headerMissing { parts.append("no header") }
        if extraHeaders > 0 { parts.append("\(extraHeaders) extra headers") }
        if duplicateSteps > 0 { parts.append("\(duplicateSteps) duplicate steps") }
        if decreasingSteps > 0 { parts.append("\(decreasingSteps) decreasing steps") }
        if restarts > 0 { parts.append("restarted \(restarts)×") }
        if droppedSeries > 0 {
            parts.append("\(droppedSeries) metric names beyond the first \(StreamLimits.maxMetricSeries) dropped")
        }
        if incompleteTailBytes > 0 { parts.append("incomplete last line (\(incompleteTailBytes) bytes)") }
        return parts.joined(separator: "; ")
    }
}
