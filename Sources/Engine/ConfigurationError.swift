/// A training option with a value the engine cannot use: which option, what is wrong, what to do.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The option's name as the user spells it, e.g. `"modulus"`, `"train-fraction"`.
    public var option: String
    public var problem: String
    public var fix: String

    public init(option: String, problem: String, fix: String) {
        self.option = option
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "option '\(option)' \(problem): \(fix)" }
}
