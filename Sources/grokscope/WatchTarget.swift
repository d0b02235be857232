import Foundation
import Runs

/// What `grokscope watch PATH` follows. The one place that decides it, so other kinds of folders
/// (e.g. TensorBoard event files) add a case here.
enum WatchTarget: Equatable {
    case standardInput
    /// One stream file (or a path that does not exist yet: waited for).
    case file(String)
    /// A folder of `*.ndjson` streams (e.g. a sweep's --out): the runs table.
    case runsDirectory(String)
    /// TensorBoard event files: one file, a run folder, or a log folder of runs (docs/tensorboard.md).
    case tensorBoard(String)

    static func classify(_ path: String) -> WatchTarget {
        if path == "-" { return .standardInput }
        if StreamInput.isTensorBoard(path) { return .tensorBoard(path) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .file(path)
        }
        // A folder: NDJSON streams present or not (yet), the runs table follows it; rows appear as files do.
        return .runsDirectory(path)
    }
}
