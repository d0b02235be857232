import Runs

/// Which columns fit a width, and how wide each is: the lowest-priority columns go first on narrow
/// terminals; the name column takes what is left (up to `maxNameWidth`).
struct RunsTableLayout: Equatable {
    struct Placed: Equatable {
        let column: RunColumn
        let x: Int
        let width: Int
    }
    let columns: [Placed]

    static let minNameWidth = 16
    static let maxNameWidth = 40

    static func width(of column: RunColumn) -> Int {
        switch column {
        case .name: return minNameWidth
        case .status: return 7
        case .phase: return 11
        case .step: return 11
        case .tMem, .tGen, .delay: return 6
        case .lmnDrop: return 8
        case .correlation: return 8
        case .testAccuracy: return 8
        case .accuracyTrace: return 12
        case .lmnTrace: return 10
        }
    }

    /// Names up to this long are shown whole even if a low-priority column must go for it
    /// (`wd0.1_frac0.3_seed2` and the mark prefix); longer ones only get spare room.
    static let guaranteedNameWidth = 24

    /// `keeping` (the sort column) is never dropped, so the order on screen stays explained.
    /// `nameWidth` is the widest name cell wanted (mark prefix included).
    init(width: Int, keeping: RunColumn? = nil, nameWidth: Int = 0) {
        var kept = RunColumn.allCases
        let nameNeed = max(Self.minNameWidth, min(nameWidth, Self.guaranteedNameWidth))
        func total(_ cs: [RunColumn]) -> Int {
            cs.map { $0 == .name ? nameNeed : Self.width(of: $0) }.reduce(0, +) + max(0, cs.count - 1)
        }
        while total(kept) > width,
            let drop = kept.filter({ $0.priority < 100 && $0 != keeping }).min(by: { a, b in
                a.priority != b.priority
                    ? a.priority < b.priority
                    : RunColumn.allCases.firstIndex(of: a)! > RunColumn.allCases.firstIndex(of: b)!
            })
        {
            kept.removeAll { $0 == drop }
        }
        let spare = max(0, width - total(kept))
        var x = 0
        var placed: [Placed] = []
        for column in kept {
            var w = Self.width(of: column)
            if column == .name { w = min(max(Self.maxNameWidth, nameNeed), nameNeed + spare) }
            placed.append(Placed(column: column, x: x, width: w))
            x += w + 1
        }
        columns = placed
    }

    var visibleColumns: [RunColumn] { columns.map(\.column) }
}
