import Engine
import Foundation
import Testing

/// Issue 11 §2: sizes from the command line and from checkpoints are checked before allocating.
@Suite("Memory budget and checkpoint limits")
struct MemoryBudgetTests {
    static func refusal(_ change: (inout TrainingConfiguration) -> Void) -> ConfigurationError? {
        var c = TrainingConfiguration()
        change(&c)
        do {
            try c.validate()
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test func everyPresetFitsTheBudget() throws {
        for preset in TrainingPreset.allCases {
            let c = preset.configuration
            try c.validate()
            let estimate = try #require(MemoryBudget.estimate(c))
            #expect(estimate.parameters + estimate.activations <= MemoryBudget.bytes, "\(preset)")
        }
    }

    @Test func hugeSizesNameTheirOptionAndTheLimit() {
        #expect(Self.refusal { $0.hiddenWidths = [Int.max] }?.option == "hidden")
        #expect(Self.refusal { $0.hiddenWidths = [100_000, 100_000] }?.option == "hidden")
        #expect(Self.refusal { $0.embeddingDimension = 1_000_000_000 }?.option == "embedding-dim")
        let p = Self.refusal { $0.task = TaskSpec(.add, modulus: 4096) }
        #expect(p?.option == "modulus")
        #expect(p?.problem.contains("the memory limit is 4.0 GiB") == true, "\(String(describing: p))")
        #expect(Self.refusal { $0.steps = Int.max }?.option == "steps")
        // The negative case: ordinary sizes pass.
        #expect(
            Self.refusal {
                $0.hiddenWidths = [512, 512]; $0.task = TaskSpec(.add, modulus: 97)
            } == nil)
    }

    /// A safetensors header whose shape overflows Int when multiplied crashed the reader (SIGILL).
    @Test(arguments: [[1 << 61], [1 << 62, 4], [Int.max, Int.max]])
    func overflowingShapesAreCorruptFiles(shape: [Int]) throws {
        let header = "{\"t\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[0,4]}}"
        var json = Array(header.utf8)
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var data = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: json)
        data.append(contentsOf: [0, 0, 0, 0])
        #expect(throws: SafetensorsError.self) { try SafetensorsFile(data: data) }
        // The same header with a shape that fits its 4 bytes reads fine.
        let fine = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\(shape)", with: "[1]").utf8)
        if fine.count == data.count { #expect(try SafetensorsFile(data: fine).tensors["t"]?.values == [0]) }
    }

    static func checkpoint(step: String, hidden: [Int]? = nil) throws -> SafetensorsFile {
        var c = TrainingPreset.paperAdd.configuration  // a float32 recipe, as `Trainer` computes in
        c.steps = 3
        var file = try Checkpoint.file(for: try Trainer(configuration: c))
        file.metadata["step"] = step
        if let hidden {
            var config = c
            config.hiddenWidths = hidden
            file.metadata["config"] = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        }
        return file
    }

    @Test func checkpointMetadataIsBounded() throws {
        #expect(throws: SafetensorsError.self) { try Checkpoint.trainer(from: try Self.checkpoint(step: "\(Int.max)")) }
        #expect(throws: ConfigurationError.self) {
            try Checkpoint.trainer(from: try Self.checkpoint(step: "0", hidden: [100_000, 100_000]))
        }
        #expect(try Checkpoint.trainer(from: try Self.checkpoint(step: "2")).step == 2)
    }
}
