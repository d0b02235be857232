/// Text that came from a stream (run names, notes): kept exactly as written, but never to be printed
/// to a terminal as is. `sanitized` replaces control characters (C0, DEL, C1), which carry escape
/// sequences, with U+FFFD, and drops nothing else.
public struct UntrustedText: Sendable, Equatable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The text as it arrived.
    public let raw: String

    public init(_ raw: String) { self.raw = raw }
    public init(stringLiteral value: String) { self.raw = value }

    /// Whether the raw text contains a control character.
    public var hasControlCharacters: Bool { raw.unicodeScalars.contains(where: Self.isControl) }

    /// Safe to put on a terminal: every control scalar becomes U+FFFD.
    public var sanitized: String {
        guard hasControlCharacters else { return raw }
        var out = String.UnicodeScalarView()
        for s in raw.unicodeScalars { out.append(Self.isControl(s) ? "\u{FFFD}" : s) }
        return String(out)
    }

    /// `description` is the sanitized form, so string interpolation is safe by default.
    public var description: String { sanitized }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }
}
