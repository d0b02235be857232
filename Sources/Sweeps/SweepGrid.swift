/// A sweep: a preset, a grid of training options and a list of seeds. Every combination is one run of
/// `grokscope train --headless`, named by its settings (docs/sweeps.md).
public struct SweepGrid: Sendable, Equatable {
    /// One axis of the grid: a `train` option (without `--`) and the values it takes, in order.
    public struct Axis: Sendable, Equatable {
        public var option: String
        public var values: [String]
    }

    /// The `train` options a grid may vary (the recipe; not cadence or output options, which the sweep
    /// sets itself), with the short name used in run names.
    public static let sweepableOptions: KeyValuePairs<String, String> = [
        "weight-decay": "wd", "train-fraction": "frac", "lr": "lr", "init-scale": "alpha", "hidden": "hidden",
        "embedding-dim": "emb", "modulus": "p", "task": "task", "activation": "act", "steps": "steps",
        "beta1": "b1", "beta2": "b2", "eps": "eps", "batch-size": "batch", "precision": "prec",
    ]

    /// The most runs one sweep may have (a typo such as `--seeds 0-99999` must not launch a million runs).
    public static let maxRuns = 10_000

    public var preset: String
    public var axes: [Axis]
    public var seeds: [UInt64]

    public init(preset: String, axes: [Axis], seeds: [UInt64]) {
        self.preset = preset
        self.axes = axes
        self.seeds = seeds
    }

    /// Parses `--grid weight-decay=0,0.1,0.3` (values separated by commas; `hidden` values use `x` between
    /// widths, e.g. `hidden=100x100,256`, turned into `--hidden 100,100` for the run).
    public static func axis(_ text: String) throws(SweepError) -> Axis {
        guard let equals = text.firstIndex(of: "=") else {
            throw SweepError("--grid '\(text)' is not OPTION=V1,V2,…; e.g. --grid weight-decay=0,0.1,1")
        }
        let option = String(text[..<equals]).trimmingPrefix("--")
        guard sweepableOptions.contains(where: { $0.key == option }) else {
            let names = sweepableOptions.map(\.key).joined(separator: ", ")
            throw SweepError("--grid '\(option)' is not an option a sweep can vary; use one of \(names)")
        }
        let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty && isSafeValue($0) }) else {
            throw SweepError("--grid \(option): every value must be non-empty letters, digits, '.', '-', '+' or 'x'")
        }
        guard Set(values).count == values.count else { throw SweepError("--grid \(option): a value is repeated") }
        return Axis(option: option, values: values)
    }

    /// Parses `--seeds 0-2`, `--seeds 0,3,7` or a mix (`0-2,10`).
    public static func seeds(_ text: String) throws(SweepError) -> [UInt64] {
        var result: [UInt64] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2, let low = UInt64(bounds[0]), let high = UInt64(bounds.last!), low <= high else {
                throw SweepError("--seeds '\(text)' is not a list of seeds or ranges; e.g. --seeds 0-2 or 0,5,9")
            }
            guard high - low < UInt64(maxRuns) else { throw SweepError("--seeds \(part): more than \(maxRuns) seeds") }
            result += Array(low...high)
        }
        guard !result.isEmpty, Set(result).count == result.count else {
            throw SweepError("--seeds '\(text)': give each seed once")
        }
        return result
    }

    /// Every run of the grid, axes in the order given (the first varies slowest), seeds innermost.
    public func runs() throws(SweepError) -> [SweepRun] {
        let count = axes.reduce(seeds.count) { total, axis in
            total.multipliedReportingOverflow(by: axis.values.count).overflow ? Int.max : total * axis.values.count
        }
        guard count <= Self.maxRuns else {
            throw SweepError("the grid has \(count) runs; at most \(Self.maxRuns) (split the sweep)")
        }
        var combinations: [[(String, String)]] = [[]]
        for axis in axes {
            combinations = combinations.flatMap { prefix in axis.values.map { prefix + [(axis.option, $0)] } }
        }
        return combinations.flatMap { settings in
            seeds.map { SweepRun(preset: preset, settings: settings.map { SweepRun.Setting(option: $0.0, value: $0.1) }, seed: $0) }
        }
    }

    private static func isSafeValue(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy {
            ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ".-+_".unicodeScalars.contains($0)
        }
    }
}

/// A sweep that cannot be set up: one line saying what and how to fix it.
public struct SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
