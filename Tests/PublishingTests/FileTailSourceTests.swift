import Foundation
import Publishing
import Snapshots
import Testing

@Suite struct FileTailSourceTests {
    @Test func seesAppendsAndCompletesATornLine() throws {
        let path = temporaryDirectory() + "/run.ndjson"
        #expect(FileManager.default.createFile(atPath: path, contents: Data((line(sampleHeader) + line(evaluation(0))).utf8)))
        let source = FileTailSource(path: path)
        #expect(source.poll() == [sampleHeader, evaluation(0)])
        #expect(source.status == .live)
        let torn = line(evaluation(1))
        let cut = torn.index(torn.startIndex, offsetBy: 17)
        append(String(torn[..<cut]), to: path)
        #expect(source.poll().isEmpty, "half a line waits")
        #expect(source.diagnostics.skippedLines == 0)
        append(String(torn[cut...]) + line(evaluation(2)), to: path)
        #expect(steps(source.poll()) == [1, 2])
        append(line(.end(RunEnd(step: 2, status: .completed))), to: path)
        _ = source.poll()
        #expect(source.status == .ended(.completed))
    }

    @Test func bigFilesArriveInSlicesOfBoundedSize() throws {
        let path = temporaryDirectory() + "/big.ndjson"
        let text = line(sampleHeader) + (0..<2_000).map { line(evaluation($0)) }.joined()
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let source = FileTailSource(path: path)
        source.maxBytesPerPoll = 4096
        var slices: [[Record]] = []
        while true {
            let records = source.poll()
            if records.isEmpty { break }
            slices.append(records)
        }
        #expect(slices.count > 10, "a \(text.utf8.count)-byte file in 4 KiB slices")
        #expect(slices.allSatisfy { $0.count < 100 })
        #expect(steps(slices.flatMap { $0 }) == Array(0..<2_000))
        #expect(source.diagnostics.skippedLines == 0)
    }

    @Test func waitsForAFileThatAppearsLater() throws {
        let path = temporaryDirectory() + "/later.ndjson"
        let source = FileTailSource(path: path, pollInterval: 0.05)
        #expect(source.poll().isEmpty)
        #expect(source.status == .waitingForFile(path: path))
        #expect(FileManager.default.createFile(atPath: path, contents: Data(line(sampleHeader).utf8)))
        #expect(source.wait(timeout: 5), "inotify reports the new file")
        #expect(source.poll() == [sampleHeader])
        #expect(source.status == .live)
    }

    @Test func truncationRestartsFromTheBeginning() throws {
        let path = temporaryDirectory() + "/run.ndjson"
        #expect(
            FileManager.default.createFile(
                atPath: path, contents: Data((line(sampleHeader) + (0..<20).map { line(evaluation($0)) }.joined()).utf8)))
        let source = FileTailSource(path: path)
        #expect(source.poll().count == 21)
        try Data((line(sampleHeader) + line(evaluation(0))).utf8).write(to: URL(fileURLWithPath: path))
        #expect(source.poll() == [sampleHeader, evaluation(0)])
        #expect(source.restarts == [.truncated])
        #expect(source.diagnostics.restarts == 1)
        #expect(source.diagnostics.decreasingSteps == 0)
    }

    @Test func rotationReadsTheOldFileToItsEndThenTheNewOne() throws {
        let directory = temporaryDirectory()
        let path = directory + "/run.ndjson"
        #expect(FileManager.default.createFile(atPath: path, contents: Data((line(sampleHeader) + line(evaluation(0))).utf8)))
        let source = FileTailSource(path: path)
        #expect(source.poll().count == 2)
        append(line(evaluation(1)), to: path)  // written before the rotation, not yet read
        try FileManager.default.moveItem(atPath: path, toPath: directory + "/run.ndjson.1")
        #expect(FileManager.default.createFile(atPath: path, contents: Data((line(sampleHeader) + line(evaluation(0))).utf8)))
        // One poll per file: a consumer that starts over on a restart never mixes the two runs.
        #expect(source.poll() == [evaluation(1)])
        #expect(source.restarts.isEmpty)
        #expect(source.poll() == [sampleHeader, evaluation(0)])
        #expect(source.restarts == [.replaced])
    }

    @Test func startingAtTheEndKeepsTheHeaderAndSkipsAPartialLine() throws {
        let path = temporaryDirectory() + "/run.ndjson"
        let torn = line(evaluation(5))
        let cut = torn.index(torn.startIndex, offsetBy: 10)
        let existing = line(sampleHeader) + (0..<5).map { line(evaluation($0)) }.joined() + String(torn[..<cut])
        #expect(FileManager.default.createFile(atPath: path, contents: Data(existing.utf8)))
        let source = FileTailSource(path: path, from: .end)
        #expect(source.poll() == [sampleHeader])
        append(String(torn[cut...]) + line(evaluation(6)), to: path)
        #expect(steps(source.poll()) == [6])
        #expect(source.diagnostics.skippedLines == 0)
    }

    @Test func garbageIsCountedWithItsLineNumber() throws {
        let path = temporaryDirectory() + "/run.ndjson"
        let text = line(sampleHeader) + line(evaluation(0)) + "garbage\n" + line(evaluation(1)) + "{\"type\":\n"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let source = FileTailSource(path: path)
        #expect(steps(source.poll()) == [0, 1])
        #expect(source.diagnostics.skippedLines == 2)
        #expect(source.diagnostics.firstError?.line == 3)
    }

    @Test func waitReturnsWithinThePollIntervalWithoutEvents() throws {
        let path = temporaryDirectory() + "/quiet.ndjson"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let source = FileTailSource(path: path, pollInterval: 0.01)
        _ = source.poll()
        #expect(source.wait(timeout: 100) == false, "the poll interval bounds the wait")
        #expect(source.readinessDescriptor != nil)
    }
}
