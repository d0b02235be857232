import Foundation
import Snapshots
import Testing

@testable import Runs

@Suite struct RunsDirectorySourceTests {
    static func makeDirectory() -> String {
        let path = NSTemporaryDirectory() + "runs-source-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func text(_ records: [Record]) -> String { records.map(RecordEncoder.line).joined() }

    static func append(_ text: String, to path: String) {
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        } else {
            #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        }
    }

    /// Descriptors of this process that point into `directory` (other tests' files do not count).
    static func openDescriptors(into directory: String) -> Int {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.filter { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"))?.hasPrefix(directory)
                ?? false
        }.count
    }

    @Test func discoversFilesFollowsAppendsAndMarksDeletions() {
        let dir = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = syntheticRun(memorizeAt: 50, generalizeAt: 300)
        Self.append(Self.text(run), to: dir + "/a.ndjson")
        let partial = Self.text(Array(run.prefix(10)))
        Self.append(String(partial.dropLast(7)), to: dir + "/b.ndjson")  // torn last line
        Self.append("not a stream\n", to: dir + "/notes.txt")  // not a stream: ignored
        let source = RunsDirectorySource(directory: dir)
        var table = RunsTable(staleAfter: 30)
        #expect(source.poll(into: &table, now: 0).changed)
        var rows = table.rows(now: 0)
        #expect(rows.map(\.name) == ["a", "b"])
        #expect(rows[0].status == .done && rows[0].outcome == .grokked)
        #expect(rows[1].status == .live && rows[1].step == 70)  // the torn evaluation (step 80) waits
        #expect(Self.openDescriptors(into: dir) == 0)  // nothing held between polls

        // The rest of b's line arrives, a new file appears.
        Self.append(String(partial.suffix(7)), to: dir + "/b.ndjson")
        Self.append(Self.text(Array(run.prefix(3))), to: dir + "/c.ndjson")
        #expect(source.poll(into: &table, now: 1).changed)
        rows = table.rows(now: 1)
        #expect(rows.map(\.name) == ["a", "b", "c"])
        #expect(rows[1].step == 80)

        // Nothing new: nothing changed (negative case).
        #expect(!source.poll(into: &table, now: 2).changed)

        try? FileManager.default.removeItem(atPath: dir + "/a.ndjson")
        #expect(source.poll(into: &table, now: 3).changed)
        rows = table.rows(now: 3)
        #expect(rows.map(\.name) == ["a", "b", "c"])  // marked, not dropped
        #expect(rows[0].status == .deleted && rows[0].outcome == .grokked)
        #expect(rows[1].status == .live)
    }

    @Test func aBigBacklogArrivesOverSeveralPolls() {
        let dir = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Self.append(Self.text(syntheticRun(memorizeAt: 50, generalizeAt: 3000, steps: 20_000)), to: dir + "/big.ndjson")
        let source = RunsDirectorySource(directory: dir)
        source.bytesPerFilePerPoll = 16 << 10
        var table = RunsTable()
        var polls = 1
        var result = source.poll(into: &table, now: 0)
        let firstStep = table.rows(now: 0)[0].step ?? 0
        while result.more && polls < 10_000 {
            result = source.poll(into: &table, now: 0)
            polls += 1
        }
        #expect(polls > 1 && firstStep < 19_990)
        #expect(table.rows(now: 0)[0].step == 19_990)
        #expect(table.rows(now: 0)[0].status == .done)
    }

    @Test func manyFilesFillEvenlyWithinThePollBudget() {
        let dir = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = Self.text(syntheticRun(memorizeAt: 50, generalizeAt: 300, steps: 4000))
        for i in 0..<6 { Self.append(text, to: dir + "/r\(i).ndjson") }
        let source = RunsDirectorySource(directory: dir)
        source.bytesPerPoll = text.utf8.count  // about one file's worth per poll
        var table = RunsTable()
        #expect(source.poll(into: &table, now: 0).more)
        var rows = table.rows(now: 0)
        #expect(rows.count == 6)  // every run has a row at once
        #expect(rows.filter { $0.status == .done }.count < 6)
        var polls = 1
        while source.poll(into: &table, now: 0).more && polls < 100 { polls += 1 }
        rows = table.rows(now: 0)
        #expect(rows.allSatisfy { $0.status == .done && $0.step == 3990 })
        #expect(polls >= 5)  // the budget held: 6 files' worth took several polls
    }

    @Test func streamFilesListsOnlyNDJSON() {
        let dir = Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(RunsDirectorySource.streamFiles(in: dir) == [])
        Self.append("", to: dir + "/x.ndjson")
        Self.append("", to: dir + "/sweep.json")
        Self.append("", to: dir + "/.hidden.ndjson")
        #expect(RunsDirectorySource.streamFiles(in: dir) == ["x.ndjson"])
        #expect(RunsDirectorySource.streamFiles(in: dir + "/missing") == nil)
    }
}
