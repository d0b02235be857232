/// A trainer in the precision its configuration asks for (`--precision f32|f64`). The runner holds
/// this; each case is a concrete `TrainerOf<Float>` or `TrainerOf<Double>`, so the switch below calls
/// code the compiler specialized for that type (a protocol existential would run generic code).
public enum AnyTrainer {
    case f32(TrainerOf<Float>)
    case f64(TrainerOf<Double>)

    /// A fresh run in `configuration.precision`.
    public init(configuration: TrainingConfiguration) throws {
        switch configuration.precision {
        case .f32: self = .f32(try TrainerOf<Float>(configuration: configuration))
        case .f64: self = .f64(try TrainerOf<Double>(configuration: configuration))
        }
    }

    public var precision: Precision {
        switch self {
        case .f32: .f32
        case .f64: .f64
        }
    }

    public var configuration: TrainingConfiguration {
        switch self {
        case .f32(let t): t.configuration
        case .f64(let t): t.configuration
        }
    }

    public var dataset: Dataset {
        switch self {
        case .f32(let t): t.dataset
        case .f64(let t): t.dataset
        }
    }

    /// Number of updates applied so far.
    public var step: Int {
        switch self {
        case .f32(let t): t.step
        case .f64(let t): t.step
        }
    }

    /// The weights as a float32 network: the trained model itself in f32, a rounded copy in f64.
    /// LMN and the parameter norms read this (their arithmetic is in `Double` either way; the
    /// rounding moves LMN by ~1e-7 relative).
    public var model: MLP {
        switch self {
        case .f32(let t): t.model
        case .f64(let t): MLP(parameters: t.model.parameters.converted(to: Float.self))
        }
    }

    /// One full step; returns the batch loss before the update.
    @discardableResult
    public func trainStep() -> LossResult {
        switch self {
        case .f32(let t): t.trainStep()
        case .f64(let t): t.trainStep()
        }
    }

    /// Train and test loss and accuracy in the training precision.
    public func evaluateSplits() -> (train: LossResult, test: LossResult) {
        switch self {
        case .f32(let t): t.evaluateSplits()
        case .f64(let t): t.evaluateSplits()
        }
    }
}
