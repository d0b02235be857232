/// Text that came from a stream (run names, notes, metric names) or from a user (paths): kept exactly as
/// written, but never to be printed as is. `sanitized` is the one rule every output path uses (dashboard,
/// `--plain`, reports, error lines): each scalar that could act on a terminal or change how the text
/// around it reads becomes U+FFFD. See docs/untrusted-text.md.
public struct UntrustedText: Sendable, Equatable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The text as it arrived.
    public let raw: String

    public init(_ raw: String) { self.raw = raw }
    public init(stringLiteral value: String) { self.raw = value }

    /// Whether the raw text contains a scalar `sanitized` replaces.
    public var hasControlCharacters: Bool { raw.unicodeScalars.contains(where: Self.isUnsafe) }

    /// Safe to put on a terminal or in a file someone will `cat`: every unsafe scalar becomes U+FFFD.
    public var sanitized: String { Self.sanitize(raw) }

    /// `description` is the sanitized form, so string interpolation is safe by default.
    public var description: String { sanitized }

    /// `text` with every unsafe scalar replaced by U+FFFD (unchanged, without copying, when it has none).
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(isUnsafe(s) ? "\u{FFFD}" : s) }
        return String(out)
    }

    /// Like `sanitize`, but keeps line feeds: for multi-line output (a report, an error with its hint).
    public static func sanitizeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitize(String($0)) }
            .joined(separator: "\n")
    }

    /// C0, DEL and C1 controls (what escape sequences are made of).
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// Controls, plus the invisible scalars that reorder or hide text (bidi overrides, embeddings,
    /// isolates and marks; zero-width spaces and joiners; the word joiner and invisible operators;
    /// the byte-order mark; soft hyphen) and the Unicode line and paragraph separators, which some
    /// terminals and editors treat as line breaks.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0xA0 { return isControl(s) }
        switch v {
        case 0xAD, 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB:
            return true
        default: return false
        }
    }
}
