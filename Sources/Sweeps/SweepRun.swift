import Foundation

/// One run of a sweep: its settings, seed, file names and `grokscope train` arguments.
public struct SweepRun: Sendable, Equatable {
    public struct Setting: Sendable, Equatable {
        public var option: String
        public var value: String
    }

    public var preset: String
    public var settings: [Setting]
    public var seed: UInt64

    /// `wd0.1_frac0.3_seed0`: short option names and values, safe as a file name, unique in the grid.
    public var name: String {
        let parts = settings.map { setting in
            let short = SweepGrid.sweepableOptions.first { $0.key == setting.option }?.value ?? setting.option
            return short + setting.value
        }
        return (parts + ["seed\(seed)"]).joined(separator: "_")
    }

    public func logPath(in directory: String) -> String { directory + "/" + name + ".ndjson" }
    public func checkpointPath(in directory: String) -> String { directory + "/" + name + ".safetensors" }

    /// Arguments after the program name: a headless `train` writing its log and checkpoints into
    /// `directory`, resuming from `resume` when given. `extra` (the user's own `train` options) come last
    /// so the sweep's settings cannot be overridden by accident… except deliberately, by the user.
    public func trainArguments(directory: String, resume: String?, checkpointEvery: Int, extra: [String]) -> [String] {
        var arguments = ["train", "--headless", "--preset", preset]
        for setting in settings {
            // Commas separate grid values, so hidden widths are written 100x100 in a grid.
            let value = setting.option == "hidden" ? setting.value.replacingOccurrences(of: "x", with: ",") : setting.value
            arguments += ["--\(setting.option)", value]
        }
        arguments += [
            "--seed", String(seed), "--name", name, "--log", logPath(in: directory),
            "--checkpoint", checkpointPath(in: directory), "--checkpoint-every", String(checkpointEvery),
        ]
        if let resume { arguments += ["--resume", resume] }
        return arguments + extra
    }
}

/// Quoting for a POSIX shell: what `--print-commands` prints must run as is under `sh -c`.
public enum ShellQuote {
    public static func word(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./=,+:%@".unicodeScalars.contains($0)
        }
        if safe && !text.isEmpty { return text }
        return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    public static func command(_ words: [String]) -> String { words.map(word).joined(separator: " ") }
}
