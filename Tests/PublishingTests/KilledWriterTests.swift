import Foundation
import Glibc
import Publishing
import Snapshots
import Testing

/// A writer killed by SIGKILL in the middle of a line: the reader accepts everything up to the last
/// complete record and reports the torn rest, never misreading it.
@Suite struct KilledWriterTests {
    @Test func readerAcceptsTheFileUpToTheLastCompleteRecord() throws {
        let path = temporaryDirectory() + "/killed.ndjson"
        let complete = line(sampleHeader) + (0..<3).map { line(evaluation($0)) }.joined()
        let partial = #"{"type":"eval","step":3,"time":0.3,"train_lo"#
        // The child writes complete lines and a partial one with separate writes, then kills itself.
        let script = "printf '%s' \"$1\" >> \"$3\"; printf '%s' \"$2\" >> \"$3\"; kill -9 $$; echo never >> \"$3\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "writer", complete, partial, path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)

        let (records, diagnostics) = try StreamFile.readAll(path: path)
        #expect(records == [sampleHeader] + (0..<3).map(evaluation))
        #expect(diagnostics.incompleteTailBytes == partial.utf8.count)
        #expect(diagnostics.skippedLines == 0)
        #expect(diagnostics.summary.contains("incomplete last line"))

        let tail = FileTailSource(path: path)
        #expect(tail.poll().count == 4, "a live reader waits for the rest of the torn line")
        #expect(tail.diagnostics.skippedLines == 0)
    }
}
