/// The help overlay's series line (public so tests reach it without `@testable`).
public enum HelpSeriesLine {
    /// The help overlay's line naming the series beyond the built-in panels (what `g` cycles the
    /// focused chart to), cut to `maxWidth` cells with a count of the rest. nil when there are none.
    public static func text(_ names: [String], maxWidth: Int) -> String? {
        guard !names.isEmpty, maxWidth > 0 else { return nil }
        let prefix = "g also shows: "
        var line = prefix
        for (i, name) in names.enumerated() {
            let piece = (i == 0 ? "" : ", ") + name
            let rest = names.count - i - 1
            let more = rest > 0 ? " (+\(rest) more)" : ""
            // Keep room for the "(+k more)" note of whatever does not fit after this name.
            if DisplayWidth.width(of: line + piece + more) > maxWidth {
                let left = names.count - i
                let note = (i == 0 ? "" : " ") + "(+\(left) more)"
                if i == 0 {
                    return DisplayWidth.width(of: prefix + note) <= maxWidth ? prefix + note : nil
                }
                return line + note
            }
            line += piece
        }
        return line
    }
}
