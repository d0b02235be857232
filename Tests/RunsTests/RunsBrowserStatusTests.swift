import Foundation
import Runs
import Testing

@testable import RunsView

/// The browser skips idle frames unless something on screen may change: a sweep's status line is one
/// such thing (counts change without any file being written).
@Suite struct RunsBrowserStatusTests {
    final class Status: @unchecked Sendable { var text = "sweep: 1 running" }

    @Test func aChangedStatusLineWakesTheIdleTableAndShowsInTheModel() throws {
        let directory = NSTemporaryDirectory() + "gs-browser-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let browser = RunsBrowser(
            source: RunsDirectorySource(directory: directory), table: RunsTable(staleAfter: 30), title: "runs")
        #expect(browser.model(now: 0).status == nil)  // watch DIR: no status line
        #expect(!browser.statusesMayHaveChanged(now: 0))
        let status = Status()
        browser.statusLine = { status.text }
        #expect(browser.model(now: 0).status == "sweep: 1 running")
        #expect(browser.statusesMayHaveChanged(now: 0))  // never drawn yet
        browser.lastStatus = "sweep: 1 running"
        #expect(!browser.statusesMayHaveChanged(now: 0))  // negative: drawn and unchanged
        status.text = "sweep finished: 1 done · 0 failed"
        #expect(browser.statusesMayHaveChanged(now: 0))
    }
}
