import Foundation
import Testing

extension EndToEnd {
    @Suite("report")
    struct ReportTests {
        @Test func reportWritesJSONSVGAndCSV() throws {
            let dir = try Binary.scratch()
            _ = try GrokkedRecording.copy(into: dir)
            let run = try GrokscopeProcess.run(
                ["report", "grokked.ndjson", "--svg", "out.svg", "--csv", "out.csv", "--json"], in: dir)
            #expect(run.status == 0, "\(run.transcript)")

            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.transcript)")
            let tMem = try #require(json["t_mem"] as? Int, "t_mem in \(run.stdout)")
            let tGen = try #require(json["t_gen"] as? Int, "t_gen in \(run.stdout)")
            #expect(tMem > 0 && tMem < tGen && tGen <= 2800, "\(run.stdout)")
            let compression = try #require(json["compression_start"] as? Int, "compression_start in \(run.stdout)")
            #expect(tMem < compression && compression < tGen, "\(run.stdout)")
            #expect((json["phases"] as? [[String: Any]])?.count == 4, "\(run.stdout)")

            let svg = SVGInspector(try Data(contentsOf: dir.appendingPathComponent("out.svg")))
            #expect(svg.isWellFormed, "SVG parse error: \(svg.error ?? "")")
            #expect(svg.rootElement == "svg")
            #expect(svg.panelBands.count >= 3, "panels: \(svg.panelBands)")
            for bands in svg.panelBands {
                // memorization, memorized (waiting), compression (earned from step 600), generalization
                #expect(bands.count == 4, "four phase bands per panel for a run that grokked: \(bands)")
            }

            let csv = try String(contentsOf: dir.appendingPathComponent("out.csv"), encoding: .utf8)
            let rows = csv.split(separator: "\n")
            #expect(rows.first?.hasPrefix("step,time,train_loss") == true, "CSV header: \(rows.first ?? "")")
            #expect(rows.count == 1 + 29, "one row per evaluation")
        }

        /// Negative control for the band count: a run cut before generalizing has fewer bands.
        @Test func reportOfARunThatDidNotGrokHasFewerBands() throws {
            let dir = try Binary.scratch()
            let train = try GrokscopeProcess.run(
                ["train", "--headless", "--log", "short.ndjson"] + FastRun.demo(steps: 300), in: dir)
            #expect(train.status == 0, "\(train.transcript)")
            let run = try GrokscopeProcess.run(["report", "short.ndjson", "--svg", "short.svg", "--json"], in: dir)
            #expect(run.status == 0, "\(run.transcript)")
            let svg = SVGInspector(try Data(contentsOf: dir.appendingPathComponent("short.svg")))
            #expect(!svg.panelBands.isEmpty && svg.panelBands.allSatisfy { $0.count == 2 }, "\(svg.panelBands)")
        }

        @Test func reportOfAMissingFileIsAUsageError() throws {
            let run = try GrokscopeProcess.run(["report", "missing.ndjson"], in: try Binary.scratch())
            #expect(run.status == 2, "\(run.transcript)")
            #expect(run.stderr.contains("missing.ndjson"), "\(run.transcript)")
        }
    }
}
