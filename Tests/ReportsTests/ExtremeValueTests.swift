import Foundation
import Reports
import Snapshots
import Testing

/// Issue 11 §4: values near ±1.8e308 still give a drawable SVG (coordinates were `-nan`).
@Test(arguments: [1.7e308, -1.7e308])
func svgCoordinatesStayFiniteForExtremeValues(extreme: Double) {
    let evaluations = (0..<20).map { i in
        Evaluation(
            step: i * 10, wallTime: Double(i),
            metrics: ["train_loss": i == 10 ? extreme : 1, "test_loss": -extreme, "l2": extreme, "lmn": 2])
    }
    let summary = RunSummary(header: nil, evaluations: evaluations, end: nil, rules: .paper)
    let svg = SVGFigureWriter.svg(FigureBuilder.figure(summary: summary, evaluations: evaluations))
    #expect(!svg.contains("nan") && !svg.contains("inf"), "\(svg.prefix(2000))")
    #expect(svg.contains("<polyline"))
    // The ordinary case keeps its curves too (the negative case).
    let plain = (0..<20).map { Evaluation(step: $0 * 10, wallTime: 0, metrics: ["train_loss": Double($0)]) }
    let plainSummary = RunSummary(header: nil, evaluations: plain, end: nil, rules: .paper)
    #expect(!SVGFigureWriter.svg(FigureBuilder.figure(summary: plainSummary, evaluations: plain)).contains("nan"))
}
