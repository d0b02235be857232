import Phases

extension MonitorState {
    /// The step range the data on screen covers: everything up to the latest step, or up to the step
    /// reached when the view was paused.
    public var displayedDataRange: ClosedRange<Int>? {
        guard let firstStep else { return nil }
        let upper = frozen.map { $0.lastStep ?? firstStep } ?? lastStep ?? firstStep
        return firstStep...max(firstStep, upper)
    }

    /// The visible step range of the charts.
    public var visibleRange: ClosedRange<Int>? {
        guard let data = displayedDataRange else { return nil }
        let fixed = min(max(fixedUpper ?? data.upperBound, data.lowerBound), data.upperBound)
        var upper = isFollowing ? data.upperBound : fixed
        guard let span else { return data.lowerBound...upper }
        var lower = upper - span + 1
        if lower < data.lowerBound {
            lower = data.lowerBound
            upper = min(data.upperBound, lower + span - 1)
        }
        return lower...max(lower, upper)
    }

    /// Applies a user action. Pure: touches only view state.
    public mutating func apply(_ action: MonitorAction) {
        switch action {
        case .togglePause: frozen = frozen == nil ? freeze() : nil
        case .zoomIn: zoom(by: 0.5)
        case .zoomOut: zoom(by: 2)
        case .panLeft: pan(direction: -1)
        case .panRight: pan(direction: 1)
        case .toggleFollow:
            if isFollowing {
                fixedUpper = visibleRange?.upperBound
                isFollowing = false
            } else {
                isFollowing = true
            }
        case .resetView:
            span = nil
            fixedUpper = nil
            isFollowing = true
            cursorStep = nil
        case .focusNextSeries: cycleFocus(by: 1)
        case .focusPreviousSeries: cycleFocus(by: -1)
        case .toggleLayerNorms:
            showsLayerNorms.toggle()
            if let focusedSeries, !visibleSeriesNames.contains(focusedSeries) { self.focusedSeries = nil }
            if focusedSlot >= chartSlots.count && !showsLayerNorms { focusedSlot = 0 }
        case .toggleLogY:
            if logYCharts.contains(focusedChart) {
                logYCharts.remove(focusedChart)
            } else {
                logYCharts.insert(focusedChart)
            }
        case .toggleLogX: isLogX.toggle()
        case .focusNextChart: cycleChart(by: 1)
        case .focusPreviousChart: cycleChart(by: -1)
        case .setChartSlots(let slots):
            guard !slots.isEmpty else { return }
            chartSlots = Array(slots.prefix(ChartSlot.maximumCount))
            if focusedSlot > chartSlots.count || (focusedSlot == chartSlots.count && !showsLayerNorms) {
                focusedSlot = 0
            }
        case .cycleFocusedChart: cycleFocusedChart()
        case .toggleScatter: showsScatter.toggle()
        case .cycleSmoothing: smoothingIndex = (smoothingIndex + 1) % Self.smoothingWeights.count
        case .cursorLeft: moveCursor(direction: -1)
        case .cursorRight: moveCursor(direction: 1)
        case .setCursor(let step): cursorStep = visibleRange.map { min(max(step, $0.lowerBound), $0.upperBound) }
        case .clearCursor: cursorStep = nil
        case .toggleHelp: isHelpVisible.toggle()
        case .setChartColumns(let columns): chartColumns = max(1, columns)
        }
    }

    /// Series the charts may show: per-layer norms only when switched on.
    public var visibleSeriesNames: [String] {
        let names = frozen?.seriesNames ?? seriesNames
        return showsLayerNorms ? names : names.filter { !$0.hasPrefix("l2/") }
    }

    func freeze() -> FrozenView {
        FrozenView(
            lastStep: lastStep, report: detector.report, summaries: liveSummaries(), seriesNames: seriesNames,
            evaluationCount: evaluationCount, eventTotal: eventTotal, end: end)
    }

