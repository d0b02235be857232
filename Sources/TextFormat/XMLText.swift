import Snapshots

/// Text inside SVG/XML documents (the screen export, the report figures, the phase diagram).
public enum XMLText {
    /// Escapes the five XML specials and replaces with U+FFFD anything XML 1.0 forbids or a terminal
    /// must not get (controls, bidi, zero-width), so a figure is well-formed whatever a name holds.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed =
                    v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
                    || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                if allowed && !UntrustedText.isUnsafe(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\u{FFFD}"
                }
            }
        }
        return out
    }
}
