import Foundation
import Snapshots

/// A fresh temporary directory per test.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "grokscope-publishing-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func evaluation(_ step: Int) -> Record {
    .evaluation(Evaluation(step: step, wallTime: Double(step) / 10, metrics: ["train_loss": 1 / Double(step + 1)]))
}

let sampleHeader = Record.header(
    RunHeader(runID: "t", name: "test", task: "add mod 31", startTime: 1, producer: "tests"))

func line(_ record: Record) -> String { RecordEncoder.line(record) }

func append(_ text: String, to path: String) {
    let handle = FileHandle(forWritingAtPath: path)!
    handle.seekToEndOfFile()
    handle.write(Data(text.utf8))
    handle.closeFile()
}

func steps(_ records: [Record]) -> [Int] {
    records.compactMap { if case .evaluation(let e) = $0 { return e.step } else { return nil } }
}
