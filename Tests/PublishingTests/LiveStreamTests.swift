import Foundation
import Publishing
import Snapshots
import Testing

/// Producer and consumer on different threads, as in the real program.
@Suite struct LiveStreamTests {
    @Test func consumerThatKeepsUpOnAnotherThreadSeesEveryRecord() {
        let channel = RecordChannel(evaluationCapacity: 1 << 20)
        let count = 50_000
        let producer = Thread {
            channel.send(sampleHeader)
            for step in 0..<count { channel.send(evaluation(step)) }
            channel.send(.end(RunEnd(step: count - 1, status: .completed)))
        }
        producer.start()
        var received: [Record] = []
        while received.last.map({ if case .end = $0 { return false } else { return true } }) ?? true {
            channel.wait(timeout: 5)
            received += channel.drain().records
        }
        #expect(channel.droppedCount == 0)
        #expect(received.first == sampleHeader)
        #expect(steps(received) == Array(0..<count))
    }

    @Test func tailFollowsAWriterOnAnotherThreadUntilTheEnd() throws {
        let path = temporaryDirectory() + "/live.ndjson"
        // Handed to the writer thread and used only there from then on.
        nonisolated(unsafe) let sink = try FileSink(path: path, sync: .never)
        let source = FileTailSource(path: path, pollInterval: 0.05)
        let count = 300
        let writer = Thread {
            sink.write(sampleHeader)
            for step in 0..<count {
                sink.write(evaluation(step))
                if step % 50 == 0 { usleep(2000) }
            }
            sink.write(.end(RunEnd(step: count - 1, status: .completed)))
            sink.close()
        }
        writer.start()
        var received: [Record] = []
        let deadline = Date(timeIntervalSinceNow: 30)
        while source.status != .ended(.completed) && Date() < deadline {
            source.wait(timeout: 1)
            received += source.poll()
        }
        #expect(source.status == .ended(.completed))
        #expect(steps(received) == Array(0..<count))
        #expect(source.diagnostics.skippedLines == 0, "a single write(2) per line: never half a line")
    }
}
