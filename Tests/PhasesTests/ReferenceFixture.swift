import Foundation
import Snapshots

/// Reads the reference run (Fixtures/paper-add-reference.ndjson) into evaluations with Foundation's
/// JSONSerialization; the first line is a description object and is skipped.
enum ReferenceFixture {
    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static func evaluations() throws -> [Evaluation] {
        guard
            let url = Bundle.module.url(
                forResource: "paper-add-reference", withExtension: "ndjson", subdirectory: "Fixtures")
        else { throw LoadError(description: "Fixtures/paper-add-reference.ndjson missing from the test bundle") }
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [Evaluation] = []
        for (number, line) in text.split(separator: "\n").enumerated() where number > 0 {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let fields = object as? [String: Any], let step = fields["step"] as? Int else {
                throw LoadError(description: "fixture line \(number + 1): no integer step")
            }
            var metrics: [String: Double] = [:]
            for (key, value) in fields where key != "step" {
                if let number = value as? NSNumber { metrics[key] = number.doubleValue }
            }
            result.append(Evaluation(step: step, wallTime: Double(step) / 100, metrics: metrics))
        }
        return result
    }
}

/// A synthetic evaluation at `step` with the given metrics.
func evaluation(_ step: Int, _ metrics: [String: Double]) -> Evaluation {
    Evaluation(step: step, wallTime: Double(step), metrics: metrics)
}

/// Evaluations every `interval` steps from 0 with train/test accuracy from the two arrays.
func accuracyRun(train: [Double], test: [Double], interval: Int = 10) -> [Evaluation] {
    zip(train, test).enumerated().map { i, pair in
        evaluation(i * interval, [MetricName.trainAccuracy: pair.0, MetricName.testAccuracy: pair.1])
    }
}

/// Pearson r by the textbook two-pass formula (the independent check of the online one).
func twoPassPearson(_ xs: [Double], _ ys: [Double]) -> Double {
    let n = Double(xs.count)
    let mx = xs.reduce(0, +) / n
    let my = ys.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (x, y) in zip(xs, ys) {
        sxy += (x - mx) * (y - my)
        sxx += (x - mx) * (x - mx)
        syy += (y - my) * (y - my)
    }
    return sxy / (sxx * syy).squareRoot()
}
