import Engine
import Metrics

/// What a stream metric may read at an evaluation: the step, the model, the split results, the
/// parameter norms and the optimizer's learning rate. Everything is already computed; a metric only
/// derives its number (keep it cheap: it runs at every evaluation).
public struct MetricContext {
    public let step: Int
    public let model: MLP
    public let split: SplitEvaluation
    public let norms: ParameterNorms
    public let learningRate: Double

    public init(step: Int, model: MLP, split: SplitEvaluation, norms: ParameterNorms, learningRate: Double) {
        self.step = step
        self.model = model
        self.split = split
        self.norms = norms
        self.learningRate = learningRate
    }
}

/// One series the engine adds to every evaluation record. Adding a metric is one file conforming to
/// this and one line in `MetricRegistry.standard` (docs/architecture.md, "Adding a metric"); the
/// dashboard shows it with `--charts NAME` or `g`, reports and the Python client read it by name.
public protocol StreamMetric: Sendable {
    /// The series name in the stream: lower_snake_case, `/` for groups (`l2/out`).
    var name: String { get }
    /// The value at this evaluation; nil leaves the series out of this record (not NaN).
    func value(in context: MetricContext) -> Double?
}
