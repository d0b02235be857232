import Foundation

/// The local time as `YYYYMMDD-HHMMSS`, for names of files grokscope makes up (saved screens, a
/// trainer's stderr log): sorts by time and needs no quoting in a shell.
public enum FileStamp {
    public static func now() -> String {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        return String(
            format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
