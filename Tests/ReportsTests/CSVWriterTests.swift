import Reports
import Snapshots
import Testing

@Test func csvHasStableColumnsAndExplicitNonFinite() {
    let rows = [
        Evaluation(step: 0, wallTime: 0, metrics: ["test_loss": 3.5, "train_loss": 3.4, "zeta": 1]),
        Evaluation(step: 50, wallTime: 0.5, metrics: ["train_loss": .nan, "lmn": 2.5, "a,b": .infinity]),
    ]
    let lines = CSVWriter.csv(rows).split(separator: "\n").map(String.init)
    #expect(
        lines == [
            "step,time,train_loss,test_loss,lmn,\"a,b\",zeta",
            "0,0.0,3.4,3.5,,,1.0",
            "50,0.5,nan,,2.5,inf,",
        ])
}
