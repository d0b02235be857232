import ArgumentParser
import Phases

/// `--phase-rule` and the evidence thresholds of docs/phases.md, shared by every command that runs the
/// phase detector (run/train, watch, replay, report), so all of them decide phases the same way.
struct PhaseRuleOptions: ParsableArguments {
    @Option(help: "Phase thresholds: strict or paper (train/test accuracy 1.0, the paper's rule) or loose (0.99/0.95).")
    var phaseRule = "strict"

    @Option(help: "Compression: fraction LMN must drop below its post-memorization peak (docs/phases.md).")
    var compressionDrop = CompressionRule.default.minimumLMNDrop

    @Option(help: "Compression: relative fall of test loss between consecutive LMN evaluations.")
    var compressionLossFall = CompressionRule.default.minimumTestLossFall

    @Option(help: "Compression: consecutive LMN evaluations the rule must hold for.")
    var compressionWindow = CompressionRule.default.window

    @Option(help: "Not generalizing: steps of look-back over which test loss must fall.")
    var stallSpan = StallRule.default.span

    @Option(help: "Not generalizing: relative fall of test loss that counts as progress over that span.")
    var stallFall = StallRule.default.minimumFall

    @Option(help: "Solution switch: LMN rise above its post-generalization minimum.")
    var switchRise = SolutionSwitchRule.default.minimumRise

    @Option(help: "Solution switch: consecutive LMN evaluations the rise must hold for.")
    var switchWindow = SolutionSwitchRule.default.window

    func validate() throws {
        guard PhaseRules.named(phaseRule) != nil else {
            throw ValidationError(
                "--phase-rule '\(phaseRule)' is unknown; use \(PhaseRules.names.joined(separator: ", "))")
        }
        for (name, value) in [
            ("--compression-drop", compressionDrop), ("--compression-loss-fall", compressionLossFall),
            ("--stall-fall", stallFall),
        ] where !(value >= 0 && value < 1) {
            throw ValidationError("\(name) \(value) is out of range; use a fraction in [0, 1), e.g. 0.1")
        }
        guard switchRise > 0, switchRise.isFinite else {
            throw ValidationError("--switch-rise \(switchRise) must be positive, e.g. 0.2 for +20%")
        }
        for (name, value) in [
            ("--compression-window", compressionWindow), ("--stall-span", stallSpan), ("--switch-window", switchWindow),
        ] where value < 1 {
            throw ValidationError("\(name) \(value) must be at least 1")
        }
    }

    /// The named rule set with the threshold options applied.
    var rules: PhaseRules {
        var rules = PhaseRules.named(phaseRule) ?? .paper
        rules.compression = CompressionRule(
            minimumLMNDrop: compressionDrop, minimumTestLossFall: compressionLossFall, window: compressionWindow)
        rules.stall = StallRule(span: stallSpan, minimumFall: stallFall)
        rules.solutionSwitch = SolutionSwitchRule(minimumRise: switchRise, window: switchWindow)
        return rules
    }
}
