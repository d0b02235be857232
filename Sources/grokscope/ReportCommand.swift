import ArgumentParser
import Foundation
import Reports
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
            """)

    @Argument(help: "A recorded stream (NDJSON).")
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
        print(UntrustedText.sanitizeLines(json ? summary.json : summary.text), terminator: "")
        if let svg {
            let figure = FigureBuilder.figure(summary: summary, evaluations: evaluations)
            try write(SVGFigureWriter.svg(figure), to: svg, option: "--svg")
        }
        if let csv { try write(CSVWriter.csv(evaluations), to: csv, option: "--csv") }
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
