import Phases
import Testing

@Suite struct MetricKeyTableTests {
    @Test func storesAndFindsNamesOfEqualLength() {
        var table = MetricKeyTable()
        table["test_loss"] = 1
        table["train_acc"] = 2  // same UTF-8 length as test_loss
        table["l2"] = 3
        table["lr"] = 4
        #expect(table["test_loss"] == 1)
        #expect(table["train_acc"] == 2)
        #expect(table["l2"] == 3)
        #expect(table["lr"] == 4)
        #expect(table["lmn"] == nil)
        #expect(table["test_acc"] == nil)
        #expect(table.count == 4)
        table["l2"] = 30
        #expect(table["l2"] == 30)
        table["lr"] = nil
        #expect(table["lr"] == nil)
        #expect(table.count == 3)
    }

    @Test func longAndNonASCIINames() {
        var table = MetricKeyTable()
        let long = "l2/" + String(repeating: "very_long_layer_name_", count: 5)
        table[long] = 7
        table["lmn/ɑβγ"] = 8
        #expect(table[long] == 7)
        #expect(table[long + "x"] == nil)
        #expect(table["lmn/ɑβγ"] == 8)
        #expect(table.count == 2)
        table[long] = nil
        #expect(table[long] == nil)
        #expect(table.count == 1)
    }
}
