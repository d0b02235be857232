/// Writes records as NDJSON lines (docs/snapshot-format.md): one JSON object and a `\n` per record,
/// fields in a fixed order so that equal records give equal bytes.
public enum RecordEncoder {
    /// The record as one line, newline included.
    public static func line(_ record: Record) -> String {
        var bytes: [UInt8] = []
        append(record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the record's line (newline included) to `out`; reuse `out` to avoid allocations.
    public static func append(_ record: Record, to out: inout [UInt8]) {
        switch record {
        case .header(let header): appendHeader(header, to: &out)
        case .evaluation(let evaluation): appendEvaluation(evaluation, to: &out)
        case .event(let event):
            appendKey("type", first: true, to: &out)
            JSONText.appendString("event", to: &out)
            appendKey("step", to: &out)
            JSONText.appendInteger(event.step, to: &out)
            appendKey("kind", to: &out)
            JSONText.appendString(event.kind, to: &out)
            appendKey("message", to: &out)
            JSONText.appendString(event.message.raw, to: &out)
        case .end(let end):
            appendKey("type", first: true, to: &out)
            JSONText.appendString("end", to: &out)
            appendKey("step", to: &out)
            JSONText.appendInteger(end.step, to: &out)
            appendKey("status", to: &out)
            JSONText.appendString(end.status.rawValue, to: &out)
            appendKey("message", to: &out)
            JSONText.appendString(end.message.raw, to: &out)
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// Well-known metrics first in this order, then the others sorted by name.
    static let metricOrder: [String] = [
        MetricName.trainLoss, MetricName.testLoss, MetricName.trainAccuracy, MetricName.testAccuracy,
        MetricName.l2, MetricName.lmn, MetricName.learningRate,
    ]

    private static func appendEvaluation(_ evaluation: Evaluation, to out: inout [UInt8]) {
        appendKey("type", first: true, to: &out)
        JSONText.appendString("eval", to: &out)
        appendKey("step", to: &out)
        JSONText.appendInteger(evaluation.step, to: &out)
        appendKey("time", to: &out)
        JSONText.appendNumber(evaluation.wallTime, to: &out)
        var remaining = evaluation.metrics.count
        var nonFinite: [(String, Double)] = []
        func appendMetric(_ name: String, _ value: Double) {
            appendKey(name, to: &out)
            JSONText.appendNumber(value, to: &out)
            if !value.isFinite { nonFinite.append((name, value)) }
        }
        for name in metricOrder {
            guard let value = evaluation.metrics[name] else { continue }
            appendMetric(name, value)
            remaining -= 1
        }
        if remaining > 0 {
            let known = Set(metricOrder)
            for name in evaluation.metrics.keys.sorted() where !known.contains(name) {
                guard !RecordBuilder.evaluationReservedKeys.contains(name) else { continue }
                appendMetric(name, evaluation.metrics[name]!)
            }
        }
        if !nonFinite.isEmpty {
            appendKey("nonfinite", to: &out)
            for (index, (name, value)) in nonFinite.enumerated() {
                appendKey(name, first: index == 0, to: &out)
                JSONText.appendString(JSONText.numberText(value), to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func appendHeader(_ header: RunHeader, to out: inout [UInt8]) {
        appendKey("type", first: true, to: &out)
        JSONText.appendString("header", to: &out)
        appendKey("format", to: &out)
        JSONText.appendString(header.format, to: &out)
        appendKey("format_minor", to: &out)
        JSONText.appendInteger(header.formatMinor, to: &out)
        for (key, text) in [("run_id", header.runID), ("name", header.name), ("task", header.task)] {
            appendKey(key, to: &out)
            JSONText.appendString(text.raw, to: &out)
        }
        if let seed = header.seed {
            appendKey("seed", to: &out)
            JSONText.appendInteger(seed, to: &out)
        }
        if let probeSize = header.probeSize {
            appendKey("probe_size", to: &out)
            JSONText.appendInteger(probeSize, to: &out)
        }
        if let totalSteps = header.totalSteps {
            appendKey("total_steps", to: &out)
            JSONText.appendInteger(totalSteps, to: &out)
        }
        appendKey("start_time", to: &out)
        JSONText.appendNumber(header.startTime, to: &out)
        appendKey("producer", to: &out)
        JSONText.appendString(header.producer.raw, to: &out)
        appendKey("settings", to: &out)
        if header.settings.isEmpty { out.append(UInt8(ascii: "{")) }
        for (index, key) in header.settings.keys.sorted().enumerated() {
            appendKey(key, first: index == 0, to: &out)
            JSONText.appendString(header.settings[key]!.raw, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `{"key":` for the first field, `,"key":` after.
    private static func appendKey(_ key: String, first: Bool = false, to out: inout [UInt8]) {
        out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        JSONText.appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
    }
}
