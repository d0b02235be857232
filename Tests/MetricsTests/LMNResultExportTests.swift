import Foundation
import Metrics
import Testing

@Suite struct LMNResultExportTests {
    let result = LMNResult(
        value: 1.5, entropy: 0.58, eigenvalues: [0.5, 1.5], probeCount: 2, connectivity: [1, 0.5, 0.5, 1])

    @Test func csvHasOneLinePerProbe() {
        #expect(result.connectivityCSV() == "1,0.5\n0.5,1\n")
        #expect(
            LMNResult(value: 1, entropy: 0, eigenvalues: [1], probeCount: 1, connectivity: nil).connectivityCSV() == "")
    }

    @Test func jsonParsesBack() throws {
        let object = try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any]
        #expect(object?["lmn"] as? Double == 1.5)
        #expect(object?["probes"] as? Int == 2)
        #expect((object?["connectivity"] as? [[Double]]) == [[1, 0.5], [0.5, 1]])
        let nan = LMNResult(value: .nan, entropy: .nan, eigenvalues: [], probeCount: 0, connectivity: nil)
        #expect(try JSONSerialization.jsonObject(with: Data(nan.json().utf8)) is [String: Any])
    }
}