    func liveSummaries() -> [SeriesSummary] {
        seriesNames.compactMap { name in seriesIndex[name].map { series[$0].summary(name: name) } }
    }

    private mutating func zoom(by factor: Double) {
        guard let data = displayedDataRange, let visible = visibleRange else { return }
        let width = visible.count
        let newWidth = max(2, Int((Double(width) * factor).rounded()))
        if newWidth >= data.count {
            span = nil
            if !isFollowing { fixedUpper = data.upperBound }
            return
        }
        span = newWidth
        if let cursorStep {
            isFollowing = false
            fixedUpper = cursorStep + newWidth / 2
        } else if !isFollowing {
            fixedUpper = (visible.lowerBound + visible.upperBound) / 2 + newWidth / 2
        }
    }

    private mutating func pan(direction: Int) {
        guard let data = displayedDataRange, let visible = visibleRange, span != nil else { return }
        let shift = max(1, visible.count / 4)
        let target = visible.upperBound + direction * shift
        if direction > 0 && target >= data.upperBound {
            isFollowing = true
            fixedUpper = nil
        } else {
            isFollowing = false
            fixedUpper = max(target, data.lowerBound + visible.count - 1)
        }
    }

    /// Charts the focus visits: the slots, and layer norms while they are shown.
    public var focusableCharts: [ChartSlot] { showsLayerNorms ? chartSlots + [.layerNorms] : chartSlots }

    private mutating func cycleChart(by offset: Int) {
        let count = chartSlots.count + (showsLayerNorms ? 1 : 0)
        focusedSlot = ((focusedSlot + offset) % count + count) % count
    }

    /// What `g` cycles a slot through: the built-in panels, then every other series seen, in
    /// first-seen order (a series a built-in panel already draws is skipped).
    public var chartChoices: [ChartSlot] {
        ChartSlot.builtIn + arrivalOrder.filter { !ChartSlot.builtInSeries.contains($0) }.map(ChartSlot.series)
    }

    private mutating func cycleFocusedChart() {
        guard focusedSlot < chartSlots.count else { return }
        let choices = chartChoices
        // A slot waiting for a series not (yet) in the stream moves on to the first choice.
        let next = choices.firstIndex(of: chartSlots[focusedSlot]).map { $0 + 1 } ?? 0
        chartSlots[focusedSlot] = choices[next % choices.count]
    }

    private mutating func cycleFocus(by offset: Int) {
        let names = visibleSeriesNames
        guard !names.isEmpty else { return }
        guard let focusedSeries, let index = names.firstIndex(of: focusedSeries) else {
            self.focusedSeries = offset > 0 ? names.first : names.last
            return
        }
        self.focusedSeries = names[((index + offset) % names.count + names.count) % names.count]
    }

    /// Cursor stride: one chart column, at least one evaluation interval, snapped to recorded steps.
    private mutating func moveCursor(direction: Int) {
        guard let visible = visibleRange else { return }
        guard let current = cursorStep else {
            cursorStep = direction < 0 ? visible.upperBound : visible.lowerBound
            return
        }
        let count = frozen?.evaluationCount ?? evaluationCount
        let interval = count > 1 ? (visible.count - 1) / max(1, visibleEvaluationEstimate(visible, count)) : 1
        let stride = max(1, visible.count / chartColumns, interval)
        var target = min(max(current + direction * stride, visible.lowerBound), visible.upperBound)
        if let reading = wallTimes.reading(atOrBefore: target, name: ""), reading.isExact,
            reading.step >= visible.lowerBound, direction < 0 || reading.step > current
        {
            target = reading.step
        }
        cursorStep = target
    }

    /// Evaluations expected in the visible range, assuming evenly spaced evaluations.
    private func visibleEvaluationEstimate(_ visible: ClosedRange<Int>, _ count: Int) -> Int {
        guard let data = displayedDataRange, data.count > 1 else { return 1 }
        let perStep = Double(count - 1) / Double(data.count - 1)
        return max(1, Int((Double(visible.count - 1) * perStep).rounded()))
    }
}
