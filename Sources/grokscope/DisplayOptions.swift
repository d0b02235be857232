import ArgumentParser
import CursesTerminal
import Foundation
import LiveView
import Monitor
import Phases
import Publishing
import Snapshots
import TUI

/// How the dashboard looks: theme, colours, glyphs, phase thresholds.
struct DisplayOptions: ParsableArguments {
    @Option(help: "Theme name (\(Theme.shippedNames.joined(separator: ", "))) or path to a theme file.")
    var theme = "default"

    @Option(help: "Colour depth: auto, truecolor, 256, 16 or mono (NO_COLOR is honoured by auto).")
    var colors = "auto"

    @Option(help: "Chart glyphs: auto (braille with a UTF-8 locale, else ascii), braille, blocks or ascii.")
    var glyphs = "auto"

    @OptionGroup var phaseRules: PhaseRuleOptions

    @Option(parsing: .unconditional, help: "Seconds without a new record before the header says the run is stale.")
    var staleAfter = 10.0

    @Option(
        help: ArgumentHelp(
            "What fills the chart slots, in order: 1–4 of loss, accuracy, lmn, l2 or any series name (e.g. lr).",
            valueName: "names"))
    var charts: String?

    /// The chart slots `--charts` chose (validated in `validate()`).
    var chartSlots: [ChartSlot] { charts.flatMap { try? ChartSlot.parseList($0) } ?? ChartSlot.standard }

    func validate() throws {
        if let charts {
            do { _ = try ChartSlot.parseList(charts) } catch { throw ValidationError(error.description) }
        }
        guard colors == "auto" || ColorDepth(option: colors) != nil else {
            throw ValidationError("--colors '\(colors)' is unknown; use auto, truecolor, 256, 16 or mono")
        }
        guard glyphs == "auto" || GlyphSet(option: glyphs) != nil else {
            throw ValidationError("--glyphs '\(glyphs)' is unknown; use auto, braille, blocks or ascii")
        }
        guard staleAfter > 0 else { throw ValidationError("--stale-after must be positive") }
    }

    var rules: PhaseRules { phaseRules.rules }

    /// Whether this terminal can show the dashboard at all; otherwise commands fall back to lines.
    /// Keys come from the controlling terminal only: without one (a detached job, `setsid`), say so once
    /// and print lines instead.
    static var terminalCanDraw: Bool {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard isatty(STDOUT_FILENO) == 1 && term != "dumb" && !term.isEmpty else { return false }
        let tty = open("/dev/tty", O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard tty >= 0 else {
            FileHandle.standardError.write(
                Data("grokscope: no controlling terminal to read keys from (/dev/tty); printing lines instead\n".utf8))
            return false
        }
        close(tty)
        return true
    }

    /// Opens the terminal and runs the dashboard on `source` until the user quits, a signal arrives,
    /// or (with `exitWhenEnded`) the stream ends. The terminal is restored on every path.
    func runDashboard(
        source: RecordSource, exitWhenEnded: Bool, notices: [String] = [], escapeLeaves: Bool = false,
        liveOptions: (inout LiveMonitor.Options) -> Void = { _ in },
        shouldStop: @escaping () -> Bool = { TerminalSignals.pendingTermination != nil }
    ) throws -> LiveMonitor.Outcome {
        // The theme is read before the terminal is taken over: a bad file's message reaches the user
        // (in the status bar and, after the terminal is restored, on stderr).
        let (loadedTheme, themeError) = Theme.loadOrDefault(theme)
        defer {
            if let themeError {
                FileHandle.standardError.write(Data("grokscope: \(UntrustedText(themeError.description))\n".utf8))
            }
        }
        let backend: CursesBackend
        do {
            backend = try CursesBackend(
                options: .init(colorOverride: ColorDepth(option: colors)))
        } catch {
            throw RunFailure("\(error)")
        }
        defer { backend.restore() }
        var messages = notices
        if let notice = backend.notice { messages.append(notice) }
        if let themeError { messages.append("\(themeError)") }
        var glyphSet =
            GlyphSet(option: glyphs) ?? loadedTheme.preferredGlyphs
            ?? GlyphSet.detect(environment: ProcessInfo.processInfo.environment)
        if !backend.isUTF8 { glyphSet = .ascii }  // braille and blocks need a UTF-8 locale

        let replaying = source.playback != nil
        let session = DashboardSession(
            backend: backend, theme: loadedTheme, glyphs: glyphSet, inputFD: backend.inputDescriptor,
            dataFD: source.readinessDescriptor,
            heartbeat: replaying ? 0.05 : (source.readinessDescriptor == nil ? 0.25 : 1))
        var cycle = Theme.shippedNames
        if let index = cycle.firstIndex(of: theme) {
            cycle = Array(cycle[index...] + cycle[..<index])
        } else {
            cycle.insert(theme, at: 0)
        }
        var options = LiveMonitor.Options(themeCycle: cycle, exitWhenEnded: exitWhenEnded, staleAfter: staleAfter)
        options.escapeLeaves = escapeLeaves
        options.chartSlots = chartSlots
        liveOptions(&options)
        let monitor = LiveMonitor(
            source: source, session: session, rules: rules, options: options,
            initialStatus: messages.isEmpty ? nil : messages.joined(separator: " · "))
        return monitor.run(shouldStop: shouldStop)
    }
}
