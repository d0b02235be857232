import Foundation
import Snapshots
import TUI

/// Fixed dashboard models shaped like the paper's modular-addition run (train loss falls fast;
/// test loss rises, then falls during compression; LMN rises, then falls; L2 decays). Every value
/// is a closed-form function of the step: no clock, no randomness.
enum DashboardFixtures {
    static let tMem = 2_000
    static let tGen = 9_000
    static let lmnPeak = 2_400

    static func points(upTo step: Int, every: Int = 100, _ f: (Double) -> Double) -> [ChartPoint] {
        stride(from: 0, through: step, by: every).map { ChartPoint(step: $0, value: f(Double($0))) }
    }

    static func paperRun(step: Int = 12_000, cursor: Int? = nil, layerNorms: Bool = false) -> DashboardModel {
        let m = Double(tMem)
        let g = Double(tGen)
        let trainLoss = points(upTo: step) { s in 4.6 * exp(-s / 300) + 2e-4 }
        let testLossRaw = points(upTo: step) { s in
            (s < m ? 4.6 + 2.0 * s / m : max(0.02, 6.6 * (1 - (s - m) / (g - m)))) * (1 + 0.1 * sin(s / 170))
        }
        let testLoss = points(upTo: step) { s in s < m ? 4.6 + 2.0 * s / m : max(0.02, 6.6 * (1 - (s - m) / (g - m))) }
        let trainAcc = points(upTo: step) { s in min(1, s / m) }
        let testAcc = points(upTo: step) { s in s < 0.8 * g ? 0.02 : min(1, 0.02 + 0.98 * (s - 0.8 * g) / (0.2 * g)) }
        let lmn = points(upTo: step) { s in
            s < Double(lmnPeak)
                ? 30 * s / Double(lmnPeak) : s < g ? 30 - 24 * (s - Double(lmnPeak)) / (g - Double(lmnPeak)) : 6
        }
        let l2 = points(upTo: step) { s in 25 + 20 * exp(-s / 5000) }
        var phases = [PhaseInterval(start: 0, end: tMem, phase: .memorization)]
        phases.append(PhaseInterval(start: tMem, end: step >= tGen ? tGen : nil, phase: .compression))
        if step >= tGen { phases.append(PhaseInterval(start: tGen, end: nil, phase: .generalization)) }
        let phase: PhaseRole = step >= tGen ? .generalization : .compression
        var model = DashboardModel(
            header: HeaderModel(
                runName: "paper-mod97", task: "x+y mod 97", step: step, totalSteps: 20_000, stepsPerSecond: 250,
                elapsedSeconds: Double(step) / 250, etaSeconds: Double(20_000 - step) / 250, probeSize: 512,
                liveness: "live", phaseName: phase.rawValue, phase: phase),
            charts: [
                ChartModel(
                    title: "Loss",
                    series: [
                        SeriesModel(name: "train", role: .trainLoss, points: trainLoss),
                        SeriesModel(name: "test", role: .testLoss, points: testLoss, raw: testLossRaw),
                    ], logY: true, unit: "nats", isFocused: true),
                ChartModel(
                    title: "Accuracy",
                    series: [
                        SeriesModel(name: "train", role: .trainAccuracy, points: trainAcc),
                        SeriesModel(name: "test", role: .testAccuracy, points: testAcc),
                    ], yRange: 0...1, valueFormat: .percent, unit: "%"),
                ChartModel(title: "LMN", series: [SeriesModel(name: "LMN", role: .lmn, points: lmn)]),
                ChartModel(title: "L2 norm", series: [SeriesModel(name: "L2", role: .l2, points: l2)]),
            ],
            phases: phases,
            markers: [
                StepMarker(step: tMem, label: "t_mem"), StepMarker(step: lmnPeak, label: "LMN peak", role: .lmn),
            ] + (step >= tGen ? [StepMarker(step: tGen, label: "t_gen")] : []),
            compression: CompressionPanelModel(
                rTestLossLMN: 0.96, rTestLossL2: 0.71, lmnDrop: 0.8, delaySteps: step >= tGen ? tGen - tMem : nil,
                note: "window [t_mem, t_gen)"))
        if let cursor {
            model.cursor = CursorReadout(
                step: cursor, phase: cursor >= tGen ? .generalization : cursor >= tMem ? .compression : .memorization,
                values: [
                    .init(name: "test loss", value: 3.3, role: .testLoss), .init(name: "LMN", value: 17.5, role: .lmn),
                ])
        }
        if layerNorms {
            model.showLayerNorms = true
            model.layerNorms = ChartModel(
                title: "Layer norms",
                series: [
                    SeriesModel(
                        name: "embed", role: .layerNorm, points: points(upTo: step) { s in 12 + 8 * exp(-s / 4000) }),
                    SeriesModel(
                        name: "hidden", role: .layerNorm, points: points(upTo: step) { s in 18 + 10 * exp(-s / 6000) }
                    ),
                ])
        }
        return model
    }

    /// A run that diverges: the losses become NaN, then +inf, from step 3 000.
    static func divergedRun() -> DashboardModel {
        var model = paperRun(step: 5_000)
        model.header.runName = "diverged\u{1B}[31m"
        model.charts[0].series[1].points = points(upTo: 5_000) { s in
            s < 3000 ? 4 - s / 1000 : (s < 4000 ? .nan : .infinity)
        }
        model.charts[0].series[1].raw = nil
        return model
    }
}
