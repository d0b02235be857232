import Engine
import Foundation
import TestSupport
import Testing

/// `--precision f64`: the same network, loss and AdamW in `Double` (dgemm), gradient-checked at a
/// tolerance float32 cannot meet, agreeing with float32 over the first steps.
@Suite("Float64 training")
struct Float64TrainingTests {
    static func smallModel(_ activation: Activation) -> (MLPOf<Double>, [Example]) {
        var generator = SplitMix64(seed: 6)
        let shape = ModelShape(
            vocabulary: 5, embeddingDimension: 3, hiddenWidths: [4, 4], classes: 5, activation: activation)
        let model = MLPOf<Double>(shape: shape, initScale: 1, generator: &generator)
        let examples = (0..<7).map { Example(a: $0 % 5, b: ($0 * 3) % 5, label: ($0 * 2) % 5) }
        return (model, examples)
    }

    /// Central differences in Double with h = 1e-5: truncation ≈ h²·f‴/6 ≈ 1e-11, rounding ≈
    /// 1e-16/h ≈ 1e-11, so 1e-7 separates right from wrong with room (float32 needs 2e-3).
    static func numericalGradient(_ model: MLPOf<Double>, _ examples: [Example]) -> [Double] {
        let h = 1e-5
        return model.parameters.values.indices.map { i in
            var plus = model
            var minus = model
            plus.parameters.values[i] += h
            minus.parameters.values[i] -= h
            return
                (plus.evaluate(examples, loss: .crossEntropy).loss - minus.evaluate(examples, loss: .crossEntropy).loss)
                / (2 * h)
        }
    }

    static func agreesTightly(_ analytic: [Double], _ numerical: [Double]) -> Bool {
        isApproximatelyEqual(analytic, numerical, absolute: 1e-7, relative: 1e-6)
    }

    @Test(arguments: [Activation.silu, .tanh, .gelu, .relu])
    func float64GradientMatchesCentralDifferencesTightly(_ activation: Activation) {
        let (model, examples) = Self.smallModel(activation)
        let analytic = model.gradients(for: examples, loss: .crossEntropy).gradients.values
        let numerical = Self.numericalGradient(model, examples)
        #expect(
            Self.agreesTightly(analytic, numerical),
            "largest relative difference \(maxRelativeDifference(analytic, numerical))")
    }

    @Test func aGradientOffBy1e5FailsTheTightCheckButPassesTheFloat32One() {
        // Negative control: an error of 1e-5 in one entry is invisible at float32's tolerance and
        // caught at float64's.
        let (model, examples) = Self.smallModel(.silu)
        var wrong = model.gradients(for: examples, loss: .crossEntropy).gradients.values
        wrong[model.parameters.embeddingSlot.offset] += 1e-5
        let numerical = Self.numericalGradient(model, examples)
        #expect(!Self.agreesTightly(wrong, numerical))
        #expect(GradientChecker.agrees(wrong.map { Float($0) }, numerical))
    }

    static func configuration(_ precision: Precision, seed: UInt64 = 3) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.task = TaskSpec(.add, modulus: 13)
        c.embeddingDimension = 8
        c.hiddenWidths = [16, 16]
        c.seed = seed
        c.precision = precision
        return c
    }

    @Test func float64AndFloat32TrajectoriesAgreeOverTheFirstSteps() throws {
        let single = try TrainerOf<Float>(configuration: Self.configuration(.f32))
        let double = try TrainerOf<Double>(configuration: Self.configuration(.f64))
        #expect(single.model.parameters.values == double.model.parameters.converted(to: Float.self).values)
        let singleLosses = (0..<30).map { _ in single.trainStep().loss }
        let doubleLosses = (0..<30).map { _ in double.trainStep().loss }
        #expect(
            isApproximatelyEqual(singleLosses, doubleLosses, relative: 1e-4),
            "losses differ by \(maxRelativeDifference(singleLosses, doubleLosses)) relative")
        let singleWeights = single.model.parameters.values.map(Double.init)
        #expect(isApproximatelyEqual(singleWeights, double.model.parameters.values, absolute: 1e-4))
    }

    @Test func trajectoriesOfAnotherSeedDoNotAgree() throws {
        // Negative control for the comparison above: a different initialization is far outside it.
        let single = try TrainerOf<Float>(configuration: Self.configuration(.f32, seed: 3))
        let double = try TrainerOf<Double>(configuration: Self.configuration(.f64, seed: 4))
        let a = (0..<30).map { _ in single.trainStep().loss }
        let b = (0..<30).map { _ in double.trainStep().loss }
        #expect(!isApproximatelyEqual(a, b, relative: 1e-4))
    }

    @Test func anyTrainerPicksThePrecisionAndATypedTrainerRefusesTheOther() throws {
        let f64 = try AnyTrainer(configuration: Self.configuration(.f64))
        #expect(f64.precision == .f64)
        guard case .f64 = f64 else {
            Issue.record("AnyTrainer built \(f64.precision) for an f64 configuration")
            return
        }
        #expect(try AnyTrainer(configuration: Self.configuration(.f32)).precision == .f32)
        #expect(throws: ConfigurationError.self) { try TrainerOf<Float>(configuration: Self.configuration(.f64)) }
        #expect(throws: ConfigurationError.self) { try TrainerOf<Double>(configuration: Self.configuration(.f32)) }
        #expect(throws: ConfigurationError.self) { try Precision.named("f16") }
        #expect(try Precision.named("f64") == .f64)
    }
}

@Suite("Preset precisions")
struct PresetPrecisionTests {
    @Test func demoAndS4TrainInFloat64AndThePaperPresetsInFloat32() {
        let demo = TrainingPreset.demo.configuration
        #expect(demo.precision == .f64 && demo.task.kind == .xor && demo.steps == 4_000)
        let s4 = TrainingPreset.paperS4.configuration
        #expect(s4.precision == .f64 && s4.optimizer.weightDecay == 0.5 && s4.steps == 25_000)
        #expect(TrainingPreset.paperAdd.configuration.precision == .f32)
        #expect(TrainingPreset.paperXor.configuration.precision == .f32)
        #expect(TrainingPreset.demo.configuration.settingsSummary["precision"] == "f64")
        #expect(TrainingPreset.paperAdd.configuration.settingsSummary["precision"] == "f32")
        #expect(TrainingPreset.demo.lmnProbes == 256 && TrainingPreset.paperAdd.lmnProbes == 128)
    }
}
