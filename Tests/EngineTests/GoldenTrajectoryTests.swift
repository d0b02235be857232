import Engine
import TestSupport
import Testing

/// A short golden loss trajectory (llm.c's `test_gpt2.c` habit): the paper preset, seed 0. It pins
/// the random stream, the split, the initialization and the training arithmetic together; any change
/// to one of them shows here first. Values recorded with this engine (identical to 6 digits under
/// OpenBLAS's Prescott and SkylakeX kernels); if a change is intended, re-record them deliberately.
@Suite("Golden trajectory")
struct GoldenTrajectoryTests {
    @Test func paperAddSeedZeroFollowsTheRecordedLosses() throws {
        let trainer = try Trainer(configuration: TrainingPreset.paperAdd.configuration)
        var losses: [Double] = []
        for _ in 0..<50 { losses.append(trainer.trainStep().loss) }
        let recorded: [(step: Int, loss: Double)] = [
            (0, 3.437641), (1, 3.434404), (2, 3.431238), (10, 3.406241), (49, 3.086789),
        ]
        for point in recorded {
            #expect(isApproximatelyEqual(losses[point.step], point.loss, absolute: 1e-4), "step \(point.step)")
        }
    }
}
