import Foundation
import Glibc
import Publishing
import Snapshots
import Testing

@Suite struct RecordChannelTests {
    @Test func consumerThatKeepsUpSeesEverythingInOrder() {
        let channel = RecordChannel(evaluationCapacity: 8)
        var seen: [Record] = []
        channel.send(sampleHeader)
        for step in 0..<100 {
            channel.send(evaluation(step))
            if step % 5 == 0 { channel.send(.event(RunEvent(step: step, kind: "note", message: "n\(step)"))) }
            if step % 3 == 0 { seen += channel.drain().records }
        }
        channel.send(.end(RunEnd(step: 99, status: .completed)))
        seen += channel.drain().records
        #expect(channel.droppedCount == 0)
        var expected: [Record] = [sampleHeader]
        for step in 0..<100 {
            expected.append(evaluation(step))
            if step % 5 == 0 { expected.append(.event(RunEvent(step: step, kind: "note", message: "n\(step)"))) }
        }
        expected.append(.end(RunEnd(step: 99, status: .completed)))
        #expect(seen == expected)
    }

    @Test func overloadKeepsTheLatestEvaluationsAndEveryOtherRecord() {
        let channel = RecordChannel(evaluationCapacity: 10)
        channel.send(sampleHeader)
        for step in 0..<1000 {
            channel.send(evaluation(step))
            if step % 100 == 0 { channel.send(.event(RunEvent(step: step, kind: "phase", message: ""))) }
        }
        channel.send(.end(RunEnd(step: 999, status: .diverged)))
        let (records, dropped) = channel.drain()
        #expect(dropped == 990)
        #expect(channel.droppedCount == 990)
        #expect(records.first == sampleHeader)
        #expect(records.last == .end(RunEnd(step: 999, status: .diverged)))
        #expect(steps(records) == Array(990..<1000))
        #expect(records.filter { if case .event = $0 { return true } else { return false } }.count == 10)
        // Order across kinds is the send order: the events all came before the surviving evaluations.
        let firstEvaluation = records.firstIndex { if case .evaluation = $0 { return true } else { return false } }!
        #expect(records[..<firstEvaluation].count == 11)
        let second = channel.drain()
        #expect(second.records.isEmpty && second.dropped == 0)
        #expect(channel.droppedCount == 990, "the total is cumulative")
    }

    @Test func eventsAreBoundedButHeadersAndEndsNeverDrop() {
        let channel = RecordChannel(evaluationCapacity: 4, eventCapacity: 3)
        channel.send(sampleHeader)
        for step in 0..<10 { channel.send(.event(RunEvent(step: step, kind: "note", message: ""))) }
        channel.send(sampleHeader)
        channel.send(.end(RunEnd(step: 10, status: .interrupted)))
        let (records, dropped) = channel.drain()
        #expect(records.filter { $0 == sampleHeader }.count == 2)
        #expect(records.last == .end(RunEnd(step: 10, status: .interrupted)))
        let eventSteps = records.compactMap { if case .event(let e) = $0 { return e.step } else { return nil } }
        #expect(eventSteps == [7, 8, 9])
        #expect(dropped == 7)
    }

    @Test func producerNeverWaitsForAnAbsentConsumer() {
        let channel = RecordChannel(evaluationCapacity: 16)
        for step in 0..<200_000 { channel.send(evaluation(step)) }  // completes: no blocking, bounded memory
        let (records, dropped) = channel.drain()
        #expect(records.count == 16)
        #expect(dropped == 200_000 - 16)
        #expect(steps(records).first == 200_000 - 16)
    }

    @Test func waitTimesOutWithoutDataAndWakesOnSend() async {
        let channel = RecordChannel()
        #expect(channel.wait(timeout: 0.02) == false)
        let producer = Thread {
            usleep(20_000)
            channel.send(evaluation(1))
        }
        producer.start()
        #expect(channel.wait(timeout: 10) == true)
        #expect(steps(channel.poll()) == [1])
    }

    @Test func readinessDescriptorFollowsPendingData() throws {
        let channel = RecordChannel()
        let fd = try #require(channel.readinessDescriptor)
        func readable() -> Bool {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            return Glibc.poll(&entry, 1, 0) == 1
        }
        #expect(!readable())
        channel.send(evaluation(1))
        channel.send(evaluation(2))
        #expect(readable())
        _ = channel.drain()
        #expect(!readable())
        channel.send(evaluation(3))
        #expect(readable())
    }

    @Test func statusFollowsTheStream() {
        let channel = RecordChannel()
        channel.send(sampleHeader)
        _ = channel.poll()
        #expect(channel.status == .live)
        channel.send(.end(RunEnd(step: 3, status: .completed)))
        _ = channel.poll()
        #expect(channel.status == .ended(.completed))
        let other = RecordChannel()
        other.close()
        #expect(other.wait(timeout: 5) == false, "close wakes the waiter without data")
        _ = other.poll()
        #expect(other.status == .endOfInput)
    }
}
