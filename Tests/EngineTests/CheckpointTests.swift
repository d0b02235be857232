import Engine
import Foundation
import Testing

@Suite("Safetensors checkpoints")
struct CheckpointTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString).safetensors").path
    }

    @Test func safetensorsRoundTrip() throws {
        let file = SafetensorsFile(
            tensors: [
                "b": .init(shape: [3], values: [1, -2.5, .pi]),
                "a.weight": .init(shape: [2, 2], values: [0, 1, 2, 3]),
            ],
            metadata: ["step": "7", "note": "ünïcode"])
        let data = try file.encoded()
        // Layout: u64 little-endian header length, header padded to 8 bytes, 28 bytes of data.
        let headerLength = Int(data[0]) | Int(data[1]) << 8
        #expect(headerLength % 8 == 0)
        #expect(data.count == 8 + headerLength + 7 * 4)
        #expect(try SafetensorsFile(data: data) == file)
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try file.write(to: path)
        #expect(try SafetensorsFile.read(from: path) == file)
    }

    @Test func truncatedOrCorruptFilesGiveClearErrors() throws {
        let data = try SafetensorsFile(tensors: ["x": .init(shape: [4], values: [1, 2, 3, 4])], metadata: ["k": "v"])
            .encoded()
        for length in [0, 5, 8, 20, data.count - 1] {
            #expect(throws: SafetensorsError.self, "truncated to \(length) bytes") {
                try SafetensorsFile(data: data.prefix(length), path: "cut.safetensors")
            }
        }
        var garbled = data
        garbled[10] = UInt8(ascii: "#")
        #expect(throws: SafetensorsError.self) { try SafetensorsFile(data: garbled) }
        var hugeHeader = data
        hugeHeader[7] = 0x7F
        do {
            _ = try SafetensorsFile(data: hugeHeader, path: "huge.safetensors")
            Issue.record("a header longer than the file must be rejected")
        } catch let error as SafetensorsError {
            #expect(error.path == "huge.safetensors")
            #expect(error.description.contains("header claims"))
        }
        #expect(throws: SafetensorsError.self) { try SafetensorsFile.read(from: "/nonexistent/x.safetensors") }
    }

    @Test func checkpointHasDocumentedNamesAndMetadata() throws {
        var configuration = TrainingConfiguration()
        configuration.task = TaskSpec(.xor)
        configuration.hiddenWidths = [8]
        let trainer = try Trainer(configuration: configuration)
        for _ in 0..<3 { trainer.trainStep() }
        let file = try Checkpoint.file(for: trainer)
        let expectedNames: Set = [
            "embedding.weight", "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
        ]
        let optimizerNames = expectedNames.flatMap { ["optimizer.exp_avg.\($0)", "optimizer.exp_avg_sq.\($0)"] }
        #expect(Set(file.tensors.keys) == expectedNames.union(optimizerNames))
        #expect(file.tensors["layers.0.weight"]?.shape == [8, 64])
        #expect(file.metadata["step"] == "3")
        #expect(file.metadata["format"] == Checkpoint.format)
        #expect(file.metadata["rng_state"] == "\(trainer.generator.state)")
        // A checkpoint whose tensors do not fit its config is refused.
        var broken = file
        broken.tensors["layers.1.bias"] = .init(shape: [3], values: [0, 0, 0])
        #expect(throws: SafetensorsError.self) { try Checkpoint.trainer(from: broken) }
        broken = file
        broken.metadata["format"] = "other/9"
        #expect(throws: SafetensorsError.self) { try Checkpoint.trainer(from: broken) }
    }
}
