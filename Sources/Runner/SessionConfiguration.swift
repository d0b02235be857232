import Engine
import Phases

/// What a training session runs and how it reports: the training recipe plus cadence and files.
public struct SessionConfiguration: Sendable {
    public var training: TrainingConfiguration
    /// Preset the training recipe came from, recorded in the header.
    public var presetName: String?
    /// Evaluate (loss, accuracy, L2) every this many steps, and always at the first and last step.
    public var evalEvery = 10
    /// Compute LMN at steps that are multiples of this; `nil` disables LMN.
    public var lmnEvery: Int? = 100
    /// LMN probe size N, recorded in the header (LMN is comparable only at equal N).
    public var probeSize: Int? = 128
    /// Where checkpoints go; `nil` writes none.
    public var checkpointPath: String?
    /// Also checkpoint every this many steps (the end and interruptions always checkpoint).
    public var checkpointEvery: Int?
    /// Write a checkpoint when the run completes (an interrupted run always writes one, so it can resume).
    public var checkpointAtEnd = true
    /// Continue from this checkpoint instead of initializing. The checkpoint's recipe wins over
    /// `training`, except `training.steps`: the step count to reach (train further than planned).
    public var resumePath: String?
    /// When resuming: the precision the user asked for explicitly (`--precision`); a checkpoint
    /// trained in the other one is refused. `nil`: the checkpoint's precision.
    public var resumePrecision: Precision?
    public var runID: String
    public var runName: String
    /// The phase rules for the end record's headline (`--phase-rule` and the docs/phases.md options).
    public var phaseRules: PhaseRules = .paper
    /// e.g. `"grokscope 0.1.0"`.
    public var producer = "grokscope"

    public init(training: TrainingConfiguration, presetName: String? = nil, runID: String, runName: String) {
        self.training = training
        self.presetName = presetName
        self.runID = runID
        self.runName = runName
    }

    public func validate() throws {
        try training.validate()
        guard evalEvery >= 1 else {
            throw ConfigurationError(
                option: "eval-every", problem: "is \(evalEvery)", fix: "use a positive number of steps such as 10")
        }
        if let lmnEvery, lmnEvery < 1 {
            throw ConfigurationError(
                option: "lmn-every", problem: "is \(lmnEvery)", fix: "use a positive number of steps, or turn LMN off")
        }
        if let checkpointEvery, checkpointEvery < 1 {
            throw ConfigurationError(
                option: "checkpoint-every", problem: "is \(checkpointEvery)", fix: "use a positive number of steps")
        }
        if checkpointEvery != nil, checkpointPath == nil {
            throw ConfigurationError(
                option: "checkpoint-every", problem: "is set without a checkpoint path",
                fix: "also give --checkpoint PATH")
        }
    }
}
