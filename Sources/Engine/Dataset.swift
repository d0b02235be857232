/// All examples of a task, split once into train and test by a seeded shuffle.
public struct Dataset: Sendable {
    public let task: TaskSpec
    /// Every input pair in the task's canonical order (a major, b minor).
    public let all: [Example]
    public let train: [Example]
    public let test: [Example]

    /// Shuffles all pairs with `generator` and keeps the first ⌊fraction · count⌋ for training
    /// (mod 31 at 0.8: 768 train, 193 test).
    public init(task: TaskSpec, trainFraction: Double, generator: inout SplitMix64) throws {
        guard trainFraction > 0, trainFraction < 1 else {
            throw ConfigurationError(
                option: "train-fraction", problem: "is \(trainFraction); it must lie strictly between 0 and 1",
                fix: "use e.g. 0.8 (80% train, 20% test)")
        }
        let all = try task.allExamples()
        let trainCount = Int((trainFraction * Double(all.count)).rounded(.down))
        guard trainCount >= 1, trainCount < all.count else {
            throw ConfigurationError(
                option: "train-fraction",
                problem: "is \(trainFraction), which leaves \(trainCount) of \(all.count) examples for training",
                fix: "choose a fraction that keeps at least one example in each split")
        }
        var shuffled = all
        generator.shuffle(&shuffled)
        self.task = task
        self.all = all
        self.train = Array(shuffled[..<trainCount])
        self.test = Array(shuffled[trainCount...])
    }
}
