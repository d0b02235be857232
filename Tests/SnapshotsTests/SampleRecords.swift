import Snapshots
import TestSupport

/// Records that exercise every encoder branch: all types, NaN and ±inf, unicode, control characters.
enum SampleRecords {
    static let nastyText =
        "run \u{1B}[31mred\u{1B}[0m \u{7}bell\ttab\nnewline \"quoted\" back\\slash \u{0} nul "
        + "\u{7F}del \u{9B}csi \u{85}nel \u{2028}ls \u{2029}ps é 中文 🚀 \u{FEFF}bom"

    static var header: RunHeader {
        RunHeader(
            runID: "run-42", name: nastyText, task: "add mod 31",
            settings: ["model": "emb32 → 100 → 100", "optimizer": "AdamW lr=1e-3 wd=0.2", "note\u{1B}": "x\u{9B}y"],
            seed: UInt64.max, probeSize: 60, totalSteps: 10_000, startTime: 1_790_000_000.125,
            producer: "grokscope 0.1.0")
    }

    static let evaluations: [Evaluation] = [
        Evaluation(step: 0, wallTime: 0, metrics: ["train_loss": 3.4359908997555912, "test_loss": 3.4370211099962047]),
        Evaluation(
            step: 50, wallTime: 0.125,
            metrics: [
                "train_loss": .nan, "test_loss": .infinity, "train_acc": -.infinity, "test_acc": 0.0051813471502590676,
                "l2": 42.69836903640502, "lmn": 5.048353311033602, "lr": 1e-3, "l2/embedding": 1e-300,
                "l2/out": .leastNonzeroMagnitude, "zeta": -0.0, "big": 1.7976931348623157e308, "int_like": 12345678901234.0,
            ]),
        Evaluation(step: 100, wallTime: .nan, metrics: [:]),
        Evaluation(step: -3, wallTime: 1e21, metrics: ["métrique ✓": 0.1, "with\"quote": 2]),
    ]

    static var all: [Record] {
        var records: [Record] = [.header(header)]
        records += evaluations.map(Record.evaluation)
        records.append(.event(RunEvent(step: 50, kind: "phase", message: "compression begins \u{1B}]0;title\u{7}")))
        records.append(.event(RunEvent(step: 60, kind: "note", message: "")))
        for status in EndStatus.allCases {
            records.append(.end(RunEnd(step: 10_000, status: status, message: "done — \u{0}\u{1F}")))
        }
        var minimal = RunHeader(runID: "", name: "", task: "", startTime: .nan, producer: "")
        minimal.formatMinor = 7
        records.append(.header(minimal))
        return records
    }
}

/// Equality that treats NaN as equal to NaN (records hold NaN metrics; `==` says NaN != NaN).
/// `loose` allows a few ulps: Foundation's JSONSerialization on Linux misrounds some 17-digit numbers
/// (e.g. reads 3.4370211099962047 as 3.4370211099962056); the fast path must be exact.
func sameRecord(_ a: Record, _ b: Record, loose: Bool = false) -> Bool {
    let sameDouble = loose ? closeDouble : sameDouble
    switch (a, b) {
    case (.evaluation(let x), .evaluation(let y)):
        guard x.step == y.step, sameDouble(x.wallTime, y.wallTime), x.metrics.keys.sorted() == y.metrics.keys.sorted()
        else { return false }
        return x.metrics.allSatisfy { sameDouble($0.value, y.metrics[$0.key]!) }
    case (.header(let x), .header(let y)):
        var x = x
        var y = y
        guard sameDouble(x.startTime, y.startTime) else { return false }
        x.startTime = 0
        y.startTime = 0
        return x == y
    default: return a == b
    }
}

func closeDouble(_ a: Double, _ b: Double) -> Bool {
    isApproximatelyEqual(a, b, absolute: 0, relative: 1e-14)
}

/// Bitwise-meaningful equality: NaN equals NaN, and the sign of zero counts.
func sameDouble(_ a: Double, _ b: Double) -> Bool {
    a.isNaN ? b.isNaN : (a == b && a.sign == b.sign)
}
