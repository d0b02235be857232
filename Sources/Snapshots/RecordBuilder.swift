/// Turns one decoded JSON object into a `Record`, following docs/snapshot-format.md. Lenient where the
/// format promises forward compatibility (unknown fields and types), strict where a wrong value would
/// mislead (a step that is not an integer, a non-finite value read as zero).
enum RecordBuilder {
    enum Outcome: Equatable {
        case record(Record)
        /// A well-formed object whose `type` this reader does not know (ignored, counted).
        case unknownType(String)
        /// Not a record: the reason, without line number.
        case invalid(String)
        /// A header of another major version: reading must stop.
        case incompatible(StreamFormatError)
    }

    static func build(_ entries: [FlatEntry]) -> Outcome {
        var typeName: String?
        for entry in entries where entry.key == "type" {
            guard case .string(let name) = entry.value else { return .invalid("\"type\" must be a string") }
            typeName = name
        }
        switch typeName {
        case "eval"?: return evaluation(entries)
        case "header"?: return header(entries)
        case "event"?: return event(entries)
        case "end"?: return end(entries)
        case let other?: return .unknownType(other)
        case nil:
            // Third-party writers often omit the type; an object with a step is an evaluation.
            return entries.contains { $0.key == "step" } ? evaluation(entries) : .unknownType("(none)")
        }
    }

    // MARK: - Evaluation

    /// Fields of an evaluation that are not metrics.
    static let evaluationReservedKeys: Set<String> = ["type", "step", "time", "nonfinite"]

    private static func evaluation(_ entries: [FlatEntry]) -> Outcome {
        var step: Int?
        var time = Double.nan
        var metrics: [String: Double] = [:]
        metrics.reserveCapacity(entries.count)
        var nonfinite: [FlatEntry] = []
        for entry in entries {
            switch entry.key {
            case "type": continue
            case "step":
                guard let value = entry.value.intValue else { return .invalid("\"step\" must be an integer") }
                step = value
            case "time":
                switch entry.value {
                case .null: time = .nan
                case let value:
                    guard let seconds = value.doubleValue else { return .invalid("\"time\" must be a number") }
                    time = seconds
                }
            case "nonfinite":
                guard case .object(let flags) = entry.value else {
                    return .invalid("\"nonfinite\" must be an object of \"nan\", \"inf\" or \"-inf\"")
                }
                nonfinite = flags
            default:
                // Metric names reach terminals, CSV and JSON: made safe here, once (the fast path only
                // takes printable ASCII keys).
                let key = UntrustedText.sanitize(entry.key)
                switch entry.value {
                case .null: metrics[key] = .nan  // a gap, never a zero
                case .string(let text):
                    if let value = nonFiniteValue(text) { metrics[key] = value }
                case let value:
                    if let number = value.doubleValue { metrics[key] = number }
                }
            }
        }
        guard let step else { return .invalid("evaluation without \"step\"") }
        for flag in nonfinite {
            guard case .string(let text) = flag.value, let value = nonFiniteValue(text) else {
                return .invalid("\"nonfinite\".\"\(UntrustedText(flag.key))\" must be \"nan\", \"inf\" or \"-inf\"")
            }
            metrics[UntrustedText.sanitize(flag.key)] = value
        }
        return .record(.evaluation(Evaluation(step: step, wallTime: time, metrics: metrics)))
    }

    static func nonFiniteValue(_ text: String) -> Double? {
        switch text {
        case "nan", "NaN": return .nan
        case "inf", "+inf", "Infinity", "infinity": return .infinity
        case "-inf", "-Infinity", "-infinity": return -.infinity
        default: return nil
        }
    }

    // MARK: - Event and end

    private static func event(_ entries: [FlatEntry]) -> Outcome {
        let fields = Fields(entries)
        guard let step = fields.int("step") else { return .invalid(fields.missingOrWrong("step", "an integer")) }
        let kind = fields.string("kind") ?? "note"
        let message = fields.string("message") ?? ""
        return .record(.event(RunEvent(step: step, kind: UntrustedText.sanitize(kind), message: message)))
    }

    private static func end(_ entries: [FlatEntry]) -> Outcome {
        let fields = Fields(entries)
        guard let step = fields.int("step") else { return .invalid(fields.missingOrWrong("step", "an integer")) }
        guard let statusText = fields.string("status") else {
            return .invalid(fields.missingOrWrong("status", "a string"))
        }
        guard let status = EndStatus(rawValue: statusText) else {
            let known = EndStatus.allCases.map(\.rawValue).joined(separator: ", ")
            return .invalid("unknown end status \"\(UntrustedText(statusText))\" (expected one of: \(known))")
        }
        return .record(.end(RunEnd(step: step, status: status, message: fields.string("message") ?? "")))
    }
}

/// Keyed access to a small object; later duplicates win, as in Foundation.
struct Fields {
    private var values: [String: FlatValue] = [:]

    init(_ entries: [FlatEntry]) {
        for entry in entries { values[entry.key] = entry.value }
    }

    subscript(_ key: String) -> FlatValue? { values[key] }

    func int(_ key: String) -> Int? { values[key]?.intValue }

    func string(_ key: String) -> String? {
        if case .string(let text)? = values[key] { return text }
        return nil
    }

    func missingOrWrong(_ key: String, _ expected: String) -> String {
        values[key] == nil ? "missing \"\(key)\"" : "\"\(key)\" must be \(expected)"
    }
}
