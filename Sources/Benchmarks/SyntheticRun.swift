import Foundation
import Snapshots
import TUI

/// A deterministic, paper-shaped run (train loss falls; test loss rises then falls; LMN rises then
/// falls during compression; L2 decays) for the render benchmark and UI demos. Not science.
public enum SyntheticRun {
    public static let tMem = 3_000
    public static let tGen = 15_000

    /// The dashboard at `step` with about `pointsPerSeries` evaluations so far.
    public static func model(step: Int, pointsPerSeries: Int = 600) -> DashboardModel {
        let every = max(1, step / max(1, pointsPerSeries))
        let steps = Array(stride(from: 0, through: step, by: every))
        func series(_ f: (Double) -> Double) -> [ChartPoint] {
            steps.map { ChartPoint(step: $0, value: f(Double($0))) }
        }
        func wiggle(_ s: Double, _ k: Double) -> Double { 1 + 0.08 * sin(s / k) }
        let m = Double(tMem)
        let g = Double(tGen)
        let trainLoss = series { s in 4.6 * exp(-s / 500) * wiggle(s, 37) + 1e-4 }
        let testLoss = series { s in
            s < m ? 4.6 + 2.5 * (s / m) : max(0.01, 7.1 * (1 - (s - m) / (g - m)) + 0.01) * wiggle(s, 53)
        }
        let trainAcc = series { s in min(1, 1 / (1 + exp(-(s - m * 0.6) / (m * 0.1)))) }
        let testAcc = series { s in min(1, 0.01 + 0.99 / (1 + exp(-(s - g * 0.85) / (g * 0.04)))) }
        let lmn = series { s in
            (s < m * 1.1
                ? 40 * s / (m * 1.1) : s < g ? 40 - 32 * (s - m * 1.1) / (g - m * 1.1) : 8 - 2 * tanh((s - g) / 3000))
                * wiggle(s, 29)
        }
        let l2 = series { s in 30 + 28 * exp(-s / 9000) }
        let phase: PhaseRole = step < tMem ? .memorization : step < tGen ? .compression : .generalization
        var phases = [PhaseInterval(start: 0, end: min(step, tMem), phase: .memorization)]
        if step >= tMem {
            phases.append(PhaseInterval(start: tMem, end: step >= tGen ? tGen : nil, phase: .compression))
        }
        if step >= tGen { phases.append(PhaseInterval(start: tGen, end: nil, phase: .generalization)) }
        var markers = [StepMarker(step: 3_300, label: "LMN peak", role: .lmn)]
        if step >= tMem { markers.insert(StepMarker(step: tMem, label: "t_mem"), at: 0) }
        if step >= tGen { markers.append(StepMarker(step: tGen, label: "t_gen")) }
        return DashboardModel(
            header: HeaderModel(
                runName: "paper-mod97", task: "x+y mod 97", step: step, totalSteps: 30_000, stepsPerSecond: 412,
                elapsedSeconds: Double(step) / 412, etaSeconds: Double(30_000 - step) / 412, probeSize: 1024,
                liveness: "live", phaseName: phase.rawValue, phase: phase),
            charts: [
                ChartModel(
                    title: "Loss",
                    series: [
                        SeriesModel(name: "train", role: .trainLoss, points: trainLoss),
                        SeriesModel(name: "test", role: .testLoss, points: testLoss),
                    ], logY: true),
                ChartModel(
                    title: "Accuracy",
                    series: [
                        SeriesModel(name: "train", role: .trainAccuracy, points: trainAcc),
                        SeriesModel(name: "test", role: .testAccuracy, points: testAcc),
                    ], yRange: 0...1, valueFormat: .percent),
                ChartModel(title: "LMN", series: [SeriesModel(name: "LMN", role: .lmn, points: lmn)]),
                ChartModel(title: "L2 norm", series: [SeriesModel(name: "L2", role: .l2, points: l2)]),
            ],
            phases: phases, markers: markers,
            compression: CompressionPanelModel(
                rTestLossLMN: 0.97, rTestLossL2: 0.81, lmnDrop: 0.62, delaySteps: step >= tGen ? tGen - tMem : nil,
                note: step >= tGen ? "window [t_mem, t_gen)" : "window [t_mem, now)"))
    }
}
