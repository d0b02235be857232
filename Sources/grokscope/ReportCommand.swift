import ArgumentParser
import Foundation
import Phases
import Publishing
import Reports
import Runs
import Snapshots
import TUI

/// `grokscope report FILE`: the run's phases and figures, plus SVG and CSV for slides.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarize a recorded run; write an SVG figure (loss, LMN, L2 over phase bands) and CSV.",
        discussion: """
            Examples:
              grokscope report run.ndjson
              grokscope report run.ndjson --svg run.svg --csv run.csv
              grokscope report run.ndjson --svg talk.svg --slide --theme projector
              grokscope report run.ndjson --json | jq .t_gen
              grokscope report runs/wd-frac --csv runs.csv  # a folder of runs: one CSV row per run
              grokscope report runs/wd-frac --svg phases.svg  # a sweep's folder: its phase diagram
            """)

    @Argument(
        help: "A recorded stream (NDJSON), a folder of streams (one CSV row per run), or TensorBoard event files.")
    var file: String
    @Option(help: "Write the figure as a self-contained SVG here.")
    var svg: String?
    @Flag(help: "With --svg: a landscape 16:9 slide (1920×1080, panels 2×2) in the theme's phase colours.")
    var slide = false
    @Option(help: "With --slide: the theme whose phase colours the slide uses (name or path).")
    var theme = "default"
    @Option(help: "Write every series as CSV here.")
    var csv: String?
    @Flag(help: "Print the summary as JSON instead of text.")
    var json = false
    @OptionGroup var phaseRules: PhaseRuleOptions
    @OptionGroup(title: "TensorBoard logs") var tensorBoard: TensorBoardOptions

    func validate() throws {
        if slide && svg == nil { throw ValidationError("--slide shapes the SVG figure; add --svg FILE") }
        // A report never overwrites its input, and two outputs never share a file.
        let named = [("the input", Optional(file)), ("--svg", svg), ("--csv", csv)]
        for (i, a) in named.enumerated() {
            for b in named[(i + 1)...] {
                guard let x = a.1, let y = b.1, FileIdentity.sameFile(x, y) || (x == "-" && y == "-") else { continue }
                throw ValidationError(
                    "\(a.0) and \(b.0) name the same file '\(UntrustedText(x))'; give each its own path")
            }
        }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        if !StreamInput.isTensorBoard(file), FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            try reportDirectory()
            return
        }
        let records = try StreamInput.loadAll(file, tensorBoard: tensorBoard)
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
            header: header, evaluations: evaluations, end: end, rules: phaseRules.rules)
        print(UntrustedText.sanitizeLines(json ? summary.json : summary.text), terminator: "")
        if let svg {
            var colors: [Phase: String]?
            if slide {
                let (loaded, error) = Theme.loadOrDefault(theme)
                if let error { FileHandle.standardError.write(Data("grokscope: \(error)\n".utf8)) }
                colors = FigureBuilder.phaseColors(of: loaded)
            }
            let figure = FigureBuilder.figure(summary: summary, evaluations: evaluations, phaseColors: colors)
            try write(SVGFigureWriter.svg(figure, layout: slide ? .slide : .page), to: svg, option: "--svg")
        }
        if let csv { try write(CSVWriter.csv(evaluations), to: csv, option: "--csv") }
    }

    /// A folder: the per-run CSV (to `--csv FILE`, or standard output without `--svg`) and, for a
    /// sweep's folder, the phase diagram as SVG (`--svg FILE`).
    private func reportDirectory() throws {
        let shown = UntrustedText(file)
        guard !json, !slide else {
            throw UsageError(
                "\(shown) is a folder: --json and --slide take one stream; use --csv (one row per run) or --svg (phase diagram)"
            )
        }
        let settings = SweepSettings.read(directory: file)
        if svg != nil, settings == nil || settings?.options.isEmpty == true {
            throw UsageError(
                "\(shown) has no sweep.json with a grid, so there is no phase diagram to draw; "
                    + "use --csv FILE for one row per run (a folder written by `grokscope sweep` has a sweep.json)")
        }
        let rules = phaseRules.rules
        guard let table = RunsDirectorySource.readAll(directory: file, rules: rules) else {
            throw UsageError("cannot list the folder \(shown); check the path and its permissions")
        }
        if let svg, let diagram = PhaseDiagram.build(table: table, settings: settings, now: 0) {
            try write(PhaseDiagramSVG.svg(diagram, title: file), to: svg, option: "--svg")
        }
        let text = RunsCSV.csv(table, settings: settings, now: 0)
        if let csv { try write(text, to: csv, option: "--csv") } else if svg == nil { print(text, terminator: "") }
    }

    private func write(_ text: String, to path: String, option: String) throws {
        do {
            try OutputFile.write(text, to: path)  // atomic for files; through for /dev/stdout, pipes, -
            if path != "-" { FileHandle.standardError.write(Data("grokscope: wrote \(UntrustedText(path))\n".utf8)) }
        } catch {
            throw RunFailure("\(option): \(error)")
        }
    }
}
