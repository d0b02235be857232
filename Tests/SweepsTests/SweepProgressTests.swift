import Sweeps
import Testing

/// The running sweep's status line: counts from the launcher's events, stop and finish states.
@Suite struct SweepProgressTests {
    let runs = try! SweepGrid(preset: "demo", axes: [], seeds: SweepGrid.seeds("0-3")).runs()

    @Test func countsFollowTheLaunchersEvents() {
        var p = SweepProgress(total: 4, jobs: 2)
        #expect(p.queued == 4 && p.running == 0)
        p.apply(.skipped(runs[0], .grokked))
        p.apply(.started(runs[1], resumed: false))
        p.apply(.started(runs[2], resumed: true))
        #expect(p.running == 2 && p.done == 1 && p.queued == 1)
        p.apply(.finished(runs[1], exitStatus: 0, state: .finished(.memorizedOnly)))
        // Negative: a child that ended without an end record while nobody asked it to stop failed.
        p.apply(.finished(runs[2], exitStatus: 1, state: .unfinished(checkpoint: nil)))
        #expect(p.done == 2 && p.failed == 1 && p.stopped == 0 && p.running == 0 && p.queued == 1)
        #expect(p.statusLine == "sweep: 0 running · 1 queued · 2 done · 1 failed · jobs 2")
        #expect(!p.isFinished)
    }

    @Test func aStopTurnsUnfinishedChildrenIntoStoppedNotFailed() {
        var p = SweepProgress(total: 4, jobs: 2)
        p.apply(.started(runs[0], resumed: false))
        p.apply(.started(runs[1], resumed: false))
        p.stopRequested()
        #expect(p.statusLine.hasPrefix("sweep stopping: 2 running"))
        p.apply(.finished(runs[0], exitStatus: 130, state: .unfinished(checkpoint: "c")))
        p.apply(.finished(runs[1], exitStatus: 0, state: .finished(.grokked)))
        #expect(p.stopped == 1 && p.failed == 0 && p.done == 1)
        p.finish()
        #expect(p.statusLine == "sweep stopped: 1 done · 0 failed · 1 stopped · 2 not started")
    }

    @Test func finishedAndFailedSweepsSaySo() {
        var p = SweepProgress(total: 2, jobs: 1)
        p.apply(.skipped(runs[0], .grokked))
        p.apply(.skipped(runs[1], .diverged))
        p.finish()
        #expect(p.isFinished && p.statusLine == "sweep finished: 2 done · 0 failed")
        #expect(!p.statusLine.contains("stopped"))
        var bad = SweepProgress(total: 2, jobs: 1)
        bad.finish(error: "cannot start /x: No such file")
        #expect(bad.statusLine == "sweep failed: cannot start /x: No such file")
    }
}
