import Testing

/// Every end-to-end test runs the real release binary. They run one at a time: the machine has few
/// cores, and a training run competing with another for CPU makes screen timing unpredictable.
@Suite("grokscope end to end", .serialized)
enum EndToEnd {
    static let needsTmux = Testing.ConditionTrait.enabled(
        if: Binary.tmuxAvailable, "tmux is not installed (`make test` installs it); terminal tests skipped")
}
