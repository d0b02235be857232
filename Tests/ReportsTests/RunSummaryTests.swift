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
