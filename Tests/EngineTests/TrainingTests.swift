import Engine
import Foundation
import Testing

@Suite("Training runs")
struct TrainingTests {
    /// Small and fast, with mini-batches so the batch order is exercised too.
    static func smallConfiguration(batchSize: Int? = nil) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.task = TaskSpec(.add, modulus: 13)
        c.embeddingDimension = 8
        c.hiddenWidths = [16, 16]
        c.batchSize = batchSize
        c.seed = 42
        return c
    }

    @Test func sameSeedGivesTheSameCurveBitForBit() throws {
        func curve(seed: UInt64) throws -> [Double] {
            var c = Self.smallConfiguration(batchSize: 32)
            c.seed = seed
            let trainer = try Trainer(configuration: c)
            return (0..<60).map { _ in trainer.trainStep().loss }
        }
        let first = try curve(seed: 3)
        #expect(first == (try curve(seed: 3)))
        #expect(first != (try curve(seed: 4)))
    }

    @Test(arguments: [nil, 32] as [Int?])
    func resumedRunEqualsUninterruptedRunBitForBit(_ batchSize: Int?) throws {
        let configuration = Self.smallConfiguration(batchSize: batchSize)
        let uninterrupted = try Trainer(configuration: configuration)
        for _ in 0..<2_000 { uninterrupted.trainStep() }

        let first = try Trainer(configuration: configuration)
        for _ in 0..<1_000 { first.trainStep() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "resume-\(UUID().uuidString).safetensors"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(first, to: path)
        let resumed = try Checkpoint.load(from: path)
        #expect(resumed.step == 1_000)
        for _ in 0..<1_000 { resumed.trainStep() }

        #expect(resumed.step == uninterrupted.step)
        #expect(resumed.model.parameters.values == uninterrupted.model.parameters.values)
        #expect(resumed.optimizer == uninterrupted.optimizer)
    }

    @Test func paperAddMemorizesWithinABudget() throws {
        // The paper reports memorization near step 200; 600 full-batch steps leave a margin.
        let trainer = try Trainer(configuration: TrainingPreset.paperAdd.configuration)
        let before = trainer.model.evaluate(trainer.dataset.train, loss: .crossEntropy)
        for _ in 0..<600 { trainer.trainStep() }
        let after = trainer.model.evaluate(trainer.dataset.train, loss: .crossEntropy)
        #expect(before.accuracy < 0.2)
        #expect(after.accuracy == 1.0)
        #expect(after.loss < before.loss / 10)
    }

    @Test func hiddenOutputsHaveOneRowPerExampleAndRefuseLayersBeyondTheNet() throws {
        let trainer = try Trainer(configuration: Self.smallConfiguration())
        let model = trainer.model
        let probes = Array(trainer.dataset.all.prefix(5))
        #expect(model.linearMappingStarts == 0...2)
        #expect(try model.hiddenOutputs(layer: 0, inputs: probes).count == probes.count * 16)
        #expect(try model.hiddenOutputs(layer: 1, inputs: probes).count == probes.count * 16)
        #expect(try model.hiddenOutputs(layer: 1, inputs: []).isEmpty)
        #expect(throws: ConfigurationError.self) { try model.hiddenOutputs(layer: 3, inputs: probes) }
    }
}
