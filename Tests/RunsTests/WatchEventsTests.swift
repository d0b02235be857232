import Foundation
import Glibc
import Testing

@testable import Runs

/// The folder's inotify events: appends name the files to read; anything that changes the folder's
/// listing (or lost events) asks for a full pass.
@Suite struct WatchEventsTests {
    static func event(_ mask: Int32, _ name: String) -> [UInt8] {
        var name = Array(name.utf8) + [0]
        while name.count % 16 != 0 { name.append(0) }
        var bytes: [UInt8] = []
        for value in [UInt32(1), UInt32(bitPattern: mask), 0, UInt32(name.count)] {
            withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
        }
        return bytes + name
    }

    static func parse(_ events: [[UInt8]]) -> WatchEvents {
        var parsed = WatchEvents()
        events.joined().map { $0 }.withUnsafeBytes { parsed.parse($0) }
        return parsed
    }

    @Test func appendsNameTheirStreamsOnly() {
        let e = Self.parse([
            Self.event(Int32(IN_MODIFY), "a.ndjson"), Self.event(Int32(IN_MODIFY), "b.ndjson"),
            Self.event(Int32(IN_CLOSE_WRITE), "a.ndjson"), Self.event(Int32(IN_MODIFY), "notes.txt"),
            Self.event(Int32(IN_MODIFY), ".hidden.ndjson"),
        ])
        #expect(e.modified == ["a.ndjson", "b.ndjson"])
        #expect(!e.needsListing)
    }

    @Test func createsRemovalsAndOverflowNeedAListing() {
        for mask in [IN_CREATE, IN_DELETE, IN_MOVED_TO, IN_MOVED_FROM, IN_Q_OVERFLOW] {
            let e = Self.parse([Self.event(Int32(IN_MODIFY), "a.ndjson"), Self.event(Int32(mask), "c.ndjson")])
            #expect(e.needsListing, "mask \(mask)")
        }
        #expect(!Self.parse([]).needsListing)  // negative: no events, nothing to list
    }

    /// Between full passes a poll reads the files inotify named; a new file still becomes a row at once.
    @Test func betweenFullPassesAppendsAndNewFilesStillArrive() throws {
        let dir = RunsDirectorySourceTests.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = syntheticRun(memorizeAt: 50, generalizeAt: nil, end: nil)
        RunsDirectorySourceTests.append(RunsDirectorySourceTests.text(Array(run.prefix(5))), to: dir + "/a.ndjson")
        let source = RunsDirectorySource(directory: dir)
        try #require(source.readinessDescriptor != nil)
        source.fullScanInterval = .infinity
        var table = RunsTable(staleAfter: 30)
        #expect(source.poll(into: &table, now: 0).changed)
        let before = table.rows(now: 0)[0].step
        RunsDirectorySourceTests.append(RunsDirectorySourceTests.text(Array(run[5..<9])), to: dir + "/a.ndjson")
        #expect(source.poll(into: &table, now: 0).changed)
        #expect(table.rows(now: 0)[0].step! > before!)
        #expect(!source.poll(into: &table, now: 0).changed)  // negative: nothing new
        RunsDirectorySourceTests.append(RunsDirectorySourceTests.text(Array(run.prefix(3))), to: dir + "/b.ndjson")
        #expect(source.poll(into: &table, now: 0).changed)
        #expect(table.rows(now: 0).map(\.name) == ["a", "b"])
    }
}
