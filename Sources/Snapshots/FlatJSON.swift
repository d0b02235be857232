/// The part of JSON a stream record needs: one object of scalars, at most one level of nested objects
/// (the header's `settings`, an evaluation's `nonfinite`). Both decoding paths (the fast parser and the
/// Foundation fallback) produce this, so one builder turns either into a `Record`.
enum FlatValue: Equatable {
    case null
    case bool(Bool)
    /// An integer literal (no fraction, no exponent) that fits in 64 bits, kept exact for seeds.
    case integer(negative: Bool, magnitude: UInt64)
    /// Any other JSON number; always finite (out-of-range literals are rejected by both paths).
    case number(Double)
    /// A bare `NaN`, `Infinity` or `-Infinity` token, as Python's `json.dumps` writes by default.
    case nonFinite(Double)
    case string(String)
    case object([FlatEntry])
    /// An array or a deeper nesting: well-formed, but no record field uses it.
    case unsupported

    /// The value as a Double when it is numeric.
    var doubleValue: Double? {
        switch self {
        case .integer(let negative, let magnitude): return negative ? -Double(magnitude) : Double(magnitude)
        case .number(let x), .nonFinite(let x): return x
        default: return nil
        }
    }

    /// The value as an Int when it is an integer (an integral Double within range counts too).
    var intValue: Int? {
        switch self {
        case .integer(let negative, let magnitude):
            if negative { return magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil }
            return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
        case .number(let x):
            guard x == x.rounded(), abs(x) < 9.2e18 else { return nil }
            return Int(x)
        default: return nil
        }
    }

    var uint64Value: UInt64? {
        switch self {
        case .integer(false, let magnitude): return magnitude
        case .integer(true, 0): return 0
        default: return nil
        }
    }
}

struct FlatEntry: Equatable {
    var key: String
    var value: FlatValue
}

/// Why a line is not a record, with the 1-based column where the problem was found when known.
struct FlatParseFailure: Error, Equatable {
    var reason: String
    /// True when the line is well-formed JSON of a shape the fast parser leaves to Foundation.
    var needsFoundation: Bool = false

    static let unsupported = FlatParseFailure(reason: "", needsFoundation: true)
}
