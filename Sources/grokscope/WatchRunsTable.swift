import ArgumentParser
import CursesTerminal
import Foundation
import Publishing
import Runs
import RunsView
import Snapshots
import TUI

/// `grokscope watch DIR`: the runs table over a folder of streams; Enter opens a run's dashboard,
/// leaving it (q) returns to the table (docs/runs-table.md).
enum WatchRunsTable {
    static func run(directory: String, display: DisplayOptions, plain: Bool) throws {
        let source = RunsDirectorySource(directory: directory)
        let table = RunsTable(staleAfter: max(display.staleAfter, 30), rules: display.rules)
        let browser = RunsBrowser(source: source, table: table, title: directory)
        if plain || !DisplayOptions.terminalCanDraw {
            browser.readBudgetSeconds = .infinity
            browser.pump()
            let model = browser.model(now: RunsBrowser.now())
            // A script asking for the rows of a folder that holds none (a typo, the wrong folder) must not pass.
            guard !model.rows.isEmpty else {
                throw RunFailure(
                    "'\(UntrustedText(directory))' is a directory with no *.ndjson streams and no TensorBoard event files"
                )
            }
            printTable(model)
            return
        }
        if let signal = try interactive(browser: browser, display: display) {
            throw Exit(status: ExitStatus.interrupted(by: signal))
        }
    }

    /// The table on the terminal until q, a termination signal (returned), or `leave()` says so; Enter
    /// opens a run's dashboard and returns to the table. `grokscope sweep` calls this too, with a status
    /// line on the browser and `onTerminal` starting its runs once the terminal (and its signal
    /// handlers) is set up.
    static func interactive(
        browser: RunsBrowser, display: DisplayOptions, onTerminal: () -> Void = {},
        leave: @escaping () -> Bool = {
            false
        }
    ) throws -> Int32? {
        var started = false
        while true {
            let backend: CursesBackend
            do {
                backend = try CursesBackend(options: .init(colorOverride: ColorDepth(option: display.colors)))
            } catch {
                throw RunFailure("\(error)")
            }
            if !started {
                started = true
                onTerminal()
            }
            let (theme, _) = Theme.loadOrDefault(display.theme)
            var glyphs =
                GlyphSet(option: display.glyphs) ?? theme.preferredGlyphs
                ?? GlyphSet.detect(environment: ProcessInfo.processInfo.environment)
            if !backend.isUTF8 { glyphs = .ascii }
            let exit = browser.run(
                backend: backend, inputFD: backend.inputDescriptor, theme: theme, glyphs: glyphs,
                shouldStop: { TerminalSignals.pendingTermination != nil || leave() })
            backend.restore()
            switch exit {
            case .quit:
                return nil
            case .interrupted:
                return TerminalSignals.pendingTermination ?? (leave() ? nil : SIGINT)
            case .open(let path):
                let outcome = try display.runDashboard(
                    source: FileTailSource(path: path), exitWhenEnded: false, escapeLeaves: true)
                if outcome == .interrupted { return TerminalSignals.pendingTermination ?? SIGINT }
            }
        }
    }

    /// `--plain`: one line per run, read once (for scripts and CI).
    static func printTable(_ model: RunsScreenModel) {
        func cell(_ v: Int?) -> String { v.map(String.init) ?? "-" }
        print("name\tstatus\tphase\tstep\tt_mem\tt_gen\tdelay\ttest_acc")
        for row in model.rows {
            let acc = row.testAccuracy.map { String(format: "%.3f", $0) } ?? "-"
            print(
                "\(UntrustedText(row.name))\t\(row.status.rawValue)\t\(row.verdict.rawValue)\t\(cell(row.step))\t"
                    + "\(cell(row.tMem))\t\(cell(row.tGen))\t\(cell(row.delay))\t\(acc)")
        }
    }
}
