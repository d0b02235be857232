import Foundation

/// `sweep.json` in the sweep's folder: the grid, seeds and every run's files, so `watch`, `report` and a
/// re-run know what belongs to the sweep (docs/sweeps.md). Written atomically.
public enum SweepManifest {
    public static let fileName = "sweep.json"
    public static let format = "grokscope-sweep/1"

    public static func json(grid: SweepGrid, runs: [SweepRun], extra: [String]) -> [String: Any] {
        [
            "format": format,
            "preset": grid.preset,
            "grid": grid.axes.map { ["option": $0.option, "values": $0.values] },
            "seeds": grid.seeds.map { NSNumber(value: $0) },
            "extra_arguments": extra,
            "runs": runs.map { run -> [String: Any] in
                [
                    "name": run.name, "seed": NSNumber(value: run.seed),
                    "settings": Dictionary(uniqueKeysWithValues: run.settings.map { ($0.option, $0.value) }),
                    "log": run.name + ".ndjson", "checkpoint": run.name + ".safetensors",
                ]
            },
        ]
    }

    /// Writes the manifest, or refuses when the folder already holds a different sweep: another preset,
    /// grid or seeds (re-running the same grid is fine, with other options after `--` too: it resumes).
    public static func write(grid: SweepGrid, runs: [SweepRun], extra: [String], directory: String) throws(SweepError) {
        let path = directory + "/" + fileName
        let object = json(grid: grid, runs: runs, extra: extra)
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { throw SweepError("cannot encode \(fileName)") }
        // The same grid may be re-run with other options for its runs (e.g. more --steps); another grid may
        // not share the folder, or a re-run would mistake its runs for this one's.
        if let existing = FileManager.default.contents(atPath: path),
            let old = (try? JSONSerialization.jsonObject(with: existing)) as? [String: Any]
        {
            let identity = ["format", "preset", "grid", "seeds"]
            let same = identity.allSatisfy { key in
                (old[key].map { [$0] as NSArray } ?? []) == (object[key].map { [$0] as NSArray } ?? [])
            }
            if !same {
                throw SweepError(
                    "\(directory) already holds a different sweep (\(fileName)); choose another --out or remove it")
            }
        }
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data),
            rename(temporary, path) == 0
        else {
            throw SweepError("cannot write \(path): \(String(cString: strerror(errno))). Choose a folder you may write to.")
        }
    }
}
