import Foundation
import Snapshots

/// Parses a playback length for `replay --duration`: `90` (seconds), `60s`, `2m`, `1m30s`, `1h`,
/// `1.5m`. Units h, m, s, each at most once and in that order; the total must be positive and at
/// most a day. Errors say what was wrong and show a valid example.
public enum PlaybackDuration {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    public static let maximumSeconds = 86_400.0

    public static func parse(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let shown = UntrustedText(text).sanitized
        func fail(_ why: String) -> ParseError {
            ParseError(description: "--duration '\(shown)': \(why); write e.g. 60s, 2m, 1m30s or 90 (seconds)")
        }
        guard !trimmed.isEmpty else { throw fail("empty") }
        var total = 0.0
        var number = ""
        var usedUnits: [Character] = []
        let order: [Character] = ["h", "m", "s"]
        for ch in trimmed {
            if ch.isASCII && (ch.isNumber || ch == ".") {
                number.append(ch)
                continue
            }
            let unit = Character(ch.lowercased())
            let shownUnit = UntrustedText(String(ch)).sanitized
            guard let rank = order.firstIndex(of: unit) else {
                throw fail("'\(shownUnit)' is not a unit (use h, m or s)")
            }
            guard !number.isEmpty, let value = Double(number) else {
                throw fail("a number must come before '\(shownUnit)'")
            }
            if let previous = usedUnits.last, let prevRank = order.firstIndex(of: previous), prevRank >= rank {
                throw fail("units must appear once each, in the order h, m, s")
            }
            usedUnits.append(unit)
            total += value * [3600, 60, 1][rank]
            number = ""
        }
        if !number.isEmpty {
            guard let value = Double(number) else { throw fail("'\(number)' is not a number") }
            guard usedUnits.isEmpty else { throw fail("'\(number)' needs a unit after \(usedUnits.last!)") }
            total += value
        }
        guard total.isFinite, total > 0 else { throw fail("the duration must be longer than 0 s") }
        guard total <= maximumSeconds else { throw fail("at most 24h") }
        return total
    }
}
