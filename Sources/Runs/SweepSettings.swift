import Foundation

/// The settings of each run of a sweep, read from its `sweep.json` (docs/sweeps.md): the grid's options
/// in grid order, and per run name its values and seed. Absent or unreadable manifest → nil.
public struct SweepSettings: Sendable, Equatable {
    public var options: [String]
    /// Each option's values in grid order.
    public var values: [String: [String]] = [:]
    public var runs: [String: (values: [String: String], seed: UInt64?)]

    public static func == (a: SweepSettings, b: SweepSettings) -> Bool {
        a.options == b.options && a.values == b.values && a.runs.keys == b.runs.keys
            && a.runs.allSatisfy { b.runs[$0.key]?.values == $0.value.values && b.runs[$0.key]?.seed == $0.value.seed }
    }

    public static func read(directory: String) -> SweepSettings? {
        guard let data = FileManager.default.contents(atPath: directory + "/sweep.json") else { return nil }
        return parse(data)
    }

    public static func parse(_ data: Data) -> SweepSettings? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let grid = object["grid"] as? [[String: Any]], let runs = object["runs"] as? [[String: Any]]
        else { return nil }
        var settings = SweepSettings(options: grid.compactMap { $0["option"] as? String }, runs: [:])
        for axis in grid {
            if let option = axis["option"] as? String {
                settings.values[option] = (axis["values"] as? [Any])?.map { "\($0)" } ?? []
            }
        }
        for run in runs {
            guard let name = run["name"] as? String else { continue }
            let values = (run["settings"] as? [String: Any] ?? [:]).compactMapValues { "\($0)" }
            settings.runs[name] = (values, (run["seed"] as? NSNumber).map { $0.uint64Value })
        }
        return settings
    }
}
