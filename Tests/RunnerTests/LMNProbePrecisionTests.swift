import Engine
import Metrics
import Runner
import Testing

/// The LMN probe measures a float64 run on its float64 model, and `--lmn-exact` is the definition in
/// `Double` (the value python/tests/test_swift.py compares with to 1e-9).
@Suite("LMN probe precision")
struct LMNProbePrecisionTests {
    static func trainer(_ precision: Precision) throws -> AnyTrainer {
        var configuration = TrainingSessionTests.configuration(steps: 30).training
        configuration.precision = precision
        let trainer = try AnyTrainer(configuration: configuration)
        for _ in 0..<30 { trainer.trainStep() }
        return trainer
    }

    static func probe(_ trainer: AnyTrainer, exact: Bool) throws -> LMNProbe {
        try LMNProbe(dataset: trainer.dataset, count: 16, seed: 5, startLayer: 1, exact: exact)
    }

    /// The definition on the float64 model, computed here from its own weights.
    static func definition(_ model: MLPOf<Double>, _ probe: LMNProbe, _ trainer: AnyTrainer) throws -> Double {
        let examples = probe.probes.indices.map { trainer.dataset.all[$0] }
        let hidden = try model.hiddenOutputs(layer: 1, inputs: examples)
        let tail = NetworkTail(layers: try model.tailLayers(from: 1))
        return try LMN.naive(tail: tail, hidden: hidden, count: examples.count).value
    }

    @Test func aFloat64RunIsMeasuredOnItsFloat64Model() throws {
        let trainer = try Self.trainer(.f64)
        guard case .f64(let inner) = trainer else {
            Issue.record("expected a float64 trainer")
            return
        }
        let probe = try Self.probe(trainer, exact: true)
        let measured = try #require(probe.measure(trainer, step: 30).value)
        #expect(measured == (try Self.definition(inner.model, probe, trainer)))
        // Negative control: the float32 copy the session hands out differs in the hidden outputs
        // (float32 rounding), and so in LMN, by far more than the float64 rounding.
        let copy = try #require(probe.measure(trainer.model, step: 30).value)
        #expect(abs(copy - measured) > 1e-12 * measured)
        #expect(abs(copy - measured) < 1e-4 * measured)
    }

    @Test(arguments: Precision.allCases)
    func exactIsTheDefinitionAndTheFastPathAgreesWithinItsContract(_ precision: Precision) throws {
        let trainer = try Self.trainer(precision)
        let exact = try #require(try Self.probe(trainer, exact: true).measure(trainer, step: 30).value)
        let fast = try #require(try Self.probe(trainer, exact: false).measure(trainer, step: 30).value)
        #expect(exact > 1.01)  // a curved tail: LMN above 1
        #expect(abs(fast - exact) <= 1e-6 * exact)
    }
}
