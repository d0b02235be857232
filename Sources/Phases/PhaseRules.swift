import Snapshots

/// One threshold on one metric, e.g. "train acc ≥ 1.00" or "test loss ≤ 0.01".
public struct MetricCondition: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: Sendable, Equatable {
        case atLeast, atMost
    }

    public var metric: String
    public var comparison: Comparison
    public var threshold: Double

    public init(metric: String, _ comparison: Comparison, _ threshold: Double) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
    }

    /// Whether `value` satisfies the condition. Non-finite values never do: a diverged metric must not
    /// confirm a phase.
    public func holds(for value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch comparison {
        case .atLeast: return value >= threshold
        case .atMost: return value <= threshold
        }
    }

    /// "train acc ≥ 1.00"
    public var description: String {
        let name = String(metric.map { $0 == "_" ? " " : $0 })
        let symbol = comparison == .atLeast ? "≥" : "≤"
        return "\(name) \(symbol) \(formatThreshold(threshold))"
    }
}

/// The condition that marks one boundary. The primary condition is used when the evaluation carries
/// its metric (accuracy); otherwise the fallback (loss), for tasks without accuracy. An evaluation
/// carrying neither is neutral: it neither extends nor breaks a window.
public struct BoundaryRule: Sendable, Equatable {
    public var primary: MetricCondition
    public var fallback: MetricCondition?

    public init(primary: MetricCondition, fallback: MetricCondition? = nil) {
        self.primary = primary
        self.fallback = fallback
    }

    /// `nil` when the evaluation has neither metric; otherwise whether the condition holds and which
    /// condition decided it.
    public func check(_ evaluation: Evaluation) -> (holds: Bool, condition: MetricCondition)? {
        if let value = evaluation.metrics[primary.metric] { return (primary.holds(for: value), primary) }
        if let fallback, let value = evaluation.metrics[fallback.metric] {
            return (fallback.holds(for: value), fallback)
        }
        return nil
    }
}

/// How close `t_gen` may follow `t_mem` and still count as "no grokking (generalized while fitting)".
public enum NoGrokkingMargin: Sendable, Equatable {
    /// `t_gen` is at most this many evaluations after `t_mem`.
    case evaluations(Int)
    /// `t_gen − t_mem` is at most this many steps.
    case steps(Int)
}

/// The operational phase rules (docs/phases.md). All thresholds are options.
public struct PhaseRules: Sendable, Equatable {
    /// Marks `t_mem` (end of memorization).
    public var memorization: BoundaryRule
    /// Marks `t_gen` (start of generalization).
    public var generalization: BoundaryRule
    /// W: a condition must hold for this many consecutive evaluations (≥ 1).
    public var windowLength: Int
    public var noGrokkingMargin: NoGrokkingMargin
    /// When `[t_mem, t_gen)` counts as compression (docs/phases.md).
    public var compression: CompressionRule
    /// When a memorized run is "not generalizing".
    public var stall: StallRule
    /// The post-generalization LMN rise ("solution switch").
    public var solutionSwitch: SolutionSwitchRule

    public init(
        memorization: BoundaryRule, generalization: BoundaryRule, windowLength: Int = 3,
        noGrokkingMargin: NoGrokkingMargin = .evaluations(2), compression: CompressionRule = .default,
        stall: StallRule = .default, solutionSwitch: SolutionSwitchRule = .default
    ) {
        self.memorization = memorization
        self.generalization = generalization
        self.windowLength = max(1, windowLength)
        self.noGrokkingMargin = noGrokkingMargin
        self.compression = compression
        self.stall = stall
        self.solutionSwitch = solutionSwitch
    }

    /// The named rule sets `--phase-rule` accepts.
    public static let names = ["strict", "paper", "loose"]

    /// `strict`/`paper` or `loose`; `nil` for anything else (callers report a usage error).
    public static func named(_ name: String) -> PhaseRules? {
        switch name {
        case "strict", "paper": return .paper
        case "loose": return .loose
        default: return nil
        }
    }

    /// Accuracy thresholds with loss fallbacks (train/test loss ≤ the given values).
    public static func thresholds(
        trainAccuracy: Double, testAccuracy: Double, trainLoss: Double = 0.01, testLoss: Double = 0.01,
        windowLength: Int = 3, noGrokkingMargin: NoGrokkingMargin = .evaluations(2)
    ) -> PhaseRules {
        PhaseRules(
            memorization: BoundaryRule(
                primary: MetricCondition(metric: MetricName.trainAccuracy, .atLeast, trainAccuracy),
                fallback: MetricCondition(metric: MetricName.trainLoss, .atMost, trainLoss)),
            generalization: BoundaryRule(
                primary: MetricCondition(metric: MetricName.testAccuracy, .atLeast, testAccuracy),
                fallback: MetricCondition(metric: MetricName.testLoss, .atMost, testLoss)),
            windowLength: windowLength, noGrokkingMargin: noGrokkingMargin)
    }

    /// Loss thresholds only (tasks without accuracy, or when accuracy saturates uninformatively).
    public static func lossThresholds(
        trainLoss: Double, testLoss: Double, windowLength: Int = 3,
        noGrokkingMargin: NoGrokkingMargin = .evaluations(2)
    ) -> PhaseRules {
        PhaseRules(
            memorization: BoundaryRule(primary: MetricCondition(metric: MetricName.trainLoss, .atMost, trainLoss)),
            generalization: BoundaryRule(primary: MetricCondition(metric: MetricName.testLoss, .atMost, testLoss)),
            windowLength: windowLength, noGrokkingMargin: noGrokkingMargin)
    }

    /// The paper's rule: train accuracy 100% for `t_mem`, test accuracy 100% for `t_gen`, W = 3.
    public static let paper = thresholds(trainAccuracy: 1.0, testAccuracy: 1.0)
    /// Same as `paper`.
    public static let strict = paper
    /// For noisy tasks: 99% train, 95% test.
    public static let loose = thresholds(trainAccuracy: 0.99, testAccuracy: 0.95)
}

/// "1.00", "0.95", "0.001", "1e-05": two decimals unless that would hide the value.
func formatThreshold(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let scaled = (value * 100).rounded() / 100
    if scaled == value || abs(value) >= 1 {
        let cents = Int((abs(value) * 100).rounded())
        let sign = value < 0 ? "-" : ""
        let fraction = cents % 100
        return "\(sign)\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
    return "\(value)"
}
