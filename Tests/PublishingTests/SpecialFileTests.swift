import Foundation
import Publishing
import Snapshots
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 11 §1/§4: failing devices, special files and oversized lines.
@Suite struct SpecialFileTests {
    /// `/dev/full` fails every write: the error is kept and reported once (the run stops on it).
    @Test func aFailingDeviceReportsItsFirstErrorOnce() throws {
        let sink = try FileSink(path: "/dev/full")
        var reported: [StreamIOError] = []
        sink.onFirstError = { reported.append($0) }
        sink.write(sampleHeader)
        sink.write(evaluation(1))
        #expect(reported.count == 1)
        #expect(sink.firstError?.code == ENOSPC)
        #expect(sink.failedWrites == 2 && sink.recordsWritten == 0)
        // The same records to a regular file: no error, no call.
        let ok = try FileSink(path: temporaryDirectory() + "/ok.ndjson")
        ok.onFirstError = { reported.append($0) }
        ok.write(sampleHeader)
        #expect(ok.firstError == nil && reported.count == 1)
    }

    @Test func directoriesAndFifosAreNamedNotWaitedOn() throws {
        let dir = temporaryDirectory()
        let asDirectory = FileTailSource(path: dir)
        _ = asDirectory.poll()
        #expect(asDirectory.status.description.contains("is a directory"), "\(asDirectory.status)")
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        let asFifo = FileTailSource(path: dir + "/fifo")
        _ = asFifo.poll()  // returns at once: opening a FIFO without a writer used to block
        #expect(asFifo.status.description.contains("FIFO"), "\(asFifo.status)")
        #expect(FileManager.default.createFile(atPath: dir + "/run.ndjson", contents: Data(line(sampleHeader).utf8)))
        let regular = FileTailSource(path: dir + "/run.ndjson")
        _ = regular.poll()
        #expect(regular.status == .live)
    }

    /// A poll that ends inside a long skipped line is not "the end of the file".
    @Test func aSourceInsideAnOversizedLineIsNotCaughtUp() throws {
        let path = temporaryDirectory() + "/big.ndjson"
        var text = line(sampleHeader) + line(evaluation(1))
        text += "{\"step\":2,\"pad\":\"" + String(repeating: "x", count: 3 << 20) + "\"}\n"
        text += line(evaluation(3))
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let source = FileTailSource(path: path)
        source.maxBytesPerPoll = 1 << 20
        var all: [Record] = []
        var polls = 0
        repeat {
            all += source.poll()
            polls += 1
        } while !source.isCaughtUp && polls < 100
        #expect(polls > 2, "the long line took several polls")
        #expect(steps(all) == [1, 3])
        #expect(source.diagnostics.oversizedLines == 1)
    }

    @Test func unreadableStreamsDoNotSuggestWriting() {
        let reading = StreamIOError.reading(path: "r.ndjson", code: EACCES).description
        #expect(reading.contains("you need read access") && !reading.contains("write"))
        let writing = StreamIOError.writing(path: "w.ndjson", code: EACCES).description
        #expect(writing.contains("Choose a path you may write to"))
    }
}
