/// How much memory a training configuration may ask for, estimated before anything is allocated
/// (docs/limits.md). Sizes come from the command line and from checkpoint metadata, so every product
/// is checked: an overflow counts as "too much", never as a crash.
public enum MemoryBudget {
    /// The whole training run (parameters, optimizer state, full-batch activations) must fit here.
    public static let bytes = 4 << 30
    /// Widths beyond this are refused outright (embedding and each hidden layer).
    public static let maxWidth = 65_536
    /// Hidden layers beyond this are refused.
    public static let maxLayers = 64
    /// Steps beyond this are refused: 2^53, the largest step a stream reader accepts.
    public static let maxSteps = 1 << 53

    /// Estimated peak bytes of training `configuration`, or nil when the estimate overflows.
    /// Parameters ×4 (values, gradients, two AdamW moments); activations ×3 (pre-activation,
    /// activation, gradient) for every example at once (evaluation runs over all p² pairs); 8 bytes per
    /// number so the estimate holds for a Double engine too.
    public static func estimate(_ c: TrainingConfiguration) -> (parameters: Int, activations: Int)? {
        let widths = [2 * c.embeddingDimension] + c.hiddenWidths + [c.task.classes]
        var parameters: Int? = product(c.task.vocabulary, c.embeddingDimension)
        for (input, output) in zip(widths, widths.dropFirst()) {
            parameters = sum(parameters, sum(product(input, output), output))
        }
        // A batch larger than the training set is a full batch (Trainer), so all pairs bound the rows.
        guard let rows = product(c.task.vocabulary, c.task.vocabulary) else { return nil }
        let width = widths.reduce(Int?(0)) { sum($0, $1) }
        guard let p = product(parameters, 4 * 8), let a = product(product(rows, width), 3 * 8) else { return nil }
        return (p, a)
    }

    static func product(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : r
    }

    static func sum(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        let (r, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : r
    }

    /// "1.2 GiB"-style text for messages.
    static func text(_ bytes: Int?) -> String {
        guard let bytes else { return "more than 8 EiB" }
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : "\((value * 10).rounded() / 10) \(units[unit])"
    }

    /// Throws a `ConfigurationError` naming the option that makes `c` too big.
    static func check(_ c: TrainingConfiguration) throws {
        let limit = "the limit is \(maxWidth) (docs/limits.md)"
        guard c.embeddingDimension <= maxWidth else {
            throw ConfigurationError(
                option: "embedding-dim", problem: "is \(c.embeddingDimension); \(limit)", fix: "use e.g. 32")
        }
        if let wide = c.hiddenWidths.first(where: { $0 > maxWidth }) {
            throw ConfigurationError(
                option: "hidden", problem: "has a width of \(wide); \(limit)", fix: "use e.g. 100,100")
        }
        guard c.hiddenWidths.count <= maxLayers else {
            throw ConfigurationError(
                option: "hidden", problem: "has \(c.hiddenWidths.count) layers; the limit is \(maxLayers)",
                fix: "use a few layers, e.g. 100,100")
        }
        guard c.steps <= maxSteps else {
            throw ConfigurationError(
                option: "steps", problem: "is \(c.steps); the limit is 2^53 (docs/limits.md)", fix: "use fewer steps")
        }
        let estimate = Self.estimate(c)
        let total = estimate.flatMap { sum($0.parameters, $0.activations) }
        guard let total, total <= bytes else {
            // Name what dominates: the activations grow with p² × widths, the parameters with widths².
            let activationsDominate = estimate.map { $0.activations >= $0.parameters } ?? false
            let option =
                activationsDominate && c.task.kind.usesModulus
                ? "modulus" : (c.hiddenWidths.max() ?? 0) >= c.embeddingDimension ? "hidden" : "embedding-dim"
            throw ConfigurationError(
                option: option,
                problem:
                    "needs about \(text(total)) to train (\(c.task.title), embedding \(c.embeddingDimension), hidden \(c.hiddenWidths.map(String.init).joined(separator: ","))); the memory limit is \(text(bytes)) (docs/limits.md)",
                fix: option == "modulus" ? "use a smaller p (the paper uses 31)" : "use smaller widths")
        }
    }
}
