import Engine
import Foundation
import Metrics
import Snapshots

/// Where a session stands at an evaluation: what headless mode prints.
public struct SessionProgress: Sendable {
    public var evaluation: Evaluation
    public var totalSteps: Int
    /// Training throughput since the previous evaluation (evaluation time included).
    public var stepsPerSecond: Double
    public var probeSize: Int?

    public init(evaluation: Evaluation, totalSteps: Int, stepsPerSecond: Double, probeSize: Int?) {
        self.evaluation = evaluation
        self.totalSteps = totalSteps
        self.stepsPerSecond = stepsPerSecond
        self.probeSize = probeSize
    }
}

/// How a session ended, with everything a caller reports afterwards.
public struct SessionOutcome: Sendable {
    public var status: EndStatus
    public var step: Int
    public var evaluations: [Evaluation]
    public var summary: SessionSummary
    /// The last checkpoint written, if any.
    public var checkpointPath: String?
    /// A checkpoint that could not be written (the run itself still ended normally).
    public var checkpointError: String?
}

/// A headless training run: trains, evaluates every `evalEvery` steps, asks the injected LMN
/// function at multiples of `lmnEvery`, and writes header → evaluations/events → end to a sink.
/// Stops cooperatively: a `StopFlag` set from anywhere ends the run after the current step with an
/// evaluation, a checkpoint and an `interrupted` end record.
public final class TrainingSession {
    public let configuration: SessionConfiguration
    /// The trainer, in the configuration's precision (a resumed run: the checkpoint's).
    public let trainer: AnyTrainer
    public let stopFlag: StopFlag
    /// LMN of a model snapshot (no value when it cannot be computed). Set before `run()`; typically
    /// built from `trainer.dataset.all` (probe set) and `configuration.training.lmnFrom`. A problem it
    /// reports becomes a `note` event in the stream when it first appears (not at every LMN step).
    public var lmn: ((MLP, _ step: Int) -> LMNReading)?
    /// Called after every evaluation (headless progress lines).
    public var onEvaluation: ((SessionProgress) -> Void)?
    /// Extra header settings (e.g. how the LMN probe set was drawn), merged into the run header.
    public var extraSettings: [String: String] = [:]
    /// Evaluations a resumed run's log already has (up to the checkpoint): the end record's summary
    /// then describes the whole run, not only the part after the resume.
    public var priorEvaluations: [Evaluation] = []
    /// The metrics added to each evaluation beyond the core ones (`MetricRegistry`).
    public var registeredMetrics: [any StreamMetric] = MetricRegistry.standard

    private let sink: RecordSink
    private let clock = ContinuousClock()

    public init(
        configuration: SessionConfiguration, sink: RecordSink, stopFlag: StopFlag = StopFlag(),
        lmn: ((MLP, _ step: Int) -> LMNReading)? = nil
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.sink = sink
        self.stopFlag = stopFlag
        self.lmn = lmn
        if let resumePath = configuration.resumePath {
            trainer = try Checkpoint.loadAny(
                from: resumePath, steps: configuration.training.steps, precision: configuration.resumePrecision)
        } else {
            trainer = try AnyTrainer(configuration: configuration.training)
        }
    }

    /// The run's header record (the first record written by `run()`).
    public func header(startTime: Double) -> RunHeader {
        var settings = trainer.configuration.settingsSummary
        settings["preset"] = configuration.presetName ?? "custom"
        settings["blas"] = BLASRuntime.describe()
        if let every = configuration.lmnEvery, lmn != nil { settings["lmn_every"] = "\(every)" }
        if let resumed = configuration.resumePath { settings["resumed_from"] = resumed }
        settings.merge(extraSettings) { $1 }
        return RunHeader(
            runID: configuration.runID, name: configuration.runName, task: trainer.configuration.task.title,
            settings: settings, seed: trainer.configuration.seed,
            probeSize: lmn == nil ? nil : configuration.probeSize, totalSteps: trainer.configuration.steps,
            startTime: startTime, producer: configuration.producer)
    }

