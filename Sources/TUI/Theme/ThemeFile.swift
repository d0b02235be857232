import Foundation

/// Reading a theme file within the limits of docs/limits.md: a theme is a few hundred bytes, so a
/// huge file or an alias bomb is refused before YAML parsing starts (a 100 MB file took 3.7 GB).
enum ThemeFile {
    /// Theme files larger than this are refused.
    static let maxBytes = 64 << 10
    /// YAML aliases (`*name`) beyond this are refused: few aliases cannot expand to much.
    static let maxAliases = 32

    static func text(at path: String) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ThemeError(file: path, line: nil, problem: "is a directory, not a theme file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maxBytes else {
            throw ThemeError(
                file: path, line: nil, problem: "is \(size) bytes; theme files are limited to \(maxBytes / 1024) KiB")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ThemeError(file: path, line: nil, problem: "cannot be opened for reading (check its permissions)")
        }
        defer { try? handle.close() }
        // Read at most one byte more than the limit: the size may have changed (or be a device).
        let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
        guard data.count <= maxBytes else {
            throw ThemeError(
                file: path, line: nil, problem: "is larger than the \(maxBytes / 1024) KiB limit for theme files")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: nil, problem: "is not UTF-8 text")
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw ThemeError(
                file: path, line: nil, problem: "is empty; a theme needs 'name' and 'roles' (docs/themes.md)")
        }
        let aliases = aliasCount(text)
        guard aliases <= maxAliases else {
            throw ThemeError(
                file: path, line: nil, problem: "uses \(aliases) YAML aliases; at most \(maxAliases) are allowed")
        }
        return text
    }

    /// `*name` tokens where YAML allows an alias (after space, `[`, `{`, `,`, `:` or a line start).
    /// Over-counts a `*x` inside a quoted string, which only matters past the limit.
    static func aliasCount(_ text: String) -> Int {
        var count = 0
        var previous: UInt8 = 0x0A
        var afterStar = false
        for byte in text.utf8 {
            if afterStar, byte != 0x20, byte != 0x0A, byte != 0x09 { count += 1 }
            afterStar = byte == UInt8(ascii: "*") && [0x20, 0x0A, 0x09, 0x5B, 0x7B, 0x2C, 0x3A].contains(previous)
            previous = byte
        }
        return count
    }
}
