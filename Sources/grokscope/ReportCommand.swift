import ArgumentParser
import Foundation
import Phases
import Reports
import Runs
import Snapshots

/// `grokscope report FILE`: the run's phases and figures, plus SVG and CSV for slides.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarize a recorded run; write an SVG figure (loss, LMN, L2 over phase bands) and CSV.",
        discussion: """
            Examples:
              grokscope report run.ndjson
              grokscope report run.ndjson --svg run.svg --csv run.csv
              grokscope report run.ndjson --json | jq .t_gen
              grokscope report runs/wd-frac --csv runs.csv  # a folder of runs: one CSV row per run
            """)

    @Argument(help: "A recorded stream (NDJSON), or a folder of streams (one CSV row per run).")
    var file: String
    @Option(help: "Write the figure as a self-contained SVG here.")
    var svg: String?
    @Option(help: "Write every series as CSV here.")
    var csv: String?
    @Flag(help: "Print the summary as JSON instead of text.")
    var json = false
    @Option(help: "Phase thresholds: strict (accuracy 1.0, the paper's rule) or loose (0.99/0.95).")
    var phaseRule = "strict"

    func run() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            try reportDirectory()
            return
        }
        let records = try StreamLoader.load(file)
        var header: RunHeader?
        var end: RunEnd?
        var evaluations: [Evaluation] = []
        for record in records {
            switch record {
            case .header(let h): header = header ?? h
            case .evaluation(let e): evaluations.append(e)
            case .end(let e): end = e
            case .event: break
            }
        }
        let summary = RunSummary(
            header: header, evaluations: evaluations, end: end, rules: phaseRule == "loose" ? .loose : .paper)
        print(json ? summary.json : summary.text, terminator: "")
        if let svg {
            let figure = FigureBuilder.figure(summary: summary, evaluations: evaluations)
            try write(SVGFigureWriter.svg(figure), to: svg, option: "--svg")
        }
        if let csv { try write(CSVWriter.csv(evaluations), to: csv, option: "--csv") }
    }

    /// A folder: the per-run CSV, to `--csv FILE` or standard output.
    private func reportDirectory() throws {
        guard svg == nil, !json else {
            throw UsageError("\(file) is a folder: only --csv (one row per run) is available for folders; --svg and --json take one stream")
        }
        let rules: PhaseRules = phaseRule == "loose" ? .loose : .paper
        guard let table = RunsDirectorySource.readAll(directory: file, rules: rules) else {
            throw UsageError("cannot list the folder \(file); check the path and its permissions")
        }
        let text = RunsCSV.csv(table, settings: SweepSettings.read(directory: file), now: 0)
        if let csv { try write(text, to: csv, option: "--csv") } else { print(text, terminator: "") }
    }

    private func write(_ text: String, to path: String, option: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            FileHandle.standardError.write(Data("grokscope: wrote \(path)\n".utf8))
        } catch {
            throw UsageError("\(option) \(path): \(error.localizedDescription)")
        }
    }
}
