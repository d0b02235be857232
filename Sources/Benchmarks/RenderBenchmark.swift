import TUI
/// Times a full dashboard frame (render into a grid + diff against the previous frame) for
/// `grokscope bench`. Uses a synthetic paper-shaped run so the number is comparable across builds.
public enum RenderBenchmark {
    /// Median milliseconds per frame over `frames` frames, each on a model one step further on.
    public static func frame(width: Int = 200, height: Int = 60, frames: Int = 30, glyphs: GlyphSet = .braille)
        -> Double
    {
        let palette = Theme.builtinDefault.palette(for: .ansi256)
        var previous: CellGrid? = nil
        var times: [Double] = []
        var changed = 0
        for i in 0..<max(1, frames) {
            let model = SyntheticRun.model(step: 20_000 + i * 50, pointsPerSeries: 2_000)
            let start = monotonicSeconds()
            let grid = DashboardRenderer.render(model, palette: palette, width: width, height: height, glyphs: glyphs)
            changed += grid.changedRuns(since: previous).count
            times.append((monotonicSeconds() - start) * 1000)
            previous = grid
        }
        times.sort()
        _ = changed
        return times[times.count / 2]
    }
}
