/// The records of a grokscope stream (docs/snapshot-format.md). Plain values: the engine produces
/// them, the publisher moves them, the monitor consumes them; none of them knows the others.

/// Format identity written in every header. A reader accepts any minor version of its major one.
public enum StreamFormat {
    public static let name = "grokscope"
    public static let major = 1
    public static let minor = 0
    /// `"grokscope/1"` — the header's `format` field.
    public static var identifier: String { "\(name)/\(major)" }
}

/// Well-known metric names. Any other numeric field of an evaluation is a series too.
public enum MetricName {
    public static let trainLoss = "train_loss"
    public static let testLoss = "test_loss"
    public static let trainAccuracy = "train_acc"
    public static let testAccuracy = "test_acc"
    public static let l2 = "l2"
    public static let lmn = "lmn"
    public static let learningRate = "lr"
    /// Per-layer norms are `l2/<layer name>`, e.g. `l2/embedding`, `l2/out`.
    public static func layerNorm(_ layer: String) -> String { "l2/\(layer)" }
}

/// The first record of a stream: what run this is.
public struct RunHeader: Sendable, Equatable {
    /// `"grokscope/<major>"`; a reader rejects other majors.
    public var format: String
    /// Minor version of the producer's format (fields added compatibly).
    public var formatMinor: Int
    public var runID: UntrustedText
    public var name: UntrustedText
    /// Task, e.g. `"add mod 31"`.
    public var task: UntrustedText
    /// Free-form settings (model, optimizer, preset, …) as strings; shown, never interpreted.
    public var settings: [String: UntrustedText]
    public var seed: UInt64?
    /// LMN probe size N (LMN is comparable only at equal N).
    public var probeSize: Int?
    /// Planned number of steps, when known.
    public var totalSteps: Int?
    /// Unix time of the start, seconds.
    public var startTime: Double
    /// Who wrote the stream, e.g. `"grokscope 0.1.0"`.
    public var producer: UntrustedText

    public init(
        runID: String, name: String, task: String, settings: [String: String] = [:], seed: UInt64? = nil,
        probeSize: Int? = nil, totalSteps: Int? = nil, startTime: Double, producer: String
    ) {
        self.format = StreamFormat.identifier
        self.formatMinor = StreamFormat.minor
        self.runID = UntrustedText(runID)
        self.name = UntrustedText(name)
        self.task = UntrustedText(task)
        self.settings = settings.mapValues { UntrustedText($0) }
        self.seed = seed
        self.probeSize = probeSize
        self.totalSteps = totalSteps
        self.startTime = startTime
        self.producer = UntrustedText(producer)
    }
}

/// One evaluation of the network: a step and its metrics. Values may be NaN or ±infinity.
public struct Evaluation: Sendable, Equatable {
    public var step: Int
    /// Seconds since the run started.
    public var wallTime: Double
    /// Metric name → value. A metric not computed at this step (e.g. LMN) is absent.
    public var metrics: [String: Double]

    public init(step: Int, wallTime: Double, metrics: [String: Double]) {
        self.step = step
        self.wallTime = wallTime
        self.metrics = metrics
    }

    public subscript(_ name: String) -> Double? { metrics[name] }
}

/// Something that happened at a step: a phase boundary confirmed, a checkpoint written, a note.
public struct RunEvent: Sendable, Equatable {
    public var step: Int
    /// e.g. `"phase"`, `"checkpoint"`, `"note"`; unknown kinds are shown as notes.
    public var kind: String
    public var message: UntrustedText

    public init(step: Int, kind: String, message: String) {
        self.step = step
        self.kind = kind
        self.message = UntrustedText(message)
    }
}

/// How a run ended. `failed`: the writer stopped on an error of its own (e.g. an exception in a
/// Python training script), not a divergence of the model.
public enum EndStatus: String, Sendable, Equatable, CaseIterable {
    case completed, interrupted, diverged, failed
}

/// The last record of a finished stream.
public struct RunEnd: Sendable, Equatable {
    public var step: Int
    public var status: EndStatus
    public var message: UntrustedText

    public init(step: Int, status: EndStatus, message: String = "") {
        self.step = step
        self.status = status
        self.message = UntrustedText(message)
    }
}

/// Any record of the stream.
public enum Record: Sendable, Equatable {
    /// Indirect: a header is rare and large (~150 bytes); inline it would triple the size of every record.
    indirect case header(RunHeader)
    case evaluation(Evaluation)
    case event(RunEvent)
    case end(RunEnd)
}

/// Where records go (a file, a channel, standard output). Writers must not throw on the training path;
/// a sink that fails remembers the error for the caller to report.
public protocol RecordSink: AnyObject {
    func write(_ record: Record)
    /// Push buffered records to their destination (called at exit and on signals).
    func flush()
}