    /// Runs to the configured number of steps, a stop request, or divergence.
    public func run() -> SessionOutcome {
        let start = clock.now
        sink.write(.header(header(startTime: Date().timeIntervalSince1970)))
        var state = RunState(start: start, lastProgress: (trainer.step, start))
        let total = trainer.configuration.steps
        // A resumed run's first step was evaluated (and logged) by the run that wrote the checkpoint.
        if configuration.resumePath == nil { evaluate(&state) }
        var status = EndStatus.completed
        while trainer.step < total {
            if stopFlag.isStopRequested {
                status = .interrupted
                break
            }
            let batch = trainer.trainStep()
            if !batch.loss.isFinite {
                status = .diverged
                break
            }
            let step = trainer.step
            if isEvaluationStep(step, total: total) { evaluate(&state) }
            if let every = configuration.checkpointEvery, step % every == 0, step < total { saveCheckpoint(&state) }
        }
        if state.evaluations.last?.step != trainer.step { evaluate(&state) }
        if status == .interrupted || (status == .completed && configuration.checkpointAtEnd) { saveCheckpoint(&state) }
        let prior = priorEvaluations.filter { $0.step < (state.evaluations.first?.step ?? .max) }
        let summary = SessionSummary(
            evaluations: prior + state.evaluations, status: status, finalStep: trainer.step,
            rules: configuration.phaseRules)
        sink.write(.end(RunEnd(step: trainer.step, status: status, message: summary.headline)))
        sink.flush()
        return SessionOutcome(
            status: status, step: trainer.step, evaluations: state.evaluations, summary: summary,
            checkpointPath: state.checkpointPath, checkpointError: state.checkpointError)
    }

    private struct RunState {
        var start: ContinuousClock.Instant
        var lastProgress: (step: Int, time: ContinuousClock.Instant)
        var evaluations: [Evaluation] = []
        var checkpointPath: String?
        var checkpointError: String?
        /// The LMN problem last reported, so that a persistent one is one event, not one per LMN step.
        var lmnProblem: String?
    }

    private func isEvaluationStep(_ step: Int, total: Int) -> Bool {
        step % configuration.evalEvery == 0 || step == total || isLMNStep(step)
    }

    private func isLMNStep(_ step: Int) -> Bool {
        guard lmn != nil, let every = configuration.lmnEvery else { return false }
        return step % every == 0
    }

    private func evaluate(_ state: inout RunState) {
        let step = trainer.step
        let model = trainer.model
        let (train, test) = trainer.evaluateSplits()
        let split = SplitEvaluation(
            trainLoss: train.loss, testLoss: test.loss, trainAccuracy: train.accuracy, testAccuracy: test.accuracy)
        let lmnValue = isLMNStep(step) ? measureLMN(model, step: step, &state) : nil
        let context = MetricContext(
            step: step, model: model, split: split, norms: ParameterNorms(model.parameters),
            learningRate: trainer.configuration.optimizer.learningRate)
        let metrics = EvaluationMetrics.metrics(context, lmn: lmnValue, registered: registeredMetrics)
        let now = clock.now
        let evaluation = Evaluation(step: step, wallTime: Self.seconds(now - state.start), metrics: metrics)
        sink.write(.evaluation(evaluation))
        state.evaluations.append(evaluation)
        let elapsed = Self.seconds(now - state.lastProgress.time)
        let stepsPerSecond = elapsed > 0 ? Double(step - state.lastProgress.step) / elapsed : 0
        state.lastProgress = (step, now)
        onEvaluation?(
            SessionProgress(
                evaluation: evaluation, totalSteps: trainer.configuration.steps, stepsPerSecond: stepsPerSecond,
                probeSize: lmn == nil ? nil : configuration.probeSize))
    }

    private func measureLMN(_ model: MLP, step: Int, _ state: inout RunState) -> Double? {
        guard let reading = lmn?(model, step) else { return nil }
        if reading.problem != state.lmnProblem {
            let message = reading.problem.map { "\($0) (step \(step))" } ?? "LMN measured normally again"
            sink.write(.event(RunEvent(step: step, kind: "note", message: message)))
            state.lmnProblem = reading.problem
        }
        return reading.value
    }

    private func saveCheckpoint(_ state: inout RunState) {
        guard let path = configuration.checkpointPath else { return }
        do {
            try Checkpoint.save(trainer, to: path)
            state.checkpointPath = path
            sink.write(.event(RunEvent(step: trainer.step, kind: "checkpoint", message: path)))
        } catch {
            state.checkpointError = "\(error)"
            stopFlag.requestStop()  // a run whose checkpoints fail stops now, not hours later without one
            sink.write(.event(RunEvent(step: trainer.step, kind: "note", message: "checkpoint failed: \(error)")))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
