import Foundation
import Snapshots

/// What fills one chart slot of the dashboard: a built-in panel (loss, accuracy, LMN, L2 — several
/// series with their own styling) or any one series of the stream by name (`lr`, `grad_norm`, …).
/// Chosen with `--charts` and cycled on the focused slot with `g` (docs/architecture.md, "Adding a metric").
public enum ChartSlot: Hashable, Sendable {
    case panel(ChartPanel)
    case series(String)

    public static let loss = ChartSlot.panel(.loss)
    public static let accuracy = ChartSlot.panel(.accuracy)
    public static let lmn = ChartSlot.panel(.lmn)
    public static let l2 = ChartSlot.panel(.l2)
    public static let layerNorms = ChartSlot.panel(.layerNorms)

    /// The built-in panels a slot can hold, in the order `g` visits them.
    public static let builtIn: [ChartSlot] = [.loss, .accuracy, .lmn, .l2]
    /// The default slots: the four built-in panels.
    public static let standard = builtIn
    public static let maximumCount = 4

    /// The series a built-in panel draws (a slot naming one of these is already on screen).
    public static let builtInSeries: Set<String> = [
        MetricName.trainLoss, MetricName.testLoss, MetricName.trainAccuracy, MetricName.testAccuracy,
        MetricName.lmn, MetricName.l2,
    ]

    /// `loss`, `accuracy`, `lmn`, `l2` name the built-in panels; anything else names a series.
    public init(name: String) {
        switch name {
        case "loss": self = .loss
        case "accuracy": self = .accuracy
        case "lmn": self = .lmn
        case "l2": self = .l2
        default: self = .series(name)
        }
    }

    /// Parses a `--charts` value: 1–4 comma-separated names, no empty names, no control characters.
    public static func parseList(_ text: String) throws(ChartListError) -> [ChartSlot] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if names.allSatisfy(\.isEmpty) { throw .empty }
        if names.contains(where: \.isEmpty) { throw .emptyName }
        if names.count > maximumCount { throw .tooMany(names.count) }
        if names.contains(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) {
            throw .controlCharacter
        }
        return names.map(ChartSlot.init(name:))
    }
}

/// Why a `--charts` value was refused; the description says what to do.
public enum ChartListError: Error, Equatable, CustomStringConvertible {
    case empty, emptyName, tooMany(Int), controlCharacter

    public var description: String {
        let hint = "give 1–4 comma-separated names, e.g. loss,accuracy,lmn,grad_norm"
        switch self {
        case .empty: return "--charts is empty; \(hint)"
        case .emptyName: return "--charts has an empty name (two commas or a trailing comma); \(hint)"
        case .tooMany(let n): return "--charts names \(n) charts but the dashboard has 4 slots; \(hint)"
        case .controlCharacter: return "--charts contains a control character; \(hint)"
        }
    }
}
