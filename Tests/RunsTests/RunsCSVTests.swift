import Foundation
import Snapshots
import Testing

@testable import Runs

@Suite struct RunsCSVTests {
    let manifest = """
        {"format":"grokscope-sweep/1","grid":[{"option":"weight-decay","values":["0","1"]}],
         "runs":[{"name":"wd0_seed0","seed":0,"settings":{"weight-decay":"0"}},
                 {"name":"wd1_seed0","seed":0,"settings":{"weight-decay":"1"}}]}
        """

    func table() -> RunsTable {
        var table = RunsTable()
        table.add(id: "/d/wd1_seed0", name: "wd1_seed0", now: 0)
        table.add(id: "/d/wd0_seed0", name: "wd0_seed0", now: 0)
        table.add(id: "/d/odd,\"name", name: "odd,\"name", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: 300), into: "/d/wd1_seed0", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: nil, end: nil), into: "/d/wd0_seed0", now: 0)
        return table
    }

    @Test func oneRowPerRunWithSweepSettingsAndFinalFigures() throws {
        let settings = try #require(SweepSettings.parse(Data(manifest.utf8)))
        #expect(settings.options == ["weight-decay"])
        let lines = RunsCSV.csv(table(), settings: settings, now: 0).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("name,weight-decay,seed,status,outcome,phase,step,total_steps,t_mem,t_gen,delay,"))
        #expect(lines[0].hasSuffix("final_test_acc,final_lmn,final_l2"))
        // Sorted by name; a name with a comma and a quote is quoted, so every row has the header's cells.
        #expect(lines[1].hasPrefix("\"odd,\"\"name\",,,live,,notYet,"))
        // Memorized, and with no LMN falling beside test loss, not claimed compressing (docs/phases.md).
        #expect(lines[2].hasPrefix("wd0_seed0,0,0,live,,memorized,390,400,50,,,"))
        #expect(lines[3].hasPrefix("wd1_seed0,1,0,done,grokked,generalized,390,400,50,300,250,"))
        #expect(lines[3].contains(",1.0,"))  // final test accuracy
    }

    @Test func withoutAManifestThereAreNoSettingColumns() {
        let header = RunsCSV.csv(table(), settings: nil, now: 0).split(separator: "\n")[0]
        #expect(header.hasPrefix("name,status,"))
        #expect(SweepSettings.parse(Data("not json".utf8)) == nil)
        #expect(SweepSettings.parse(Data("{\"grid\":[]}".utf8)) == nil)  // no runs: not a manifest
    }
}
