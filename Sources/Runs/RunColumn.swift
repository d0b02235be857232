import Phases

/// The runs table's columns, in display order. `priority` decides which ones a narrow terminal drops
/// (lowest first); the name, status and phase always stay.
public enum RunColumn: String, Sendable, Equatable, CaseIterable {
    case name, status, phase, step, tMem = "t_mem", tGen = "t_gen", delay
    case lmnDrop = "LMN drop", correlation = "r(L,LMN)", testAccuracy = "test acc"
    case accuracyTrace = "acc trace", lmnTrace = "LMN trace"

    public var title: String { rawValue }

    /// Higher stays longer when the width runs out.
    public var priority: Int {
        switch self {
        case .name, .status, .phase: return 100
        case .step: return 80
        case .testAccuracy: return 70
        case .delay: return 60
        case .accuracyTrace: return 55
        case .tMem, .tGen: return 50
        case .lmnDrop: return 40
        case .lmnTrace: return 35
        case .correlation: return 30
        }
    }

    /// Whether the table can sort by it (the traces cannot).
    public var isSortable: Bool { self != .accuracyTrace && self != .lmnTrace }

    public static var sortable: [RunColumn] { allCases.filter(\.isSortable) }
}

extension RunRow {
    enum Order { case less, same, greater, missingFirst, missingSecond }

    /// How two rows compare in a column; a missing (or NaN) value is reported, not ordered, so the
    /// table can keep it last whichever way it sorts.
    func order(_ other: RunRow, by column: RunColumn) -> Order {
        func cmp<T: Comparable>(_ a: T?, _ b: T?) -> Order {
            let a = a.flatMap { ($0 as? Double)?.isNaN == true ? nil : $0 }
            let b = b.flatMap { ($0 as? Double)?.isNaN == true ? nil : $0 }
            switch (a, b) {
            case (nil, nil): return .same
            case (nil, _): return .missingFirst
            case (_, nil): return .missingSecond
            case let (a?, b?): return a == b ? .same : (a < b ? .less : .greater)
            }
        }
        switch column {
        case .name: return cmp(name, other.name)
        case .status:
            return cmp(RunStatus.allCases.firstIndex(of: status), RunStatus.allCases.firstIndex(of: other.status))
        case .phase: return cmp(Self.phaseOrder(verdict), Self.phaseOrder(other.verdict))
        case .step: return cmp(step, other.step)
        case .tMem: return cmp(tMem, other.tMem)
        case .tGen: return cmp(tGen, other.tGen)
        case .delay: return cmp(delay, other.delay)
        case .lmnDrop: return cmp(lmnDrop, other.lmnDrop)
        case .correlation: return cmp(lossLMNCorrelation, other.lossLMNCorrelation)
        case .testAccuracy, .accuracyTrace: return cmp(testAccuracy, other.testAccuracy)
        case .lmnTrace: return cmp(lmnTrace.last, other.lmnTrace.last)
        }
    }

    /// Progress order of the verdicts: not yet < memorizing < not generalizing < memorized (waiting, or
    /// compression not measured) < compressing < generalized < no grokking (docs/phases.md).
    static func phaseOrder(_ v: Phases.PhaseVerdict) -> Int {
        switch v {
        case .notYet: return 0
        case .memorizing: return 1
        case .notGeneralizing: return 2
        case .memorized, .compressionNotMeasured: return 3
        case .compressing: return 4
        case .generalized: return 5
        case .noGrokking: return 6
        }
    }
}
