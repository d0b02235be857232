import Foundation
import FoundationXML
import Phases
import Reports
import Snapshots
import TestSupport
import Testing

/// Reads the paper-figure part of a report SVG.
final class PaperFigureProbe: NSObject, XMLParserDelegate {
    var groups: [String] = []
    var dotsPerGroup: [Int] = []
    var fitLines: [[String: String]] = []
    var linearityTexts: [String] = []
    var caption = ""
    private var textClass: String?

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "g", attributes["class"] == "paper-figure" {
            groups.append(attributes["data-measure"] ?? "")
            dotsPerGroup.append(0)
        }
        if name == "circle", attributes["class"] == "scatter-dot" { dotsPerGroup[dotsPerGroup.count - 1] += 1 }
        if name == "line", attributes["class"] == "fit-line" { fitLines.append(attributes) }
        if name == "text" {
            textClass = attributes["class"]
            if textClass == "linearity" { linearityTexts.append("") }
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if textClass == "linearity" { linearityTexts[linearityTexts.count - 1] += string }
        if textClass == "paper-figure-caption" { caption += string }
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { textClass = nil }
    }
}

private func probe(_ svg: String) throws -> PaperFigureProbe {
    let parser = XMLParser(data: Data(svg.utf8))
    let probe = PaperFigureProbe()
    parser.delegate = probe
    try #require(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
    return probe
}

private let header = RunHeader(
    runID: "r", name: "ref", task: "add mod 31", probeSize: 60, startTime: 0, producer: "numpy")

/// The reference run: LMN every 500 steps gives 12 dots in [150, 6 050), L2 every 50 steps 118.
@Test func paperFigureInTheReferenceSVG() throws {
    let evaluations = try referenceEvaluations()
    let summary = RunSummary(header: header, evaluations: evaluations, end: nil)
    let svg = SVGFigureWriter.svg(FigureBuilder.figure(summary: summary, evaluations: evaluations))
    let p = try probe(svg)
    #expect(p.groups == ["LMN (N = 60)", "L2 norm"])
    #expect(p.dotsPerGroup == [12, 118])
    #expect(p.fitLines.count == 2)
    #expect(p.caption.contains("steps 150–6050"))
    let fit = try #require(summary.scatter?.lmn.linearity.fit)
    #expect(p.linearityTexts[0].contains(String(format: "r² %.3f", fit.linearR2)))
    #expect(p.linearityTexts[0].contains("12 evaluations"))
    // Both fitted lines rise to the right (test loss falls with LMN and with L2): y shrinks in SVG.
    for line in p.fitLines {
        let (x1, y1, x2, y2) = (
            Double(line["x1"]!)!, Double(line["y1"]!)!, Double(line["x2"]!)!, Double(line["y2"]!)!
        )
        #expect(x2 > x1 && y2 < y1)
    }
}

@Test func noPaperFigureBeforeMemorization() throws {
    let evaluations = try referenceEvaluations().prefix(4).map { $0 }  // steps 0–150: t_mem not confirmed
    let summary = RunSummary(header: header, evaluations: evaluations, end: nil)
    #expect(summary.scatter == nil)
    let p = try probe(SVGFigureWriter.svg(FigureBuilder.figure(summary: summary, evaluations: evaluations)))
    #expect(p.groups.isEmpty && p.fitLines.isEmpty)
    let json = try #require(JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
    #expect(json["linearity"] is NSNull)
}

@Test func linearityNumbersInTheJSON() throws {
    let evaluations = try referenceEvaluations()
    let summary = RunSummary(header: header, evaluations: evaluations, end: nil)
    let json = try #require(JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
    let linearity = try #require(json["linearity"] as? [String: Any])
    let window = try #require(linearity["window"] as? [String: Any])
    #expect(window["from"] as? Int == 150 && window["to"] as? Int == 6050)
    let scatter = try #require(summary.scatter)
    for (key, series) in [("lmn", scatter.lmn), ("l2", scatter.l2)] {
        let entry = try #require(linearity[key] as? [String: Any])
        let fit = try #require(series.linearity.fit)
        #expect(entry["status"] as? String == "fitted")
        #expect(entry["n"] as? Int == fit.count)
        #expect(isApproximatelyEqual(try #require(entry["slope"] as? Double), fit.slope))
        #expect(isApproximatelyEqual(try #require(entry["intercept"] as? Double), fit.intercept))
        #expect(isApproximatelyEqual(try #require(entry["r2"] as? Double), fit.linearR2))
        #expect(isApproximatelyEqual(try #require(entry["monotone_r2"] as? Double), fit.monotoneR2))
        #expect(isApproximatelyEqual(try #require(entry["score"] as? Double), try #require(fit.score)))
    }
    // r² of the LMN fit is the square of the detector's r over the same pairs.
    let r = try #require(json["r_test_loss_lmn"] as? Double)
    #expect(isApproximatelyEqual(try #require((linearity["lmn"] as? [String: Any])?["r2"] as? Double), r * r))
}

/// A window with too few LMN evaluations says so instead of inventing a fit.
@Test func tooFewDotsIsReportedAsNotEnoughData() throws {
    var evaluations: [Evaluation] = []
    for i in 0..<10 {
        var m: [String: Double] = [
            MetricName.trainAccuracy: 1, MetricName.testAccuracy: 0.1, MetricName.testLoss: 5 - Double(i) * 0.1,
            MetricName.l2: 40 - Double(i),
        ]
        if i == 4 || i == 8 { m[MetricName.lmn] = 9 - Double(i) }
        evaluations.append(Evaluation(step: i * 10, wallTime: Double(i), metrics: m))
    }
    let summary = RunSummary(header: header, evaluations: evaluations, end: nil)
    let json = try #require(JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
    let linearity = try #require(json["linearity"] as? [String: Any])
    let lmn = try #require(linearity["lmn"] as? [String: Any])
    #expect(lmn["status"] as? String == "not_enough_data")
    #expect(lmn["n"] as? Int == 2)
    #expect(lmn["score"] is NSNull)
    #expect((linearity["l2"] as? [String: Any])?["status"] as? String == "fitted")
    let p = try probe(SVGFigureWriter.svg(FigureBuilder.figure(summary: summary, evaluations: evaluations)))
    #expect(p.fitLines.count == 1)
    #expect(p.linearityTexts[0].contains("not enough data"))
}
