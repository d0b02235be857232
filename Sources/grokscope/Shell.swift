import Foundation

/// Shell quoting for commands we print for the user to paste (the resume hint).
enum Shell {
    /// `word` as one POSIX shell word: unchanged when it has only safe characters, else in single
    /// quotes (a `'` inside becomes `'\''`).
    static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
