/// When the data earns the word "compressing" (docs/phases.md, "compressing"): after `t_mem`, LMN has
/// dropped at least `minimumLMNDrop` below its post-memorization peak, and from one LMN evaluation to
/// the next both LMN and test loss fell (test loss by at least `minimumTestLossFall`), for
/// `window` consecutive LMN evaluations. The compression start is the window's first step.
public struct CompressionRule: Sendable, Equatable {
    /// Fraction below the post-memorization LMN peak, e.g. 0.1 = 10%.
    public var minimumLMNDrop: Double
    /// Relative fall of test loss between consecutive LMN evaluations, e.g. 0.01 = 1%.
    public var minimumTestLossFall: Double
    /// Consecutive LMN evaluations the condition must hold for (≥ 1).
    public var window: Int

    public init(minimumLMNDrop: Double = 0.1, minimumTestLossFall: Double = 0.01, window: Int = 3) {
        self.minimumLMNDrop = minimumLMNDrop
        self.minimumTestLossFall = minimumTestLossFall
        self.window = max(1, window)
    }

    public static let `default` = CompressionRule()
}

/// When a memorized run is "not generalizing" (docs/phases.md): `span` steps or more after `t_mem`,
/// and over the last `span` steps test loss never got `minimumFall` below its value at the span's
/// start (flat or rising, whatever LMN does).
public struct StallRule: Sendable, Equatable {
    /// Length of the look-back, in training steps.
    public var span: Int
    /// Relative fall of test loss that counts as progress over the span, e.g. 0.05 = 5%.
    public var minimumFall: Double

    public init(span: Int = 2000, minimumFall: Double = 0.05) {
        self.span = max(1, span)
        self.minimumFall = minimumFall
    }

    public static let `default` = StallRule()
}

/// The XOR "solution switch" (docs/phases.md): after `t_gen`, with the generalization condition still
/// holding, LMN rises `minimumRise` above its post-`t_gen` minimum for `window` consecutive LMN
/// evaluations. A lapse of the generalization condition restarts the search.
public struct SolutionSwitchRule: Sendable, Equatable {
    /// Fraction above the post-`t_gen` LMN minimum, e.g. 0.2 = +20%.
    public var minimumRise: Double
    /// Consecutive LMN evaluations the rise must hold for (≥ 1).
    public var window: Int

    public init(minimumRise: Double = 0.2, window: Int = 3) {
        self.minimumRise = minimumRise
        self.window = max(1, window)
    }

    public static let `default` = SolutionSwitchRule()
}
