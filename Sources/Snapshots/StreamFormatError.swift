/// A format version as written in a header: `"grokscope/1"` plus `format_minor`
/// (`"grokscope/1.2"` is accepted too).
public struct StreamFormatVersion: Sendable, Equatable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// nil when `format` is not `grokscope/<major>[.<minor>]`.
    init?(parsing format: String, minor minorField: Int?) {
        let prefix = StreamFormat.name + "/"
        guard format.hasPrefix(prefix) else { return nil }
        let parts = format.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let major = Self.count(parts[0]) else { return nil }
        var minor = minorField ?? 0
        if parts.count == 2 {
            guard let inline = Self.count(parts[1]) else { return nil }
            minor = inline
        }
        self.init(major: major, minor: minor)
    }

    /// Decimal digits as a number; more than `Int` holds reads as `Int.max` (an unknown, newer version).
    private static func count(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(digits) ?? Int.max
    }

    public var description: String {
        func text(_ n: Int) -> String { n == Int.max ? "(a number beyond \(Int.max - 1))" : "\(n)" }
        return "\(StreamFormat.name)/\(text(major)) (minor \(text(minor)))"
    }
}

/// The stream was written in a major format version this reader does not understand. Reading stops:
/// guessing at the meaning of another major version could show wrong numbers.
public struct StreamFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public let found: StreamFormatVersion
    public let supportedMajor: Int

    public init(found: StreamFormatVersion, supportedMajor: Int = StreamFormat.major) {
        self.found = found
        self.supportedMajor = supportedMajor
    }

    public var description: String {
        if found.major > supportedMajor {
            return "this stream is \(found); this grokscope reads only \(StreamFormat.name)/\(supportedMajor). "
                + "Upgrade grokscope to a version that reads format \(found.major) "
                + "(see docs/snapshot-format.md, \"Versioning\")."
        }
        return "this stream is \(found), an older major format than \(StreamFormat.name)/\(supportedMajor); "
            + "convert it or read it with an older grokscope (see docs/snapshot-format.md, \"Versioning\")."
    }
}
