/// Detects the XOR "solution switch" (docs/phases.md): after `t_gen`, with the generalization condition
/// still holding, LMN rises `minimumRise` above its post-`t_gen` minimum for `window` consecutive LMN
/// evaluations. A lapse of the generalization condition (a slingshot) restarts the search, so an LMN
/// collapse and recovery around a loss spike is not taken for a switch. Latched once confirmed.
struct SolutionSwitchTracker: Sendable, Equatable {
    let rule: SolutionSwitchRule
    private var minimum: WindowSample?
    private var window: StableWindow
    /// The confirmed switch, its end updated to the highest LMN since.
    private(set) var found: SolutionSwitch?

    init(rule: SolutionSwitchRule) {
        self.rule = rule
        window = StableWindow(length: rule.window)
    }

    /// `generalizationHolds`: the `t_gen` condition at this evaluation (`nil`: not measured, neutral).
    /// Returns `true` once, on the evaluation that confirms the switch.
    mutating func feed(_ sample: WindowSample, generalizationHolds: Bool?) -> Bool {
        if var found {
            if let lmn = sample.lmn, lmn.isFinite, lmn > found.lmnTo.value {
                found.lmnTo = StepValue(step: sample.step, value: lmn)
                found.l2To = sample.l2
                self.found = found
            }
            return false
        }
        if generalizationHolds == false {
            minimum = nil
            window = StableWindow(length: rule.window)
            return false
        }
        guard let lmn = sample.lmn else { return false }
        guard lmn.isFinite else { return window.feed(step: sample.step, index: sample.index, holds: false) }
        guard let low = minimum, let lowLMN = low.lmn, lmn >= lowLMN else {
            minimum = sample
            return window.feed(step: sample.step, index: sample.index, holds: false)
        }
        let holds = lmn >= (1 + rule.minimumRise) * lowLMN
        guard window.feed(step: sample.step, index: sample.index, holds: holds), let start = window.start else {
            return false
        }
        found = SolutionSwitch(
            step: start.step, lmnFrom: StepValue(step: low.step, value: lowLMN),
            lmnTo: StepValue(step: sample.step, value: lmn), l2From: low.l2, l2To: sample.l2)
        return true
    }
}
