import Foundation
import Phases
import Reports
import Snapshots
import Testing

/// The independent reference run of the paper setup (shared with the phase tests).
func referenceEvaluations() throws -> [Evaluation] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PhasesTests/Fixtures/paper-add-reference.ndjson")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
    return try lines.map { line in
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let step = try #require(object["step"] as? Int)
        var metrics: [String: Double] = [:]
        for (key, value) in object where key != "step" { metrics[key] = (value as? NSNumber)?.doubleValue }
        return Evaluation(step: step, wallTime: Double(step) / 100, metrics: metrics)
    }
}

@Test func summaryOfReferenceRun() throws {
    let evaluations = try referenceEvaluations()
    let header = RunHeader(
        runID: "r", name: "ref\u{1B}]0;x", task: "add mod 31", probeSize: 60, startTime: 0,
        producer: "numpy")
    let summary = RunSummary(header: header, evaluations: evaluations, end: RunEnd(step: 10_000, status: .completed))
    #expect(summary.phases.memorization?.step == 150)
    #expect(summary.phases.generalization?.step == 6050)
    #expect(summary.phases.delay == 5900)
    let text = summary.text
    #expect(text.contains("t_mem      step 150"))
    #expect(text.contains("delay      5900 steps"))
    #expect(text.contains("LMN peak   5.048 at step 500 (N = 60)"))
    #expect(
        text.contains(
            "phases     memorization 0–149, memorized (waiting) 150–1999, compression 2000–6049, "
                + "generalization 6050–10000"))
    #expect(text.contains("compress   step 2000"))
    #expect(text.contains("switch     —"))
    #expect(!text.contains("\u{1B}"))
    let json = try #require(JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
    #expect(json["t_gen"] as? Int == 6050)
    #expect((json["r_test_loss_lmn"] as? Double).map { $0 > 0.9 } == true)
    #expect(json["verdict"] as? String == "generalized")
    #expect(json["compression_start"] as? Int == 2000)
    #expect(json["solution_switch"] is NSNull)
    let phases = try #require(json["phases"] as? [[String: Any]])
    #expect(phases.map { $0["phase"] as? String } == ["memorization", "memorized", "compression", "generalization"])
    #expect(phases.map { $0["from_step"] as? Int } == [0, 150, 2000, 6050])
}

@Test func figureOfReferenceRunHasPhaseBandsAndMarkers() throws {
    let evaluations = try referenceEvaluations()
    let summary = RunSummary(header: nil, evaluations: evaluations, end: nil)
    let figure = FigureBuilder.figure(summary: summary, evaluations: evaluations)
    #expect(figure.bands.map(\.label) == ["memorization", "memorized", "compression", "generalization"])
    #expect(figure.bands[1].steps == 150...2000)
    #expect(figure.bands[2].steps == 2000...6050)
    #expect(figure.markers.map(\.label) == ["t_mem", "compression", "t_gen", "LMN peak"])
    #expect(figure.panels.map(\.title) == ["loss", "accuracy", "LMN", "L2 norm"])
    let probe = try parseSVG(SVGFigureWriter.svg(figure))
    #expect(probe.bands.count == 4 * 4)
}

@Test func thinningKeepsSpikes() {
    var evaluations = (0..<100_000).map { Evaluation(step: $0, wallTime: 0, metrics: ["l2": 1]) }
    evaluations[54_321].metrics["l2"] = 99
    let summary = RunSummary(header: nil, evaluations: evaluations, end: nil)
    let figure = FigureBuilder.figure(summary: summary, evaluations: evaluations, columns: 500)
    let points = figure.panels[0].curves[0].points
    #expect(points.count <= 2 * 500 + 2)
    #expect(points.contains { $0.value == 99 })
}

/// A generalized run whose LMN climbs 3 → 5 after t_gen (step 500) while L2 falls: the switch is in
/// the text, the JSON and the figure; the same run with flat LMN has none.
@Test func solutionSwitchInTextJSONAndFigure() throws {
    func run(rising: Bool) -> [Evaluation] {
        stride(from: 0, through: 2000, by: 10).map { step in
            var metrics: [String: Double] = [
                "train_acc": step >= 100 ? 1 : 0.5, "test_acc": step >= 500 ? 1 : 0,
                "test_loss": step >= 500 ? 0.01 : 5 - Double(step) / 200, "l2": 40 - Double(step) / 1000,
            ]
            if step % 100 == 0 {
                metrics["lmn"] =
                    step < 500 ? 8 - Double(step) / 100 : (rising && step > 1000 ? 3 + Double(step - 1000) / 500 : 3)
            }
            return Evaluation(step: step, wallTime: 0, metrics: metrics)
        }
    }
    let evaluations = run(rising: true)
    let summary = RunSummary(header: nil, evaluations: evaluations, end: nil)
    #expect(
        summary.text.contains(
            "switch     solution switch at step 1300: LMN 3.00 → 5.00 (+67%) over steps 500–2000 with test accuracy held; L2 39.50 → 38.00 (-4%)"
        ))
    let json = try #require(JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
    let s = try #require(json["solution_switch"] as? [String: Any])
    #expect(s["step"] as? Int == 1300)
    #expect((s["l2_change"] as? Double).map { $0 < 0 } == true)
    let figure = FigureBuilder.figure(summary: summary, evaluations: evaluations)
    #expect(figure.markers.contains { $0.label == "solution switch" && $0.step == 1300 })

    let flat = RunSummary(header: nil, evaluations: run(rising: false), end: nil)
    #expect(flat.phases.solutionSwitch == nil)
    #expect(flat.text.contains("switch     —"))
}
