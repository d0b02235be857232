import Engine
import Foundation
import Testing

/// Checkpoints record the precision (dtype F64 tensors, `config.precision`) and resume only in it.
@Suite("Float64 checkpoints")
struct Float64CheckpointTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("f64-\(UUID().uuidString).safetensors").path
    }

    @Test func float64CheckpointStoresF64AndResumesBitForBit() throws {
        let configuration = Float64TrainingTests.configuration(.f64)
        let uninterrupted = try TrainerOf<Double>(configuration: configuration)
        for _ in 0..<40 { uninterrupted.trainStep() }
        let first = try TrainerOf<Double>(configuration: configuration)
        for _ in 0..<20 { first.trainStep() }
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(first, to: path)

        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4_096), as: UTF8.self)
        #expect(header.contains("\"dtype\":\"F64\"") && !header.contains("\"F32\""))
        let resumed = try Checkpoint.loadAny(from: path)
        guard case .f64(let trainer) = resumed else {
            Issue.record("an f64 checkpoint resumed as \(resumed.precision)")
            return
        }
        for _ in 0..<20 { trainer.trainStep() }
        #expect(trainer.model.parameters.values == uninterrupted.model.parameters.values)
        #expect(trainer.optimizer == uninterrupted.optimizer)
    }

    @Test func resumeRefusesTheOtherPrecision() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(try TrainerOf<Double>(configuration: Float64TrainingTests.configuration(.f64)), to: path)
        #expect(try Checkpoint.loadAny(from: path, precision: .f64).precision == .f64)
        do {
            _ = try Checkpoint.loadAny(from: path, precision: .f32)
            Issue.record("an f64 checkpoint resumed with --precision f32")
        } catch let error as SafetensorsError {
            #expect("\(error)".contains("f64") && "\(error)".contains("--precision"), "\(error)")
        }
        #expect(throws: SafetensorsError.self) { try Checkpoint.load(from: path) }  // the float32 loader

        let f32Path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: f32Path) }
        try Checkpoint.save(try Trainer(configuration: Float64TrainingTests.configuration(.f32)), to: f32Path)
        #expect(try Checkpoint.loadAny(from: f32Path).precision == .f32)
        #expect(throws: SafetensorsError.self) { try Checkpoint.loadAny(from: f32Path, precision: .f64) }
    }

    @Test func aConfigurationWithoutPrecisionDecodesAsFloat32() throws {
        var configuration = Float64TrainingTests.configuration(.f64)
        let encoded = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(TrainingConfiguration.self, from: encoded).precision == .f64)
        var object = try JSONSerialization.jsonObject(with: encoded) as! [String: Any]
        object["precision"] = nil
        let legacy = try JSONSerialization.data(withJSONObject: object)
        configuration.precision = .f32
        #expect(try JSONDecoder().decode(TrainingConfiguration.self, from: legacy) == configuration)
        object["precision"] = "f16"
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                TrainingConfiguration.self, from: try JSONSerialization.data(withJSONObject: object))
        }
    }
}
