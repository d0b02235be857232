import Snapshots

/// Maps TensorBoard tags to grokscope series names, so the phase detector and the charts find train/test
/// loss and accuracy whatever the trainer called them (`Loss/train`, `train_loss`, `epoch_val_accuracy`,
/// …). Explicit `--map TAG=SERIES` entries win; a series name ending in `%` means "divide by 100"
/// (accuracy logged in percent). Tags that match no rule keep their own name as the series name.
public struct TagMap: Sendable, Equatable {
    public struct Target: Sendable, Equatable {
        public var series: String
        public var scale: Double

        public init(series: String, scale: Double) {
            self.series = series
            self.scale = scale
        }
    }

    public private(set) var explicit: [String: Target] = [:]

    public init() {}

    /// Parses `TAG=SERIES` (or `TAG=SERIES%`), as given to `--map`.
    public mutating func add(_ assignment: String) throws {
        guard let equals = assignment.lastIndex(of: "="), equals != assignment.startIndex,
            assignment.index(after: equals) != assignment.endIndex
        else {
            throw TagMapError(assignment: assignment)
        }
        let tag = String(assignment[..<equals])
        var series = String(assignment[assignment.index(after: equals)...])
        var scale = 1.0
        if series.hasSuffix("%") {
            series.removeLast()
            scale = 0.01
        }
        guard !series.isEmpty else { throw TagMapError(assignment: assignment) }
        explicit[tag] = Target(series: series, scale: scale)
    }

    public func target(for tag: String) -> Target {
        if let mapped = explicit[tag] { return mapped }
        return Target(series: Self.conventionalName(tag) ?? tag, scale: 1)
    }

    /// The grokscope name for the usual spellings: a split word (train/training, or
    /// test/val/valid/validation/eval/dev) and a metric word (loss, or acc/accuracy), in any order,
    /// separated by `/`, `_`, `-`, `.` or spaces, with Keras' `epoch` prefix allowed. A bare `loss` or
    /// `accuracy` is the training one (Keras). Also `lmn`, and `l2`/`weight_norm`/`param_norm` for the norm.
    public static func conventionalName(_ tag: String) -> String? {
        let words = tag.lowercased().split(whereSeparator: { "/_-. ".contains($0) }).map(String.init)
            .filter { $0 != "epoch" }
        if words == ["lmn"] { return MetricName.lmn }
        if ["l2", "l2norm", "l2_norm", "weight_norm", "param_norm", "parameter_norm", "weights_norm"]
            .contains(words.joined(separator: "_"))
        {
            return MetricName.l2
        }
        let trainWords: Set = ["train", "training"]
        let testWords: Set = ["test", "val", "valid", "validation", "eval", "dev"]
        var split: String?
        var metric: String?
        for word in words {
            if trainWords.contains(word), split == nil {
                split = "train"
            } else if testWords.contains(word), split == nil {
                split = "test"
            } else if word == "loss", metric == nil {
                metric = "loss"
            } else if ["acc", "accuracy"].contains(word), metric == nil {
                metric = "acc"
            } else {
                return nil
            }
        }
        guard let metric else { return nil }
        return "\(split ?? "train")_\(metric)"
    }
}

/// A `--map` value that is not `TAG=SERIES`.
public struct TagMapError: Error, CustomStringConvertible, Sendable {
    public let assignment: String
    public var description: String {
        "--map '\(UntrustedText(assignment))' is not TAG=SERIES (e.g. --map 'Loss/val=test_loss', or "
            + "'acc/val=test_acc%' for accuracy logged in percent)"
    }
}
