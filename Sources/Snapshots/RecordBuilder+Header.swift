extension RecordBuilder {
    /// A header: `format` decides whether this reader may go on; everything else is descriptive.
    static func header(_ entries: [FlatEntry]) -> Outcome {
        let fields = Fields(entries)
        guard let format = fields.string("format") else {
            return .invalid(fields.missingOrWrong("format", "a string like \"\(StreamFormat.identifier)\""))
        }
        let minorField = fields.int("format_minor")
        guard let version = StreamFormatVersion(parsing: format, minor: minorField) else {
            return .invalid("header format \"\(UntrustedText(format))\" is not a grokscope format")
        }
        guard version.major == StreamFormat.major else {
            return .incompatible(StreamFormatError(found: version))
        }
        var header = RunHeader(
            runID: fields.string("run_id") ?? "", name: fields.string("name") ?? "",
            task: fields.string("task") ?? "", startTime: optionalDouble(fields["start_time"]) ?? .nan,
            producer: fields.string("producer") ?? "")
        header.formatMinor = version.minor
        header.seed = fields["seed"]?.uint64Value
        header.probeSize = fields.int("probe_size")
        header.totalSteps = fields.int("total_steps")
        if case .object(let settings)? = fields["settings"] {
            for entry in settings {
                if let text = settingText(entry.value) { header.settings[entry.key] = UntrustedText(text) }
            }
        }
        return .record(.header(header))
    }

    private static func optionalDouble(_ value: FlatValue?) -> Double? {
        guard let value else { return nil }
        if case .null = value { return .nan }
        return value.doubleValue
    }

    /// Settings are shown, never interpreted: any scalar becomes its text.
    private static func settingText(_ value: FlatValue) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let negative, let magnitude): return (negative ? "-" : "") + String(magnitude)
        case .number(let x), .nonFinite(let x): return JSONText.numberText(x)
        case .null: return "null"
        case .object, .unsupported: return nil
        }
    }
}
