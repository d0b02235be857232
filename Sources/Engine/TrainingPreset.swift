/// Named starting points. `paper-*` follow the paper's recipe (DESIGN.md §2.4); `demo` is tuned to
/// grok within well under a minute for a live audience.
public enum TrainingPreset: String, CaseIterable, Sendable {
    case paperAdd = "paper-add"
    case paperS4 = "paper-s4"
    case paperXor = "paper-xor"
    case demo

    /// Looks a preset up by its name, with an error that lists the valid names.
    public static func named(_ name: String) throws -> TrainingPreset {
        guard let preset = TrainingPreset(rawValue: name) else {
            throw ConfigurationError(
                option: "preset", problem: "'\(name)' is unknown",
                fix: "use one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return preset
    }

    public var configuration: TrainingConfiguration {
        var c = TrainingConfiguration()  // the paper recipe on (a+b) mod 31
        switch self {
        case .paperAdd:
            break
        case .paperS4:
            c.task = TaskSpec(.s4)
        case .paperXor:
            c.task = TaskSpec(.xor)
        case .demo:
            c.task = TaskSpec(.xor)
            c.steps = 4_000
        }
        return c
    }
}
