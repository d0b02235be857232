import Foundation
import Publishing
import Snapshots
import Testing

@Suite struct FileSinkTests {
    @Test func writesOneLinePerRecordThatReadsBack() throws {
        let path = temporaryDirectory() + "/run.ndjson"
        let sink = try FileSink(path: path, sync: .everyRecord)
        let records = [sampleHeader] + (0..<50).map(evaluation) + [.end(RunEnd(step: 49, status: .completed))]
        for record in records { sink.write(record) }
        sink.close()
        #expect(sink.firstError == nil)
        #expect(sink.recordsWritten == records.count)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == records.count)
        let (back, diagnostics) = try StreamFile.readAll(path: path)
        #expect(back == records)
        #expect(diagnostics.isClean)
    }

    @Test func appendModeKeepsWhatWasThere() throws {
        let path = temporaryDirectory() + "/run.ndjson"
        try FileSink(path: path).write(sampleHeader)
        let second = try FileSink(path: path, existing: .append)
        second.write(evaluation(1))
        second.close()
        #expect(try StreamFile.readAll(path: path).records == [sampleHeader, evaluation(1)])
        let truncating = try FileSink(path: path)
        truncating.write(evaluation(2))
        truncating.close()
        #expect(try StreamFile.readAll(path: path).records == [evaluation(2)])
    }

    @Test func unwritablePathsFailClearly() {
        let missing = "/nonexistent-grokscope-dir/run.ndjson"
        #expect {
            _ = try FileSink(path: missing)
        } throws: { error in
            let text = "\(error)"
            return text.contains(missing) && text.contains("No such file") && text.contains("Create the directory")
        }
        #expect {
            _ = try FileSink(path: temporaryDirectory())
        } throws: { error in "\(error)".contains("directory") }
    }

    @Test func writeErrorsAreRememberedNotThrown() throws {
        let sink = try FileSink(path: "/dev/full", sync: .never)  // every write fails with ENOSPC
        sink.write(sampleHeader)
        sink.write(evaluation(1))
        #expect(sink.failedWrites == 2)
        #expect(sink.recordsWritten == 0)
        #expect(sink.firstError?.code == ENOSPC)
        #expect(sink.firstError?.description.contains("/dev/full") == true)
    }

    @Test func missingFileIsAnErrorForReadAll() {
        #expect(throws: StreamIOError.self) { try StreamFile.readAll(path: "/nonexistent-grokscope/x.ndjson") }
    }
}
