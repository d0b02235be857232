import Foundation
import TUI
import Testing

/// Issue 11 §2/§4: theme files are small, and their errors say what the file is.
@Suite struct ThemeLimitTests {
    static func problem(_ contents: String?, directory: Bool = false) -> String? {
        let path = NSTemporaryDirectory() + "theme-\(UUID().uuidString).yaml"
        if directory {
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } else {
            #expect(FileManager.default.createFile(atPath: path, contents: Data((contents ?? "").utf8)))
        }
        do {
            _ = try Theme.load(path)
            return nil
        } catch let error as ThemeError {
            return error.problem
        } catch {
            return "\(error)"
        }
    }

    static let valid = "name: ok\nroles:\n  text: 252\n"

    @Test func oversizedFilesAreRefusedBeforeParsing() {
        let big = Self.valid + "# " + String(repeating: "x", count: 70 << 10) + "\n"
        #expect(Self.problem(big)?.contains("limited to 64 KiB") == true)
        #expect(Self.problem(Self.valid) == nil)
    }

    @Test func aliasBombsAreRefused() {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            bomb +=
                "l\(level): &l\(level) ["
                + Array(repeating: "*\(level == 1 ? "a" : "l\(level - 1)")", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(Self.problem(Self.valid + bomb)?.contains("YAML aliases") == true)
        // A couple of aliases are fine as far as the limit goes (the unknown key is the next problem).
        #expect(Self.problem(Self.valid + "a: &a 1\nb: *a\n")?.contains("aliases") == false)
    }

    @Test func directoriesAndEmptyFilesAreNamed() {
        #expect(Self.problem(nil, directory: true) == "is a directory, not a theme file")
        #expect(Self.problem("")?.hasPrefix("is empty") == true)
        #expect(Self.problem("  \n")?.hasPrefix("is empty") == true)
    }

    @Test func wrongTypesAreErrors() {
        #expect(Self.problem("name: [1, 2]\nroles:\n  text: 252\n")?.contains("'name' must be text") == true)
    }
}
