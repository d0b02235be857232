import Foundation

/// Paths of the fixtures made by Fixtures/make-fixtures.py with the real writers.
enum Fixture {
    static var root: String { Bundle.module.resourcePath! + "/Fixtures" }

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The single event file inside a run folder.
    static func eventFile(in folder: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: path(folder))
        let events = names.filter { $0.hasPrefix("events.out.tfevents") }
        guard events.count == 1 else { throw FixtureError(description: "\(folder): \(events.count) event files") }
        return path(folder) + "/" + events[0]
    }

    static func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }

    /// The curves make-fixtures.py logs, as Python computes them (float64, then float32 for simple_value).
    static func trainAccuracy(_ step: Int) -> Double { min(1.0, Double(step) / 40.0) }
    static func testLoss(_ step: Int) -> Double {
        let acc = 1.0 / (1.0 + exp(-(Double(step) - 300) / 15.0))
        return 3.4 + 4.0 * (1 - acc) - 3.3 * acc
    }

    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "gs-tb-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
