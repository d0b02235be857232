import ArgumentParser
import Foundation
import Publishing
import Snapshots
import TensorBoard

/// `--run` and `--map` for TensorBoard inputs (docs/tensorboard.md), shared by watch, replay and report.
struct TensorBoardOptions: ParsableArguments {
    @Option(help: "TensorBoard log directory with several runs: the run (subfolder) to show.")
    var run: String?
    @Option(help: "TensorBoard tag to series, TAG=SERIES (repeatable; SERIES% divides by 100).")
    var map: [String] = []

    func validate() throws {
        _ = try tagMap()
    }

    func tagMap() throws -> TagMap {
        var tags = TagMap()
        for assignment in map {
            do { try tags.add(assignment) } catch { throw ValidationError("\(error)") }
        }
        return tags
    }
}

/// What a path given to watch, replay or report is: a grokscope stream, or TensorBoard event files.
enum StreamInput {
    /// A TensorBoard event file, or a folder holding event files (directly or in run subfolders).
    static func isTensorBoard(_ path: String) -> Bool {
        path != "-" && TensorBoardSource.recognizes(path: path)
    }

    /// The source `watch` follows for `path`. `follow: false` (`--plain --no-follow`) lets a TensorBoard
    /// run hand out its newest step at the end of its files.
    static func followSource(_ path: String, fromEnd: Bool, follow: Bool = true, tensorBoard: TensorBoardOptions)
        throws -> RecordSource
    {
        guard isTensorBoard(path) else {
            return FileTailSource(path: path, from: fromEnd ? .end : .beginning)
        }
        return TensorBoardSource(path: path, run: tensorBoard.run, tags: try tensorBoard.tagMap(), follow: follow)
    }

    /// Every record of `path` (replay, report), from a stream file or a TensorBoard run.
    static func loadAll(_ path: String, tensorBoard: TensorBoardOptions) throws -> [Record] {
        guard isTensorBoard(path) else { return try StreamLoader.load(path) }
        let result: (records: [Record], diagnostics: StreamDiagnostics, runs: [String])
        do {
            result = try TensorBoardSource.readAll(path: path, run: tensorBoard.run, tags: try tensorBoard.tagMap())
        } catch {
            throw UsageError("\(error)")
        }
        if result.runs.count > 1 {
            let chosen = tensorBoard.run ?? "the most recent"
            let list = result.runs.map { UntrustedText($0).description }.joined(separator: ", ")
            FileHandle.standardError.write(Data("grokscope: \(UntrustedText(path)) holds runs \(list); showing \(UntrustedText(chosen)) (choose with --run)\n".utf8))
        }
        if !result.diagnostics.isClean {
            FileHandle.standardError.write(
                Data("grokscope: \(UntrustedText(path)): \(result.diagnostics.summary)\n".utf8))
        }
        guard result.records.contains(where: { if case .evaluation = $0 { return true } else { return false } }) else {
            throw RunFailure("\(UntrustedText(path)) has no scalar summaries")
        }
        return result.records
    }
}
